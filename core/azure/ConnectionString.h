// SPDX-License-Identifier: MIT
#pragma once

#include "Credential.h"

#include <QString>
#include <optional>

namespace blobferry::azure {

// An Azure Storage connection string reduced to what the Blob service needs:
//   DefaultEndpointsProtocol=https;AccountName=…;AccountKey=…;EndpointSuffix=core.windows.net
//   BlobEndpoint=…;SharedAccessSignature=…
//   UseDevelopmentStorage=true
struct ConnectionString final
{
    QString blobEndpoint; // scheme://host[:port][/account], no trailing slash
    Credential credential;

    static std::optional<ConnectionString> parse(const QString &text, QString *error);
};

// The emulator's well-known account (public, documented by Microsoft).
inline constexpr char kDevAccount[] = "devstoreaccount1";
inline constexpr char kDevKey[] =
    "Eby8vdM02xNOcqFlqUwJPLlmEtlCDXJ1OUzFT50uSRZ6IFsuFq2UVErCz4I6tq/K1SZFPTOtr/KBHBeksoGMGw==";
inline constexpr char kDevEndpoint[] = "http://127.0.0.1:10000/devstoreaccount1";

} // namespace blobferry::azure
