// SPDX-License-Identifier: MIT
// Properties… and Share… on a blob in the real window against the run's Azurite: what the
// dialogs save or sign is checked through the service itself (Get Blob Properties, Get Blob
// Tags, the link fetched without any key).
#include "BlobListModel.h"
#include "BlobPropertiesDialog.h"
#include "KeyValueTable.h"
#include "ShareDialog.h"
#include "WindowDriver.h"
#include "azure/BlobTags.h"
#include "support/TestService.h"

#include <QAbstractButton>
#include <QAbstractSpinBox>
#include <QAccessible>
#include <QApplication>
#include <QCheckBox>
#include <QClipboard>
#include <QComboBox>
#include <QLabel>
#include <QLineEdit>
#include <QMessageBox>
#include <QPlainTextEdit>
#include <QPointer>
#include <QPushButton>
#include <QTableView>
#include <QTableWidget>
#include <QTest>
#include <QTextDocument>
#include <QUrlQuery>
#include <catch2/catch.hpp>

using namespace blobferry;
using namespace blobferry::test;

namespace {

const QString kBlob = QStringLiteral("notes/report.txt");

azure::BlobDetails detailsOf(const TestService &service, const QString &container)
{
    const auto answer = service.send(service.requests(container).getProperties(kBlob));
    REQUIRE(answer.status == 200);
    return azure::BlobDetails::fromHeaders(kBlob, answer);
}

azure::KeyValues tagsOf(const TestService &service, const QString &container)
{
    const auto answer = service.send(service.requests(container).getTags(kBlob));
    REQUIRE(answer.status == 200);
    azure::KeyValues tags;
    QString error;
    REQUIRE(azure::parseTags(answer.body, &tags, &error));
    return tags;
}

// A blob with headers and metadata other tools set, shown in the window.
QString prepareBlob(const TestService &service, const QString &stem)
{
    const QString container = service.uniqueContainer(stem);
    service.createContainer(container);
    service.putBlob(container, kBlob, "some notes");
    const auto stored = service.send(service.requests(container).getProperties(kBlob));
    REQUIRE(stored.status == 200);
    azure::BlobHttpHeaders headers;
    // Set Blob Properties clears what it is not sent: keep the MD5 Put Blob stored.
    headers.contentMd5 = azure::BlobDetails::fromHeaders(kBlob, stored).headers.contentMd5;
    REQUIRE_FALSE(headers.contentMd5.isEmpty());
    headers.contentType = QStringLiteral("text/plain");
    headers.cacheControl = QStringLiteral("max-age=60");
    headers.contentLanguage = QStringLiteral("en");
    headers.contentDisposition = QStringLiteral("inline");
    REQUIRE(service.send(service.requests(container).setHttpHeaders(kBlob, headers, {})).status ==
            200);
    REQUIRE(service
                .send(service.requests(container).setMetadata(
                    kBlob, {{QStringLiteral("owner"), QStringLiteral("ops")}}, {}))
                .status == 200);
    return container;
}

// Every control a screen reader reaches says what it is: its accessible name (set, or its
// form label's, or its own text) is not empty.
void checkNamed(QWidget *dialog)
{
    const QList<QWidget *> controls = dialog->findChildren<QWidget *>();
    int checked = 0;
    for (QWidget *control : controls) {
        // A mnemonic with no buddy is drawn as a literal "&Start:".
        if (auto *label = qobject_cast<QLabel *>(control);
            label && !label->buddy() && !Qt::mightBeRichText(label->text())) {
            INFO("label " << label->text().toStdString());
            CHECK_FALSE(QString(label->text()).remove(QStringLiteral("&&")).contains(u'&'));
        }
        if (!qobject_cast<QLineEdit *>(control) && !qobject_cast<QComboBox *>(control) &&
            !qobject_cast<QAbstractButton *>(control) && !qobject_cast<QTableView *>(control) &&
            !qobject_cast<QAbstractSpinBox *>(control))
            continue;
        if (control->focusPolicy() == Qt::NoFocus)
            continue; // never reached by Tab (a table's corner button)
        if (qobject_cast<QLineEdit *>(control) &&
            qobject_cast<QAbstractSpinBox *>(control->parent()))
            continue; // a spin box's own line edit: the box is named
        if (qobject_cast<QLineEdit *>(control) && qobject_cast<QComboBox *>(control->parent()))
            continue;
        QAccessibleInterface *face = QAccessible::queryAccessibleInterface(control);
        REQUIRE(face);
        INFO(control->metaObject()->className() << " " << control->objectName().toStdString());
        CHECK_FALSE(face->text(QAccessible::Name).trimmed().isEmpty());
        ++checked;
    }
    CHECK(checked > 5);
}

ui::BlobPropertiesDialog *openProperties(ui::MainWindow &window)
{
    selectRow(window, kBlob);
    QAction *action = window.findChild<QAction *>(QStringLiteral("propertiesAction"));
    REQUIRE(action->isEnabled());
    action->trigger();
    auto *dialog = window.findChild<ui::BlobPropertiesDialog *>();
    REQUIRE(dialog);
    REQUIRE(QTest::qWaitFor([&] { return !dialog->isBusy(); }, kWaitMs));
    return dialog;
}

QLineEdit *edit(QWidget *dialog, const char *name)
{
    auto *found = dialog->findChild<QLineEdit *>(QLatin1String(name));
    REQUIRE(found);
    return found;
}

} // namespace

