// SPDX-License-Identifier: MIT
// Every expected string-to-sign below is written out by hand from "Authorize with Shared Key"
// (see /work/shared/AZURE.md), one line per field. Every expected signature was computed
// outside this code with python3:
//   base64(hmac.new(base64.b64decode(DEV_KEY), sts.encode(), hashlib.sha256).digest())
#include "azure/SharedKeySigner.h"

#include "azure/ConnectionString.h"

#include <QNetworkRequest>
#include <catch2/catch.hpp>

using blobferry::azure::HeaderList;
using blobferry::azure::kDevKey;
using blobferry::azure::SharedKeySigner;

namespace {

const QByteArray kDate = "Mon, 01 Jan 2024 00:00:00 GMT";
const QByteArray kVersion = "2025-11-05";

QByteArray devKey()
{
    return QByteArray::fromBase64(QByteArray(kDevKey));
}

SharedKeySigner signerFor(const char *account)
{
    return SharedKeySigner(QString::fromLatin1(account), devKey());
}

HeaderList baseHeaders()
{
    return {{"x-ms-version", kVersion}, {"x-ms-date", kDate}};
}

QUrl encoded(const char *text)
{
    return QUrl::fromEncoded(QByteArray(text), QUrl::StrictMode);
}

} // namespace

TEST_CASE("list blobs on a path-style emulator URL signs the account twice and sorted query "
          "names",
          "[sharedkey]")
{
    const auto signer = signerFor("devstoreaccount1");
    const QUrl url =
        encoded("http://127.0.0.1:10000/devstoreaccount1/cont?restype=container&comp=list");
    const QByteArray expected = "GET\n"
                                "\n" // Content-Encoding
                                "\n" // Content-Language
                                "\n" // Content-Length (0: empty)
                                "\n" // Content-MD5
                                "\n" // Content-Type
                                "\n" // Date (x-ms-date is sent)
                                "\n" // If-Modified-Since
                                "\n" // If-Match
                                "\n" // If-None-Match
                                "\n" // If-Unmodified-Since
                                "\n" // Range
                                "x-ms-date:Mon, 01 Jan 2024 00:00:00 GMT\n"
                                "x-ms-version:2025-11-05\n"
                                "/devstoreaccount1/devstoreaccount1/cont\n"
                                "comp:list\n"
                                "restype:container";
    const QByteArray sts = signer.stringToSign("GET", baseHeaders(), url, 0);
    CHECK(sts == expected);
    CHECK(signer.signature(sts) == "XOr+rzHzqqhsauNXD0MHIxVV0/MS0WgT03+32DwTE1g=");
}

TEST_CASE("a PUT signs its Content-Length and Content-Type on a virtual-host URL", "[sharedkey]")
{
    const auto signer = signerFor("myaccount");
    HeaderList headers = baseHeaders();
    headers.emplaceBack("Content-Type", "text/plain");
    headers.emplaceBack("x-ms-blob-type", "BlockBlob");
    const QByteArray expected = "PUT\n"
                                "\n"   // Content-Encoding
                                "\n"   // Content-Language
                                "11\n" // Content-Length
                                "\n"   // Content-MD5
                                "text/plain\n"
                                "\n" // Date
                                "\n" // If-Modified-Since
                                "\n" // If-Match
                                "\n" // If-None-Match
                                "\n" // If-Unmodified-Since
                                "\n" // Range
                                "x-ms-blob-type:BlockBlob\n"
                                "x-ms-date:Mon, 01 Jan 2024 00:00:00 GMT\n"
                                "x-ms-version:2025-11-05\n"
                                "/myaccount/cont/blob";
    const QByteArray sts = signer.stringToSign(
        "PUT", headers, encoded("https://myaccount.blob.core.windows.net/cont/blob"), 11);
    CHECK(sts == expected);
    CHECK(signer.signature(sts) == "ErlJyHzp0mF7kx2J1A6PCUgeE02E6WE60NFGG77h90c=");
}

