// SPDX-License-Identifier: MIT
#include "FolderStatisticsDialog.h"

#include "Counted.h"
#include "TransferQueueModel.h"
#include "azure/ListingCursor.h"

#include <QDialogButtonBox>
#include <QFormLayout>
#include <QLabel>
#include <QLocale>
#include <QPushButton>
#include <QVBoxLayout>

namespace blobferry::ui {

FolderStatisticsDialog::FolderStatisticsDialog(azure::BlobService service, QString prefix,
                                               const QString &title, QWidget *parent)
    : QDialog(parent)
    , m_cursor(new azure::ListingCursor(std::move(service), std::move(prefix), {}, 5000, this))
{
    setObjectName(QStringLiteral("folderStatisticsDialog"));
    setWindowTitle(tr("Statistics of %1").arg(title));
    auto *layout = new QVBoxLayout(this);
    auto *form = new QFormLayout;
    auto label = [this](const char *name) {
        auto *created = new QLabel(this);
        created->setObjectName(QLatin1String(name));
        created->setTextInteractionFlags(Qt::TextSelectableByMouse);
        return created;
    };
    m_countLabel = label("statisticsCount");
    m_sizeLabel = label("statisticsSize");
    m_tierLabel = label("statisticsTiers");
    m_stateLabel = label("statisticsState");
    form->addRow(tr("Blobs:"), m_countLabel);
    form->addRow(tr("Total size:"), m_sizeLabel);
    form->addRow(tr("By tier:"), m_tierLabel);
    layout->addLayout(form);
    layout->addWidget(m_stateLabel);
    // Cancel while counting (Esc too: QDialog's reject); the cursor goes with the dialog, which
    // aborts the page on its way.
    m_buttons = new QDialogButtonBox(QDialogButtonBox::Cancel, this);
    connect(m_buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
    layout->addWidget(m_buttons);

    connect(m_cursor, &azure::ListingCursor::pageReady, this, &FolderStatisticsDialog::count);
    connect(m_cursor, &azure::ListingCursor::failed, this, &FolderStatisticsDialog::fail);
    m_stateLabel->setText(tr("Counting…"));
    showFigures();
    resize(420, sizeHint().height());
    m_cursor->next();
}

void FolderStatisticsDialog::count(const azure::BlobListPage &page, bool last)
{
    for (const azure::BlobEntry &blob : page.blobs) {
        ++m_count;
        m_bytes += blob.size;
        // Page and append blobs have no tier on a standard account.
        auto &tier = m_byTier[blob.accessTier.isEmpty() ? tr("(none)") : blob.accessTier];
        ++tier.first;
        tier.second += blob.size;
    }
    showFigures();
    if (!last) {
        m_cursor->next();
        return;
    }
    m_finished = true;
    m_stateLabel->setText(tr("Done."));
    m_buttons->setStandardButtons(QDialogButtonBox::Close);
    Q_EMIT countingEnded();
}

void FolderStatisticsDialog::fail(const azure::CallOutcome &outcome)
{
    m_finished = true;
    m_stateLabel->setText(tr("Stopped: cannot list the blobs: %1. The figures count what was "
                             "listed before.")
                              .arg(outcome.error));
    m_buttons->setStandardButtons(QDialogButtonBox::Close);
    Q_EMIT countingEnded();
}

void FolderStatisticsDialog::showFigures()
{
    const QLocale locale;
    m_countLabel->setText(locale.toString(m_count));
    m_sizeLabel->setText(tr("%1 (%2 bytes)").arg(formatBytes(m_bytes), locale.toString(m_bytes)));
    QStringList tiers;
    for (auto it = m_byTier.cbegin(); it != m_byTier.cend(); ++it)
        tiers.append(tr("%1: %2, %3")
                         .arg(it.key(), counted(it->first, tr("1 blob"), tr("%1 blobs")),
                              formatBytes(it->second)));
    m_tierLabel->setText(tiers.join(QLatin1Char('\n')));
}

} // namespace blobferry::ui
