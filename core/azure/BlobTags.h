// SPDX-License-Identifier: MIT
#pragma once

#include "BlobDetails.h"

namespace blobferry::azure {

// A blob's index tags (Get/Set Blob Tags), in the order the service returned them.
// The service's rules: at most 10 tags; a name of 1–128 and a value of 0–256 characters from
// letters, digits, space and + - . / : = _; names are case-sensitive and unique.
constexpr int kMaxTags = 10;

// Why these tags cannot be set, one line naming the tag and what to do; empty when they can.
QString tagsProblem(const KeyValues &tags);
// The body of Set Blob Tags.
QByteArray tagsBody(const KeyValues &tags);
// The body of Get Blob Tags; false, with *error, when it is not a tag set.
bool parseTags(const QByteArray &body, KeyValues *tags, QString *error);

} // namespace blobferry::azure
