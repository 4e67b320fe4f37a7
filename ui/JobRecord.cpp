// SPDX-License-Identifier: MIT
#include "JobRecord.h"

namespace blobferry::ui {

QString JobRecord::describe() const
{
    const QString blob = container + QLatin1Char('/') + blobPath;
    return direction == Direction::Upload ? localPath + QStringLiteral(" → ") + blob
                                          : blob + QStringLiteral(" → ") + localPath;
}

} // namespace blobferry::ui
