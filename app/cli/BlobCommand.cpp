// SPDX-License-Identifier: MIT
#include "BlobCommand.h"

#include "ConsoleReporter.h"
#include "ListCommand.h"
#include "RemoveCommand.h"
#include "SetTierCommand.h"
#include "log/Printable.h"
#include "net/Requester.h"
#include "transfer/BlobEnumerator.h"

#include <QEventLoop>
#include <QJsonDocument>
#include <QJsonObject>

namespace blobferry::cli {

BlobCommand::BlobCommand(const CliRequest &request, FILE *out, FILE *err)
    : m_request(request)
    , m_out(out)
    , m_err(err)
    , m_tally(request.spec.patterns, false) // a blob source's patterns are name prefixes
{}

BlobCommand::~BlobCommand() = default;

std::unique_ptr<BlobCommand> BlobCommand::make(const CliRequest &request, FILE *in, FILE *out,
                                               FILE *err, bool interactive)
{
    switch (request.action) {
    case CliRequest::Action::List:
        return std::make_unique<ListCommand>(request, out, err);
    case CliRequest::Action::Remove:
        return std::make_unique<RemoveCommand>(request, in, out, err, interactive);
    case CliRequest::Action::SetTier:
        return std::make_unique<SetTierCommand>(request, out, err);
    default:
        return nullptr;
    }
}

int BlobCommand::run()
{
    const transfer::TransferSpec &spec = m_request.spec;
    QString error;
    const auto tls = net::TlsSettings::load(spec.caFile, &error);
    if (!tls) {
        say(QStringLiteral("blobferry-cli: ") + error);
        return 2;
    }
    net::RequesterSettings settings;
    settings.concurrency = spec.concurrency;
    settings.tls = *tls;
    settings.proxy = spec.proxy;
    settings.accessManagers = spec.accessManagers;
    m_requester = new net::Requester(std::move(settings), this);
    const azure::BlobRequests requests(*spec.source.blob, spec.source.credential);
    m_service = std::make_unique<azure::BlobService>(m_requester, requests, spec.retry);
    m_enumerator =
        new transfer::BlobEnumerator(requests, m_requester, spec.retry,
                                     azure::BlobLocation::asDirectory(spec.source.blob->path()),
                                     spec.patterns, spec.recursive, this);
    connect(m_enumerator, &transfer::Enumerator::batchReady, this, &BlobCommand::onBatch);
    connect(m_enumerator, &transfer::Enumerator::failed, this, [this](const QString &why) {
        say(QStringLiteral("blobferry-cli: ") + why);
        finish(2);
    });
    m_enumerator->fetchMore();

    QEventLoop loop;
    m_loop = &loop;
    loop.exec();
    m_loop = nullptr;
    return m_status;
}

void BlobCommand::onBatch(const QList<transfer::SourceItem> &items, bool atEnd)
{
    for (const transfer::SourceItem &item : items)
        m_tally.note(item.relativeName);
    m_atEnd = atEnd;
    const bool more = take(items);
    if (atEnd) {
        for (const QString &pattern : m_tally.unmatched())
            say(ConsoleReporter::unmatchedText(pattern, true));
        listed();
    } else if (more) {
        m_enumerator->fetchMore();
    } else {
        m_waiting = true;
    }
}

void BlobCommand::fetchMore()
{
    if (m_waiting && !m_atEnd) {
        m_waiting = false;
        m_enumerator->fetchMore();
    }
}

void BlobCommand::finish(int status)
{
    m_status = status;
    if (m_loop)
        m_loop->quit();
}

int BlobCommand::patternStatus() const
{
    const QStringList unmatched = m_tally.unmatched();
    if (unmatched.isEmpty())
        return 0;
    QStringList unique = m_request.spec.patterns;
    unique.removeDuplicates();
    return unmatched.size() == unique.size() ? 2 : 1;
}

void BlobCommand::say(const QString &line)
{
    const QByteArray bytes = log::printable(line).toLocal8Bit() + '\n';
    std::fwrite(bytes.constData(), 1, size_t(bytes.size()), m_err);
    std::fflush(m_err);
}

void BlobCommand::print(const QString &line)
{
    const QByteArray bytes = log::printable(line).toLocal8Bit() + '\n';
    std::fwrite(bytes.constData(), 1, size_t(bytes.size()), m_out);
}

void BlobCommand::printJson(const QJsonObject &object)
{
    // As the transfer's --output json: C1 and bidirectional controls as \uNNNN.
    const QString text = QString::fromUtf8(QJsonDocument(object).toJson(QJsonDocument::Compact));
    const QByteArray bytes = log::printable(text, log::Escapes::Json).toUtf8() + '\n';
    std::fwrite(bytes.constData(), 1, size_t(bytes.size()), m_out);
}

} // namespace blobferry::cli
