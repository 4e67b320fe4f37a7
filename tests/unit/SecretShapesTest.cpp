// SPDX-License-Identifier: MIT
#include "log/SecretShapes.h"

#include <QByteArray>
#include <QUrl>
#include <catch2/catch.hpp>

using blobferry::log::SecretShapes;

namespace {

// A well-formed account key: 64 bytes in base64, 88 characters ending in "==".
QString accountKey(char fill)
{
    QByteArray bytes(64, fill);
    for (int i = 0; i < bytes.size(); ++i)
        bytes[i] = char(bytes[i] + i * 37); // '+' and '/' appear in the base64
    return QString::fromLatin1(bytes.toBase64());
}

} // namespace

TEST_CASE("an account key is masked wherever it stands, as typed or percent-encoded", "[secrets]")
{
    const QString key = accountKey('k');
    REQUIRE(key.size() == 88);
    REQUIRE(key.endsWith(QLatin1String("==")));
    const QString encoded = QString::fromLatin1(QUrl::toPercentEncoding(key));
    for (const QString &text :
         {key, QStringLiteral("blobferry-cli /data http://h/acc/box /DestKey: ") + key,
          QStringLiteral("the source /home/me/") + key + QStringLiteral(" does not exist"),
          QStringLiteral("malformed URL 'http://acc:") + key + QStringLiteral("@h/acc/box'"),
          QStringLiteral("http://") + encoded + QStringLiteral("@h/acc/box"),
          QStringLiteral("pattern \"") + key + QStringLiteral("\" matched no file")}) {
        const QString masked = SecretShapes::mask(text);
        INFO(text.toStdString() << " -> " << masked.toStdString());
        CHECK_FALSE(masked.contains(key));
        CHECK_FALSE(masked.contains(encoded));
        CHECK_FALSE(masked.contains(key.left(40)));
        CHECK(masked.contains(QLatin1String("***")));
    }
    // A path cleaned of a "//" in the key (QDir::cleanPath) leaves 85 characters before "==":
    // the 86 masked still cover them.
    const QString cleaned = QStringLiteral("/home/me/") + key.left(20) + key.mid(21);
    CHECK_FALSE(SecretShapes::mask(cleaned).contains(key.mid(21, 60)));
}

TEST_CASE("SAS signatures, bearer tokens and JSON Web Tokens are masked", "[secrets]")
{
    CHECK(SecretShapes::mask(
              QStringLiteral("https://a.blob.core.windows.net/c?sv=2021&sig=abc%2Bdef&sp=r")) ==
          QStringLiteral("https://a.blob.core.windows.net/c?sv=2021&sig=***&sp=r"));
    CHECK(SecretShapes::mask(QStringLiteral("Authorization: Bearer abc.def-ghi_jkl~mno+pqr/st")) ==
          QStringLiteral("Authorization: Bearer ***"));
    const QString jwt =
        QStringLiteral("eyJhbGciOiJSUzI1NiJ9.eyJzdWIiOiIxMjM0NTY3ODkwIn0.c2lnbmF0dXJlLXNpZw");
    CHECK(SecretShapes::mask(QStringLiteral("token ") + jwt + QStringLiteral(" given")) ==
          QStringLiteral("token *** given"));
    CHECK(SecretShapes::mask(QStringLiteral("DefaultEndpointsProtocol=https;AccountName=a;"
                                            "AccountKey=abc==;EndpointSuffix=x")) ==
          QStringLiteral("DefaultEndpointsProtocol=https;AccountName=a;AccountKey=***;"
                         "EndpointSuffix=x"));
}

TEST_CASE("what is not shaped like a secret stays as it is", "[secrets]")
{
    for (const QString &text :
         {QStringLiteral("Finished Transfer: photos/2024/IMG_0001.jpg (1048576 bytes)"),
          // An MD5 and a block id are base64 too, but short.
          QStringLiteral("Content-MD5 1B2M2Y8AsgTpgAmY7PhCfg=="),
          QStringLiteral("blockid=YmxvY2stMDAwMDAx"),
          // A base64 run that does not end in "==".
          QString(QLatin1Char('A')).repeated(120),
          QStringLiteral("--concurrency 8 --block-size 4 /Z:restart.log"),
          QStringLiteral("http://127.0.0.1:10000/devstoreaccount1/box")}) {
        INFO(text.toStdString());
        CHECK(SecretShapes::mask(text) == text);
    }
}