TEST_CASE("properties: a new Content-Type, metadata pair and tag are saved, and the headers left "
          "alone are kept")
{
    TestService service;
    pointEmulatorAt(service);
    const QString container = prepareBlob(service, QStringLiteral("props"));
    auto window = openWindow();
    openAndWait(*window, container, QStringLiteral("notes/"));

    QPointer<ui::BlobPropertiesDialog> dialog = openProperties(*window);
    CHECK(edit(dialog, "contentTypeEdit")->text() == QStringLiteral("text/plain"));
    CHECK(edit(dialog, "cacheControlEdit")->text() == QStringLiteral("max-age=60"));
    CHECK(dialog->findChild<QLabel *>(QStringLiteral("sizeValue"))
              ->text()
              .contains(QStringLiteral("10 bytes")));
    CHECK_FALSE(dialog->findChild<QLabel *>(QStringLiteral("etagValue"))->text().isEmpty());
    // Put by another tool: no file time kept, so the list's Modified is the service's.
    CHECK(dialog->findChild<QLabel *>(QStringLiteral("fileModifiedValue"))
              ->text()
              .contains(QStringLiteral("not recorded")));
    auto *metadata = dialog->findChild<ui::KeyValueTable *>(QStringLiteral("metadataTable"));
    auto *tags = dialog->findChild<ui::KeyValueTable *>(QStringLiteral("tagsTable"));
    CHECK(metadata->pairs() == azure::KeyValues{{QStringLiteral("owner"), QStringLiteral("ops")}});
    checkNamed(dialog);
    auto *save = dialog->findChild<QPushButton *>(QStringLiteral("saveButton"));
    auto *problem = dialog->findChild<QLabel *>(QStringLiteral("problemLabel"));

    // A name the service would refuse is named in the dialog, and Save waits until it is fixed.
    const int bad = metadata->addRow(QStringLiteral("reviewed-by"), QStringLiteral("ann"));
    CHECK(problem->text().contains(QStringLiteral("\"reviewed-by\"")));
    CHECK_FALSE(save->isEnabled());
    metadata->table()->item(bad, 0)->setText(QStringLiteral("reviewed_by"));
    CHECK(problem->text().isEmpty());
    tags->addRow(QStringLiteral("project"), QStringLiteral("blue bird"));
    CHECK(save->isEnabled());
    edit(dialog, "contentTypeEdit")->setText(QStringLiteral("text/markdown"));
    save->click();
    REQUIRE(QTest::qWaitFor([&] { return !dialog || !dialog->isVisible(); }, kWaitMs));

    const azure::BlobDetails saved = detailsOf(service, container);
    CHECK(saved.headers.contentType == QStringLiteral("text/markdown"));
    CHECK(saved.headers.cacheControl == QStringLiteral("max-age=60"));
    CHECK(saved.headers.contentLanguage == QStringLiteral("en"));
    CHECK(saved.headers.contentDisposition == QStringLiteral("inline"));
    CHECK_FALSE(saved.headers.contentMd5.isEmpty()); // Put Blob stored one; Save kept it
    azure::KeyValues savedMetadata = saved.metadata; // the service need not keep their order
    std::sort(savedMetadata.begin(), savedMetadata.end());
    CHECK(savedMetadata ==
          azure::KeyValues{{QStringLiteral("owner"), QStringLiteral("ops")},
                           {QStringLiteral("reviewed_by"), QStringLiteral("ann")}});
    CHECK(tagsOf(service, container) ==
          azure::KeyValues{{QStringLiteral("project"), QStringLiteral("blue bird")}});
}

