// SPDX-License-Identifier: MIT
#pragma once

#include <QString>

namespace blobferry::log {

// Masks values shaped like secrets, whoever wrote them and wherever they stand: a command
// line with a key where a path belongs, an error quoting a URL, a debug line with a header.
// RunLog::redact() runs every log line through it; the CLI its error messages.
class SecretShapes final
{
public:
    // text with each of these replaced by "***" (their labels, such as "sig=", kept):
    // - an account key: base64 of 64 bytes (86 characters and "=="), also percent-encoded;
    // - a SAS signature ("sig=..."), a connection string's AccountKey= or
    //   SharedAccessSignature=, an Authorization header's SharedKey signature;
    // - a bearer token ("Bearer ...") and a JSON Web Token (eyJ....eyJ....sig);
    // - the password in a URL's user info.
    static QString mask(const QString &text);
};

} // namespace blobferry::log
