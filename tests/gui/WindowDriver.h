// SPDX-License-Identifier: MIT
// What the desktop tests share: a window on the run's Azurite, and waiting for what a user
// waits for (a container in the tree, files in Completed).
#pragma once

#include "MainWindow.h"
#include "Settings.h"
#include "support/FaultProxyProcess.h"
#include "support/TestService.h"

#include <QByteArray>
#include <QMetaObject>
#include <QString>
#include <QStringList>
#include <functional>
#include <memory>
#include <string>

namespace blobferry::ui {
struct QueueRow;
}

namespace blobferry::test {

// The queue's tabs, by their index in the window's queue tab widget (the Log comes after).
constexpr int kQueuedTab = 0;
constexpr int kActiveTab = 1;
constexpr int kFailedTab = 2;
constexpr int kCompletedTab = 3;

// How long a step may take before the test fails: generous, since a loaded machine (CI beside
// other builds) can take tens of seconds for what takes one; a hang still fails.
constexpr int kWaitMs = 90000;

// What a test's window talks to: the run's Azurite as the "Local emulator".
void pointEmulatorAt(const TestService &service);
// Stores `content` as the blob `name` with a Content-MD5 of something else (a damaged upload by
// another tool): every download of it fails the integrity check.
void putDamagedBlob(const TestService &service, const QString &container, const QString &name,
                    const QByteArray &content);
// Points the window at the run's Azurite and makes a new container there, named after
// `prefix`; returns its name.
QString newContainer(const TestService &service, const char *prefix);
// A window, shown and exposed.
std::unique_ptr<ui::MainWindow> openWindow();
// Until the account's tree lists the container (the test fails after kWaitMs).
void waitForContainer(ui::MainWindow &window, const QString &accountId, const QString &container);
// Rows in the Completed tab.
int completed(const ui::MainWindow &window);
// Until `count` rows are in the Completed tab; a failure prints every row and the log.
void waitForCompleted(ui::MainWindow &window, int count);
// Every row of the queue, one a line: name, state, bytes, status; for failure messages.
std::string queueSummary(const ui::MainWindow &window);
QByteArray readFile(const QString &path);
// Opens the emulator's container at `prefix` and waits for its first page.
void openAndWait(ui::MainWindow &window, const QString &container, const QString &prefix = {});
// Triggers the window's action named `objectName` once it is offered (enabled), as a user
// waits for it: a failed row's Retry, for one, comes only once its job has ended.
void triggerWhenOffered(ui::MainWindow &window, const char *objectName);
// Selects the blob list's row named `name` (a blob, or a folder's "prefix/") as a click would.
void selectRow(ui::MainWindow &window, const QString &name);
// Answers the next modal dialog (QMessageBox::question, QInputDialog) once it is up.
void answerNextModal(std::function<void(QWidget *)> answer);
// Selects the blob list's rows whose shown names are `shownNames` (each must be there).
void selectBlobs(ui::MainWindow &window, const QStringList &shownNames);

// The text of a queue tab's row (its view, as shown) in a column.
std::string cell(const ui::MainWindow &window, int tab, int row, int column);
// Until a queue tab's view shows `rows` rows (the views hear of changes up to 100 ms later).
void waitForRows(const ui::MainWindow &window, int tab, int rows);
// Sets the bandwidth cap in the Settings dialog, as a user would, and presses OK.
void setCapInSettings(ui::MainWindow &window, double capMbps);

// The log pane's text.
QString logText(const ui::MainWindow &window);
// The queue's first row named `name` (in any job), or nullptr.
const ui::QueueRow *rowNamed(const ui::MainWindow &window, const QString &name);
// The names a queue tab shows, top to bottom as the user sees them, one space between.
std::string tabNames(const ui::MainWindow &window, int tab);
// Shows the tab, selects the row named `name` in it as a click would (once it is listed) and
// triggers the action named `action`, which must be offered for it.
void onQueueRow(ui::MainWindow &window, int tab, const QString &name, const char *action);
// Closes the window as a user quits while transfers run: "Quit and continue them next time"
// when it asks; returns once the window is gone (its transfers stopped, the queue saved).
void quitContinuingLater(ui::MainWindow &window);

// The run's Azurite behind a proxy that holds every request 150 ms first (slow enough to quit
// mid-file), the window pointed at the proxy, a new container named after `prefix`, and two
// requests at once in 1 MiB blocks.
struct DelayedService
{
    explicit DelayedService(const char *prefix);
    TestService service;
    FaultProxyProcess proxy;
    QString container;
};

// The settings as they were when it was made, saved back when it goes: what a test changes
// (a default answer, upload defaults) is not inherited by the tests after it.
class SettingsRestorer
{
public:
    SettingsRestorer()
        : m_before(ui::Settings::load())
    {}
    ~SettingsRestorer() { m_before.save(); }
    SettingsRestorer(const SettingsRestorer &) = delete;
    SettingsRestorer &operator=(const SettingsRestorer &) = delete;

private:
    ui::Settings m_before;
};

// Clicks `button` (an object name) in the first conflict dialog the window opens, and counts
// every one that opens; later ones are left to the test.
class ConflictAnswerer
{
public:
    ConflictAnswerer(ui::MainWindow &window, const char *button);
    ~ConflictAnswerer();
    ConflictAnswerer(const ConflictAnswerer &) = delete;
    ConflictAnswerer &operator=(const ConflictAnswerer &) = delete;
    int opened = 0;

private:
    QMetaObject::Connection m_connection;
};

} // namespace blobferry::test
