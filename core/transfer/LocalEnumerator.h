// SPDX-License-Identifier: MIT
#pragma once

#include "Enumerator.h"
#include "PatternMatcher.h"

#include <QDir>
#include <QDirIterator>
#include <memory>

namespace blobferry::transfer {

// Walks a local directory (recursively or its top level only) in batches.
class LocalEnumerator final : public Enumerator
{
    Q_OBJECT
public:
    LocalEnumerator(const QString &root, const QStringList &patterns, bool recursive,
                    QObject *parent = nullptr);
    void fetchMore() override;

    static constexpr int kBatchSize = 1000;

private:
    QDir m_root;
    PatternMatcher m_matcher;
    std::unique_ptr<QDirIterator> m_iterator;
};

} // namespace blobferry::transfer
