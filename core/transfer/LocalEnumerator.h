// SPDX-License-Identifier: MIT
#pragma once

#include "Enumerator.h"
#include "PatternMatcher.h"

#include <QDir>
#include <QDirIterator>
#include <memory>

namespace blobferry::transfer {

// Walks a local directory (recursively or its top level only) in batches. Names that are not
// valid UTF-8 come as items with a problem, so they are reported rather than lost.
class LocalEnumerator final : public Enumerator
{
    Q_OBJECT
public:
    LocalEnumerator(const QString &root, const QStringList &patterns, bool recursive,
                    QObject *parent = nullptr);
    void fetchMore() override;

    static constexpr int kBatchSize = 1000;

private:
    void reportUndecodable(const QString &directory, QList<SourceItem> *batch) const;

    QDir m_root;
    PatternMatcher m_matcher;
    bool m_recursive;
    bool m_rootScanned = false;
    std::unique_ptr<QDirIterator> m_iterator;
};

} // namespace blobferry::transfer
