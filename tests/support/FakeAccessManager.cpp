// SPDX-License-Identifier: MIT
#include "FakeAccessManager.h"

#include "FakeBlobReply.h"

namespace blobferry::test {

FakeAccessManager::FakeAccessManager(QObject *parent)
    : QNetworkAccessManager(parent)
{}

QNetworkReply *FakeAccessManager::createRequest(Operation op, const QNetworkRequest &request,
                                                QIODevice *)
{
    const Answer answer =
        m_answers.isEmpty()
            ? Answer{}
            : m_answers.value(std::min<qsizetype>(m_requests, m_answers.size() - 1));
    ++m_requests;
    return new FakeBlobReply(op, request, answer.status, answer.headers, answer.body, 0, {}, this);
}

} // namespace blobferry::test