TEST_CASE("properties: a blob changed after the dialog opened is not overwritten, and Reload "
          "shows it as it is now")
{
    TestService service;
    pointEmulatorAt(service);
    const QString container = prepareBlob(service, QStringLiteral("props412"));
    auto window = openWindow();
    openAndWait(*window, container, QStringLiteral("notes/"));
    QPointer<ui::BlobPropertiesDialog> dialog = openProperties(*window);

    // Someone else changes the blob meanwhile.
    azure::BlobHttpHeaders theirs;
    theirs.contentType = QStringLiteral("application/json");
    REQUIRE(service.send(service.requests(container).setHttpHeaders(kBlob, theirs, {})).status ==
            200);

    edit(dialog, "contentTypeEdit")->setText(QStringLiteral("text/csv"));
    dialog->findChild<QPushButton *>(QStringLiteral("saveButton"))->click();
    QMessageBox *box = nullptr;
    REQUIRE(QTest::qWaitFor(
        [&] {
            box = dialog ? dialog->findChild<QMessageBox *>(QStringLiteral("blobChangedBox"))
                         : nullptr;
            return !dialog || (box && box->isVisible());
        },
        kWaitMs));
    REQUIRE(dialog); // still open: the save was refused, not done
    CHECK(box->text().contains(QStringLiteral("changed since this dialog opened")));
    CHECK(box->text().contains(QStringLiteral("Nothing was saved")));
    CHECK(detailsOf(service, container).headers.contentType == QStringLiteral("application/json"));

    box->findChild<QPushButton *>(QStringLiteral("reloadButton"))->click();
    REQUIRE(QTest::qWaitFor(
        [&] {
            return !dialog->isBusy() &&
                   edit(dialog, "contentTypeEdit")->text() == QStringLiteral("application/json");
        },
        kWaitMs));
    CHECK(dialog->isVisible());
    dialog->reject();
}

