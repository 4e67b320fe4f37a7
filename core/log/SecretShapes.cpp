// SPDX-License-Identifier: MIT
#include "SecretShapes.h"

#include <QList>
#include <QRegularExpression>

namespace blobferry::log {

namespace {

struct Shape
{
    QRegularExpression pattern;
    QString replacement; // "\\1***": the label in group 1 stays
};

const QList<Shape> &shapes()
{
    const auto labelled = [](const char *pattern, bool caseInsensitive = true) {
        return Shape{QRegularExpression(QString::fromLatin1(pattern),
                                        caseInsensitive ? QRegularExpression::CaseInsensitiveOption
                                                        : QRegularExpression::NoPatternOption),
                     QStringLiteral("\\1***")};
    };
    static const QList<Shape> list{
        // A SAS signature in a URL or a token, encoded or not.
        labelled("(\\bsig=)[^&\\s\"'<>]+"),
        // Connection strings.
        labelled("(\\bAccountKey=)[^;\\s\"']+"),
        labelled("(\\bSharedAccessSignature=)[^;\\s\"']+"),
        // An Authorization header's signature.
        labelled("(\\bSharedKey(?:Lite)? [^:\\s]+:)\\S+", false),
        // A bearer token as an Authorization header carries it: "Bearer" capitalised and a
        // token of some length, so that a file named "bearer notes.txt" is left alone.
        labelled("(\\bBearer\\s+)[A-Za-z0-9._~+/-]{20,}=*", false),
        // A password in a URL's user info (a proxy URL).
        labelled("(://[^/\\s:@]*:)[^@\\s/]+(?=@)", false),
        // An account key (64 random bytes in base64) standing anywhere: as <Source>, in a
        // URL's user part, after "/DestKey: " (the space made it a pattern). Percent-encoded
        // too ('+' %2B, '/' %2F, '=' %3D). No look-behind: a key after a path's '/', or one
        // whose "//" a path cleaned away, is still masked (the 86 characters before its "==").
        // Nothing else blobferry prints ends 86 base64 characters with "==".
        {QRegularExpression(QStringLiteral("(?:[A-Za-z0-9+/]|%2[BbFf]){86}(?:==|%3[Dd]%3[Dd])"
                                           "(?![A-Za-z0-9+/=%])")),
         QStringLiteral("***")},
        // A JSON Web Token (an Azure AD access token): base64url header and claims, both of
        // which start with '{"' and so with "eyJ".
        {QRegularExpression(
             QStringLiteral("\\beyJ[A-Za-z0-9_-]+\\.eyJ[A-Za-z0-9_-]+\\.[A-Za-z0-9_-]*")),
         QStringLiteral("***")},
    };
    return list;
}

} // namespace

QString SecretShapes::mask(const QString &text)
{
    // Every shape holds '=', "://", "SharedKey", "Bearer", "eyJ" or a '%': most lines (a
    // file's outcome) have none and cost one scan.
    if (!text.contains(QLatin1Char('=')) && !text.contains(QLatin1String("://")) &&
        !text.contains(QLatin1Char('%')) && !text.contains(QLatin1String("eyJ")) &&
        !text.contains(QLatin1String("SharedKey")) && !text.contains(QLatin1String("Bearer")))
        return text;
    QString result = text;
    for (const Shape &shape : shapes())
        result.replace(shape.pattern, shape.replacement);
    return result;
}

} // namespace blobferry::log
