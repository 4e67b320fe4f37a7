// SPDX-License-Identifier: MIT
// The examples of the 2013 AzCopy announcement, as written, with a real URL where the post
// blanked it.
#include "support/CliRunner.h"
#include "support/TestService.h"
#include "support/TestTree.h"

#include <QDir>
#include <QFileInfo>
#include <QTemporaryDir>
#include <catch2/catch.hpp>

using namespace blobferry::test;

namespace {

void writeBlobData(const TestTree &tree)
{
    for (const char *name : {"car1.docx", "car2.docx", "car3.docx", "train1.docx",
                             "subfolder1/car_sub1.docx", "subfolder1/car_sub2.docx"})
        tree.write(QString::fromLatin1(name), 2048);
}

const QStringList kAllBlobs{QStringLiteral("car1.docx"),
                            QStringLiteral("car2.docx"),
                            QStringLiteral("car3.docx"),
                            QStringLiteral("subfolder1/car_sub1.docx"),
                            QStringLiteral("subfolder1/car_sub2.docx"),
                            QStringLiteral("train1.docx")};

} // namespace

TEST_CASE("example 1: a directory is copied recursively with /destkey and /S",
          "[examples][azurite]")
{
    TestService service;
    TestTree blobData;
    writeBlobData(blobData);
    const QString container = service.uniqueContainer(QStringLiteral("mycontainer"));
    const auto result = runCli({blobData.path(), service.containerUrl(container),
                                QStringLiteral("/destkey:") + service.key(), QStringLiteral("/S")});
    INFO(result.err.toStdString());
    REQUIRE(result.exitCode == 0);
    CHECK(service.blobNames(container) == kAllBlobs);

    // Without /S only the files directly in blob-data.
    const QString topOnly = service.uniqueContainer(QStringLiteral("mycontainer"));
    REQUIRE(runCli({blobData.path(), service.containerUrl(topOnly),
                    QStringLiteral("/destkey:") + service.key()})
                .exitCode == 0);
    CHECK(service.blobNames(topOnly) ==
          QStringList{QStringLiteral("car1.docx"), QStringLiteral("car2.docx"),
                      QStringLiteral("car3.docx"), QStringLiteral("train1.docx")});
}

TEST_CASE("example 2: a container is downloaded with /sourceKey /S /V and the summary",
          "[examples][azurite]")
{
    TestService service;
    TestTree blobData;
    writeBlobData(blobData);
    const QString container = service.uniqueContainer(QStringLiteral("mycontainer"));
    REQUIRE(runCli({blobData.path(), service.containerUrl(container),
                    QStringLiteral("/destkey:") + service.key(), QStringLiteral("/S")})
                .exitCode == 0);

    QTemporaryDir target;
    const auto result = runCli({service.containerUrl(container), target.path(),
                                QStringLiteral("/sourceKey:") + service.key(), QStringLiteral("/S"),
                                QStringLiteral("/V")});
    INFO(result.err.toStdString());
    REQUIRE(result.exitCode == 0);
    for (const QString &name : kAllBlobs)
        CHECK(result.outLines().contains(QStringLiteral("Finished Transfer: ") + name));
    CHECK(result.out.endsWith(QStringLiteral("Transfer summary:\n"
                                             "Total files transferred: 6\n"
                                             "Transfer successfully: 6\n"
                                             "Transfer failed: 0\n"
                                             "Transfer skipped: 0\n"
                                             "Renamed: 0\n")));
    CHECK(treeDifferences(blobData.path(), target.path()).isEmpty());

    // The same, only blobs that begin with "subfolder1/".
    QTemporaryDir subset;
    const auto prefixed =
        runCli({service.containerUrl(container), subset.path(), QStringLiteral("subfolder1/"),
                QStringLiteral("/sourceKey:") + service.key(), QStringLiteral("/S"),
                QStringLiteral("/V")});
    REQUIRE(prefixed.exitCode == 0);
    CHECK(filesUnder(subset.path()) == QStringList{QStringLiteral("subfolder1/car_sub1.docx"),
                                                   QStringLiteral("subfolder1/car_sub2.docx")});
}

