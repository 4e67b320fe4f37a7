// SPDX-License-Identifier: MIT
#include "ServiceCall.h"

#include <QPointer>

namespace blobferry::ui {

void callService(QNetworkAccessManager *nam, net::HttpJob::Factory factory, QObject *context,
                 std::function<void(const net::HttpResult &)> done)
{
    net::RetryPolicy policy;
    policy.maxTries = 2; // the window reports quickly; the user can refresh
    policy.stallTimeoutMs = 30'000;
    auto *job = new net::HttpJob(nam, std::move(factory), policy, context);
    QObject::connect(job, &net::HttpJob::finished, context, [job, done = std::move(done)] {
        job->deleteLater();
        done(job->result());
    });
    job->start();
}

} // namespace blobferry::ui