TEST_CASE("listing containers on a virtual-host URL signs the service root as /account/",
          "[sharedkey]")
{
    const auto signer = signerFor("myaccount");
    const QByteArray expected = "GET\n"
                                "\n\n\n\n\n\n\n\n\n\n\n" // eleven empty standard headers
                                "x-ms-date:Mon, 01 Jan 2024 00:00:00 GMT\n"
                                "x-ms-version:2025-11-05\n"
                                "/myaccount/\n"
                                "comp:list";
    const QByteArray sts = signer.stringToSign(
        "GET", baseHeaders(), encoded("https://myaccount.blob.core.windows.net/?comp=list"), 0);
    CHECK(sts == expected);
    CHECK(signer.signature(sts) == "bjQVkoJh+W0SZGIi2ThQlUgPQUK565Zjt0mn0U2YRmo=");
}

TEST_CASE("listing containers on a path-style URL signs /account/account", "[sharedkey]")
{
    const auto signer = signerFor("devstoreaccount1");
    const QByteArray expected = "GET\n"
                                "\n\n\n\n\n\n\n\n\n\n\n" // eleven empty standard headers
                                "x-ms-date:Mon, 01 Jan 2024 00:00:00 GMT\n"
                                "x-ms-version:2025-11-05\n"
                                "/devstoreaccount1/devstoreaccount1\n"
                                "comp:list";
    const QByteArray sts = signer.stringToSign(
        "GET", baseHeaders(), encoded("http://127.0.0.1:10000/devstoreaccount1?comp=list"), 0);
    CHECK(sts == expected);
    CHECK(signer.signature(sts) == "9cYHhMv5En5Mb/OE62iiT7EDrxNJoWdjtAHpUwez3fo=");
}

TEST_CASE("a ranged GET signs If-Match in its slot and x-ms-range among the x-ms headers",
          "[sharedkey]")
{
    const auto signer = signerFor("devstoreaccount1");
    HeaderList headers = baseHeaders();
    headers.emplaceBack("x-ms-range", "bytes=0-1023");
    headers.emplaceBack("If-Match", "\"0x8DC0123456789AB\"");
    const QByteArray expected = "GET\n"
                                "\n" // Content-Encoding
                                "\n" // Content-Language
                                "\n" // Content-Length
                                "\n" // Content-MD5
                                "\n" // Content-Type
                                "\n" // Date
                                "\n" // If-Modified-Since
                                "\"0x8DC0123456789AB\"\n"
                                "\n" // If-None-Match
                                "\n" // If-Unmodified-Since
                                "\n" // Range (x-ms-range is used instead)
                                "x-ms-date:Mon, 01 Jan 2024 00:00:00 GMT\n"
                                "x-ms-range:bytes=0-1023\n"
                                "x-ms-version:2025-11-05\n"
                                "/devstoreaccount1/devstoreaccount1/cont/blob";
    const QByteArray sts = signer.stringToSign(
        "GET", headers, encoded("http://127.0.0.1:10000/devstoreaccount1/cont/blob"), 0);
    CHECK(sts == expected);
    CHECK(signer.signature(sts) == "qa4+pP8SM1pln2FyzajthjL/HIfeyykutygpg1yiFOo=");
}