TEST_CASE("example 3: five large files go up recursively", "[examples][azurite]")
{
    TestService service;
    TestTree blobData;
    for (int i = 1; i <= 5; ++i)
        blobData.write(QStringLiteral("car%1.docx").arg(i), 12 * 1024 * 1024 + i);
    const QString container = service.uniqueContainer(QStringLiteral("mycontainer"));
    // /Z:restart.log, relative to the working directory, as in the post.
    QTemporaryDir workingDirectory;
    CliOptions options;
    options.workingDirectory = workingDirectory.path();
    const auto result = runCli({blobData.path(), service.containerUrl(container),
                                QStringLiteral("/destkey:") + service.key(),
                                QStringLiteral("/Z:restart.log"), QStringLiteral("/S")},
                               options);
    REQUIRE(result.exitCode == 0);
    CHECK(service.blobNames(container).size() == 5);
    // A job that finished cleanly leaves no journal behind.
    CHECK_FALSE(
        QFileInfo::exists(QDir(workingDirectory.path()).filePath(QStringLiteral("restart.log"))));
    QTemporaryDir back;
    REQUIRE(runCli({service.containerUrl(container), back.path(),
                    QStringLiteral("/sourceKey:") + service.key(), QStringLiteral("/S")})
                .exitCode == 0);
    CHECK(treeDifferences(blobData.path(), back.path()).isEmpty());
}

TEST_CASE("example 4: the prefix car selects blobs and virtual directories", "[examples][azurite]")
{
    TestService service;
    const QString container = service.uniqueContainer(QStringLiteral("mycontainer"));
    service.createContainer(container);
    for (const char *name : {"car1.docx", "car2.docx", "car3.docx", "train1.docx",
                             "carfolder/a.docx", "subfolder1/car_sub1.docx"})
        service.putBlob(container, QString::fromLatin1(name), name);
    QTemporaryDir target;
    // /Z without a file: the journal goes under $XDG_STATE_HOME, here a scratch directory.
    QTemporaryDir state;
    CliOptions options;
    options.environment.insert(QStringLiteral("XDG_STATE_HOME"), state.path());
    const auto result = runCli(
        {service.containerUrl(container), target.path(), QStringLiteral("car"),
         QStringLiteral("/sourceKey:") + service.key(), QStringLiteral("/Z"), QStringLiteral("/S")},
        options);
    REQUIRE(result.exitCode == 0);
    CHECK(filesUnder(target.path()) ==
          QStringList{QStringLiteral("car1.docx"), QStringLiteral("car2.docx"),
                      QStringLiteral("car3.docx"), QStringLiteral("carfolder/a.docx")});
}

TEST_CASE("a single file is uploaded by naming it as the pattern", "[examples][azurite]")
{
    TestService service;
    TestTree mydata;
    mydata.write(QStringLiteral("abc.txt"), 300);
    mydata.write(QStringLiteral("other.txt"), 300);
    const QString container = service.uniqueContainer();
    const auto result =
        runCli({mydata.path(), service.containerUrl(container), QStringLiteral("abc.txt"),
                QStringLiteral("/destkey:") + service.key()});
    REQUIRE(result.exitCode == 0);
    CHECK(service.blobNames(container) == QStringList{QStringLiteral("abc.txt")});

    // And by giving the file itself as the source.
    const QString second = service.uniqueContainer();
    REQUIRE(runCli({mydata.filePath(QStringLiteral("other.txt")), service.containerUrl(second),
                    QStringLiteral("/destkey:") + service.key()})
                .exitCode == 0);
    CHECK(service.blobNames(second) == QStringList{QStringLiteral("other.txt")});
}
