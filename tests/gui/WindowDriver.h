// SPDX-License-Identifier: MIT
// What the desktop tests share: a window on the run's Azurite, and waiting for what a user
// waits for (a container in the tree, files in Completed).
#pragma once

#include "MainWindow.h"

#include <QByteArray>
#include <QString>
#include <functional>
#include <memory>
#include <string>

namespace blobferry::test {

class TestService;

// How long a step may take before the test fails: generous, since a loaded machine (CI beside
// other builds) can take tens of seconds for what takes one; a hang still fails.
constexpr int kWaitMs = 90000;

// What a test's window talks to: the run's Azurite as the "Local emulator".
void pointEmulatorAt(const TestService &service);
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

} // namespace blobferry::test
