// SPDX-License-Identifier: MIT
#pragma once

#include "CliOption.h"

// The upload-time options of AzCopy v10 (--block-blob-tier, --metadata, --blob-tags and the
// four headers): each checks its value with transfer::UploadAttributes, whose rules the
// window's Settings share, and writes it into the spec. Rows in CliOptionTable.cpp.
namespace blobferry::cli::uploadAttributes {

bool applyTier(const QString &value, CliOptionTarget &target, QString *error);
bool applyMetadata(const QString &value, CliOptionTarget &target, QString *error);
bool applyTags(const QString &value, CliOptionTarget &target, QString *error);
bool applyCacheControl(const QString &value, CliOptionTarget &target, QString *error);
bool applyContentDisposition(const QString &value, CliOptionTarget &target, QString *error);
bool applyContentEncoding(const QString &value, CliOptionTarget &target, QString *error);
bool applyContentLanguage(const QString &value, CliOptionTarget &target, QString *error);

// Their long names: options that apply to uploads only.
const QStringList &optionNames();

} // namespace blobferry::cli::uploadAttributes
