// SPDX-License-Identifier: MIT
// The Settings dialog's requests in parallel: TransferSpec's default until the user sets one,
// within the bounds the command line takes, and kept as shown.
#include "Dialogs.h"
#include "Settings.h"

#include <QSpinBox>
#include <catch2/catch.hpp>

using namespace blobferry;
using transfer::TransferSpec;

TEST_CASE("settings: with no settings file the dialog shows TransferSpec's default concurrency "
          "and saves what it shows")
{
    ui::Settings::open()->clear(); // the session's HOME is a throwaway one
    const ui::Settings loaded = ui::Settings::load();
    CHECK(loaded.concurrency == TransferSpec::defaultConcurrency());

    ui::SettingsDialog dialog(loaded, false);
    auto *spin = dialog.findChild<QSpinBox *>(QStringLiteral("concurrencySpinBox"));
    REQUIRE(spin != nullptr);
    CHECK(spin->value() == TransferSpec::defaultConcurrency());
    CHECK(spin->minimum() == TransferSpec::kMinConcurrency);
    CHECK(spin->maximum() == TransferSpec::kMaxConcurrency);
    dialog.settings().save();
    CHECK(ui::Settings::load().concurrency == TransferSpec::defaultConcurrency());

    spin->setValue(48);
    dialog.settings().save();
    CHECK(ui::Settings::load().concurrency == 48);

    // A number out of range in the file is brought within the bounds.
    ui::Settings::open()->setValue(QStringLiteral("transfers/concurrency"), 4096);
    CHECK(ui::Settings::load().concurrency == TransferSpec::kMaxConcurrency);
    ui::Settings::open()->clear();
}