TEST_CASE("share: a read link to a blob is copied, downloads the blob without a key, cannot "
          "write, and is never logged")
{
    TestService service;
    pointEmulatorAt(service);
    const QString container = prepareBlob(service, QStringLiteral("share"));
    auto window = openWindow();
    openAndWait(*window, container, QStringLiteral("notes/"));
    selectRow(*window, kBlob);
    window->findChild<QAction *>(QStringLiteral("shareAction"))->trigger();
    auto *dialog = window->findChild<ui::ShareDialog *>();
    REQUIRE(dialog);
    CHECK(dialog->findChild<QCheckBox *>(QStringLiteral("permission_r"))->isChecked());
    CHECK_FALSE(dialog->findChild<QCheckBox *>(QStringLiteral("permission_l"))->isEnabled());
    checkNamed(dialog);
    dialog->findChild<QPushButton *>(QStringLiteral("createLinkButton"))->click();
    const QString url = dialog->url();
    INFO(url.toStdString());
    REQUIRE(url.contains(QStringLiteral("sr=b")));
    CHECK(QApplication::clipboard()->text() == url);

    net::PreparedRequest get;
    get.verb = "GET";
    get.request.setUrl(QUrl(url));
    const auto read = service.send(get);
    CHECK(read.status == 200);
    CHECK(read.body == "some notes");
    net::PreparedRequest put = get;
    put.verb = "PUT";
    put.body = "replaced";
    put.contentLength = put.body.size();
    put.request.setRawHeader("x-ms-blob-type", "BlockBlob");
    put.request.setRawHeader("Content-Type", "text/plain");
    CHECK(service.send(put).status == 403);
    CHECK(service.getBlob(container, kBlob) == "some notes");

    // The same signature on another blob's address is refused: the link is for this blob only.
    service.putBlob(container, QStringLiteral("notes/other.txt"), "other notes");
    net::PreparedRequest other = get;
    QString otherUrl = url;
    otherUrl.replace(QStringLiteral("/notes/report.txt?"), QStringLiteral("/notes/other.txt?"));
    REQUIRE(otherUrl != url);
    other.request.setUrl(QUrl(otherUrl));
    const auto refused = service.send(other);
    CHECK(refused.status == 403);
    CHECK(refused.body != "other notes");

    const QString signature = QUrlQuery(QUrl(url)).queryItemValue(QStringLiteral("sig"));
    REQUIRE_FALSE(signature.isEmpty());
    for (auto *log : window->findChildren<QPlainTextEdit *>())
        CHECK_FALSE(log->toPlainText().contains(signature));
    dialog->reject();
}

TEST_CASE("share: a folder offers only its container's link and says why, and Copy URL copies "
          "folder and blob addresses without a key")
{
    TestService service;
    pointEmulatorAt(service);
    const QString container = prepareBlob(service, QStringLiteral("sharedir"));
    auto window = openWindow();
    openAndWait(*window, container);
    selectRow(*window, QStringLiteral("notes/"));
    window->findChild<QAction *>(QStringLiteral("shareAction"))->trigger();
    auto *dialog = window->findChild<ui::ShareDialog *>();
    REQUIRE(dialog);
    auto *note = dialog->findChild<QLabel *>(QStringLiteral("folderNote"));
    REQUIRE(note);
    CHECK(note->text().contains(QStringLiteral("hierarchical namespace")));
    auto *scope = dialog->findChild<QComboBox *>(QStringLiteral("scopeBox"));
    CHECK(scope->count() == 1);
    dialog->findChild<QCheckBox *>(QStringLiteral("permission_l"))->setChecked(true);
    dialog->findChild<QPushButton *>(QStringLiteral("createLinkButton"))->click();
    const QUrl url(dialog->url());
    REQUIRE(QUrlQuery(url).queryItemValue(QStringLiteral("sr")) == QStringLiteral("c"));
    QUrl listing = url;
    QUrlQuery query(url);
    query.addQueryItem(QStringLiteral("restype"), QStringLiteral("container"));
    query.addQueryItem(QStringLiteral("comp"), QStringLiteral("list"));
    listing.setQuery(query);
    net::PreparedRequest list;
    list.verb = "GET";
    list.request.setUrl(listing);
    const auto listed = service.send(list);
    CHECK(listed.status == 200);
    CHECK(listed.body.contains("notes/report.txt"));
    dialog->reject();

    window->blobView()->selectAll();
    window->findChild<QAction *>(QStringLiteral("copyUrlAction"))->trigger();
    CHECK(QApplication::clipboard()->text() ==
          service.containerUrl(container) + QStringLiteral("/notes/"));
    openAndWait(*window, container, QStringLiteral("notes/"));
    selectRow(*window, kBlob);
    window->findChild<QAction *>(QStringLiteral("copyUrlAction"))->trigger();
    CHECK(QApplication::clipboard()->text() == service.containerUrl(container) + '/' + kBlob);
}