TEST_CASE("a percent-encoded block id is signed decoded while the path stays encoded",
          "[sharedkey]")
{
    const auto signer = signerFor("devstoreaccount1");
    const QUrl url = encoded("http://127.0.0.1:10000/devstoreaccount1/cont/my%20file.bin"
                             "?comp=block&blockid=Pz8%2BPz8%2FLTAwMDAwMQ%3D%3D");
    const QByteArray expected = "PUT\n"
                                "\n"  // Content-Encoding
                                "\n"  // Content-Language
                                "4\n" // Content-Length
                                "\n"  // Content-MD5
                                "\n"  // Content-Type
                                "\n"  // Date
                                "\n"  // If-Modified-Since
                                "\n"  // If-Match
                                "\n"  // If-None-Match
                                "\n"  // If-Unmodified-Since
                                "\n"  // Range
                                "x-ms-date:Mon, 01 Jan 2024 00:00:00 GMT\n"
                                "x-ms-version:2025-11-05\n"
                                "/devstoreaccount1/devstoreaccount1/cont/my%20file.bin\n"
                                "blockid:Pz8+Pz8/LTAwMDAwMQ==\n"
                                "comp:block";
    const QByteArray sts = signer.stringToSign("PUT", baseHeaders(), url, 4);
    CHECK(sts == expected);
    CHECK(signer.signature(sts) == "l6+XL0pZze8V1ay/47K4WqHlSX/wIyeOEi0UPXVa+tI=");
}

TEST_CASE("query names are lower-cased and repeated values joined in sorted order, x-ms header "
          "names are lower-cased",
          "[sharedkey]")
{
    const auto signer = signerFor("devstoreaccount1");
    const HeaderList headers{{"X-MS-Version", kVersion}, {"X-Ms-Date", kDate}};
    const QUrl url = encoded("http://127.0.0.1:10000/devstoreaccount1/cont"
                             "?Restype=container&COMP=list&include=snapshots&include=metadata");
    const QByteArray expected = "GET\n"
                                "\n\n\n\n\n\n\n\n\n\n\n" // eleven empty standard headers
                                "x-ms-date:Mon, 01 Jan 2024 00:00:00 GMT\n"
                                "x-ms-version:2025-11-05\n"
                                "/devstoreaccount1/devstoreaccount1/cont\n"
                                "comp:list\n"
                                "include:metadata,snapshots\n"
                                "restype:container";
    const QByteArray sts = signer.stringToSign("GET", headers, url, 0);
    CHECK(sts == expected);
    CHECK(signer.signature(sts) == "YlHuCFdk//mstmfcHL28em7IaRZRrhQuOftVROqwsM8=");
}

TEST_CASE("a Content-Length of zero leaves its line empty even when the header is present",
          "[sharedkey]")
{
    const auto signer = signerFor("devstoreaccount1");
    HeaderList headers = baseHeaders();
    headers.emplaceBack("Content-Length", "0");
    const QByteArray sts = signer.stringToSign(
        "PUT", headers, encoded("http://127.0.0.1:10000/devstoreaccount1/cont/blob"), 0);
    CHECK(sts.startsWith("PUT\n\n\n\n"));
}

TEST_CASE("sign() adds Authorization: SharedKey account:signature to a request", "[sharedkey]")
{
    const auto signer = signerFor("devstoreaccount1");
    QNetworkRequest request(
        encoded("http://127.0.0.1:10000/devstoreaccount1/cont?restype=container&comp=list"));
    request.setRawHeader("x-ms-date", kDate);
    request.setRawHeader("x-ms-version", kVersion);
    signer.sign(request, "GET", 0);
    CHECK(request.rawHeader("Authorization") ==
          "SharedKey devstoreaccount1:XOr+rzHzqqhsauNXD0MHIxVV0/MS0WgT03+32DwTE1g=");
}

TEST_CASE("sign() includes a Content-Type set through QNetworkRequest::setHeader", "[sharedkey]")
{
    const auto signer = signerFor("myaccount");
    QNetworkRequest request(encoded("https://myaccount.blob.core.windows.net/cont/blob"));
    request.setRawHeader("x-ms-date", kDate);
    request.setRawHeader("x-ms-version", kVersion);
    request.setRawHeader("x-ms-blob-type", "BlockBlob");
    request.setHeader(QNetworkRequest::ContentTypeHeader, QByteArray("text/plain"));
    signer.sign(request, "PUT", 11);
    CHECK(request.rawHeader("Authorization") ==
          "SharedKey myaccount:ErlJyHzp0mF7kx2J1A6PCUgeE02E6WE60NFGG77h90c=");
}
