// SPDX-License-Identifier: MIT
// The Settings dialog's requests in parallel: TransferSpec's default until the user sets one,
// within the bounds the command line takes, and kept as shown.
#include "Dialogs.h"
#include "Settings.h"

#include <QComboBox>
#include <QDialogButtonBox>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
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

namespace {

void setField(ui::SettingsDialog &dialog, const char *name, const QString &text)
{
    auto *edit = dialog.findChild<QLineEdit *>(QLatin1String(name));
    REQUIRE(edit != nullptr);
    edit->setText(text);
}

void clickOk(ui::SettingsDialog &dialog)
{
    auto *buttons = dialog.findChild<QDialogButtonBox *>();
    REQUIRE(buttons != nullptr);
    buttons->button(QDialogButtonBox::Ok)->click();
}

} // namespace

TEST_CASE("settings: upload defaults (tier, metadata, tags, headers) are saved, loaded and "
          "applied to a job, and a bad value keeps the dialog open with the reason")
{
    ui::Settings::open()->clear();
    ui::SettingsDialog dialog(ui::Settings::load(), false);
    auto *tier = dialog.findChild<QComboBox *>(QStringLiteral("uploadTierCombo"));
    REQUIRE(tier != nullptr);
    CHECK(tier->currentText() == QStringLiteral("Account default"));
    auto *error = dialog.findChild<QLabel *>(QStringLiteral("settingsError"));
    REQUIRE(error != nullptr);

    // A metadata key the service refuses: OK does nothing but say why.
    setField(dialog, "uploadMetadataEdit", QStringLiteral("1st=x"));
    clickOk(dialog);
    CHECK(dialog.result() != QDialog::Accepted);
    CHECK_FALSE(error->isHidden());
    CHECK(error->text() ==
          QStringLiteral("Metadata (key=value;key=value): the key '1st' is not a C# identifier: "
                         "use letters, digits and _, not starting with a digit"));
    setField(dialog, "uploadMetadataEdit", QStringLiteral("project=q3;owner=ann"));
    setField(dialog, "uploadTagsEdit", QStringLiteral("team=a#b"));
    clickOk(dialog);
    CHECK(dialog.result() != QDialog::Accepted);
    CHECK(error->text() == QStringLiteral("Index tags (key=value&key=value): the tag 'team' has "
                                          "'#'; tags take letters, digits, spaces and + - . / : "
                                          "= _ only"));

    tier->setCurrentIndex(tier->findText(QStringLiteral("Cool")));
    setField(dialog, "uploadTagsEdit", QStringLiteral("team=web&stage=prod"));
    setField(dialog, "uploadCacheControlEdit", QStringLiteral("max-age=60"));
    setField(dialog, "uploadContentDispositionEdit", QStringLiteral("attachment"));
    setField(dialog, "uploadContentEncodingEdit", QStringLiteral("br"));
    setField(dialog, "uploadContentLanguageEdit", QStringLiteral("fr"));
    clickOk(dialog);
    CHECK(dialog.result() == QDialog::Accepted);
    dialog.settings().save();

    TransferSpec spec;
    ui::Settings::load().applyTo(spec);
    const auto &uploads = spec.uploadAttributes;
    CHECK(uploads.tier == QStringLiteral("Cool"));
    CHECK(transfer::UploadAttributes::metadataText(uploads.metadata) ==
          QStringLiteral("project=q3;owner=ann"));
    CHECK(transfer::UploadAttributes::tagsText(uploads.tags) ==
          QStringLiteral("team=web&stage=prod"));
    CHECK(uploads.cacheControl == QStringLiteral("max-age=60"));
    CHECK(uploads.contentDisposition == QStringLiteral("attachment"));
    CHECK(uploads.contentEncoding == QStringLiteral("br"));
    CHECK(uploads.contentLanguage == QStringLiteral("fr"));

    // Shown again as saved.
    ui::SettingsDialog again(ui::Settings::load(), false);
    CHECK(again.findChild<QComboBox *>(QStringLiteral("uploadTierCombo"))->currentText() ==
          QStringLiteral("Cool"));
    CHECK(again.findChild<QLineEdit *>(QStringLiteral("uploadTagsEdit"))->text() ==
          QStringLiteral("team=web&stage=prod"));

    // A value the rules refuse, written into the file by hand, is left out on load.
    ui::Settings::open()->setValue(QStringLiteral("uploads/metadata"), QStringLiteral("1st=x"));
    ui::Settings::open()->setValue(QStringLiteral("uploads/tier"), QStringLiteral("premium"));
    const ui::Settings loaded = ui::Settings::load();
    CHECK(loaded.uploads.metadata.isEmpty());
    CHECK(loaded.uploads.tier.isEmpty());
    CHECK(loaded.uploads.contentLanguage == QStringLiteral("fr"));
    ui::Settings::open()->clear();
}
