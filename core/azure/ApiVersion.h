// SPDX-License-Identifier: MIT
#pragma once

namespace blobferry::azure {

// One service version for every request. 2025-11-05 is the newest Azurite 3.35 accepts and
// gives 4000 MiB blocks and 5000 MiB single-shot Put Blob (any version from 2019-12-12 does).
inline constexpr char kApiVersion[] = "2025-11-05";

} // namespace blobferry::azure
