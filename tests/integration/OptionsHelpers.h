// SPDX-License-Identifier: MIT
#pragma once
// What the option tests (OptionsTest.cpp, BlobCopyTest.cpp) share: command lines and raw
// looks at blobs.
#include "azure/BlobRequests.h"
#include "support/TestService.h"

#include <QBuffer>
#include <QStringList>
#include <catch2/catch.hpp>

namespace blobferry::test::options {

constexpr qint64 kMiB = 1024 * 1024;

inline QStringList upload(const TestService &service, const QString &from, const QString &container,
                          const QStringList &extra = {})
{
    return QStringList{from, service.containerUrl(container), QStringLiteral("--dest-key"),
                       service.key()} +
           extra;
}

inline QStringList download(const TestService &service, const QString &container, const QString &to,
                            const QStringList &extra = {})
{
    return QStringList{service.containerUrl(container), to, QStringLiteral("--source-key"),
                       service.key()} +
           extra;
}

inline net::HttpResult head(const TestService &service, const QString &container,
                            const QString &name)
{
    return service.send(service.requests(container).getProperties(name));
}

// A blob written with properties of its own (as another tool would have left it).
inline void putBlobWith(const TestService &service, const QString &container, const QString &name,
                        const QByteArray &data, const azure::BlobProperties &properties)
{
    auto request = service.requests(container).putBlob(
        name, data.size(),
        [data]() -> QIODevice * {
            auto *buffer = new QBuffer;
            buffer->setData(data);
            buffer->open(QIODevice::ReadOnly);
            return buffer;
        },
        properties);
    REQUIRE(service.send(request).status == 201);
}

} // namespace blobferry::test::options
