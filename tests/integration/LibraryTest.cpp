// SPDX-License-Identifier: MIT
// The engine as a library: `cmake --install` the devel component into a temporary prefix, build
// docs/examples/upload-directory against it as an outside project would, and run the example
// against Azurite.
#include "support/TestService.h"
#include "support/TestTree.h"

#include <QDir>
#include <QProcess>
#include <QTemporaryDir>
#include <catch2/catch.hpp>

using namespace blobferry::test;

namespace {

struct Run
{
    int exitCode = -1;
    QString output;
};

Run run(const QString &program, const QStringList &args,
        const QProcessEnvironment &environment = QProcessEnvironment::systemEnvironment())
{
    QProcess process;
    process.setProcessEnvironment(environment);
    process.setProcessChannelMode(QProcess::MergedChannels);
    process.start(program, args);
    Run result;
    if (!process.waitForFinished(600'000)) {
        process.kill();
        process.waitForFinished();
        result.output = QStringLiteral("timed out: ") + program + QLatin1Char(' ') +
                        args.join(QLatin1Char(' '));
        return result;
    }
    result.exitCode = process.exitStatus() == QProcess::NormalExit ? process.exitCode() : -1;
    result.output = QString::fromLocal8Bit(process.readAll());
    return result;
}

} // namespace

TEST_CASE("the installed library builds the example, which uploads a directory",
          "[library][azurite]")
{
    QTemporaryDir temp;
    const QString prefix = temp.filePath(QStringLiteral("prefix"));
    const QString exampleBuild = temp.filePath(QStringLiteral("example"));
    const QString cmake = QStringLiteral(BLOBFERRY_CMAKE_COMMAND);

    const Run install =
        run(cmake, {QStringLiteral("--install"), QStringLiteral(BLOBFERRY_BUILD_DIR),
                    QStringLiteral("--prefix"), prefix, QStringLiteral("--component"),
                    QStringLiteral("devel")});
    INFO(install.output.toStdString());
    REQUIRE(install.exitCode == 0);
    CHECK(
        QFileInfo::exists(prefix + QStringLiteral("/include/blobferry/transfer/TransferEngine.h")));
    CHECK(QFileInfo::exists(prefix + QStringLiteral("/lib/libblobferry_core.a")));
    CHECK(QFileInfo::exists(prefix + QStringLiteral("/lib/cmake/blobferry/blobferryConfig.cmake")));

    const Run configure =
        run(cmake, {QStringLiteral("-S"),
                    QStringLiteral(BLOBFERRY_SOURCE_DIR "/docs/examples/upload-directory"),
                    QStringLiteral("-B"), exampleBuild, QStringLiteral("-G"),
                    QStringLiteral(BLOBFERRY_CMAKE_GENERATOR),
                    QStringLiteral("-DCMAKE_PREFIX_PATH=") + prefix,
                    QStringLiteral("-DCMAKE_BUILD_TYPE=Release")});
    INFO(configure.output.toStdString());
    REQUIRE(configure.exitCode == 0);
    const Run build = run(cmake, {QStringLiteral("--build"), exampleBuild});
    INFO(build.output.toStdString());
    REQUIRE(build.exitCode == 0);

    TestService service;
    TestTree source;
    source.write(QStringLiteral("top.txt"), 1234);
    source.write(QStringLiteral("nested/deeper/data.bin"), 300 * 1024);
    const QString container = service.uniqueContainer();
    QProcessEnvironment environment = QProcessEnvironment::systemEnvironment();
    environment.insert(QStringLiteral("BLOBFERRY_KEY"), service.key());
    const Run upload = run(QDir(exampleBuild).filePath(QStringLiteral("upload-directory")),
                           {source.path(), service.containerUrl(container)}, environment);
    INFO(upload.output.toStdString());
    CHECK(upload.exitCode == 0);
    CHECK(upload.output.contains(QStringLiteral("2 uploaded, 0 failed")));
    CHECK(service.getBlob(container, QStringLiteral("top.txt")) ==
          TestTree::contentFor(QStringLiteral("top.txt"), 1234));
    CHECK(service.getBlob(container, QStringLiteral("nested/deeper/data.bin")) ==
          TestTree::contentFor(QStringLiteral("nested/deeper/data.bin"), 300 * 1024));
}
