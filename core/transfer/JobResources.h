// SPDX-License-Identifier: MIT
#pragma once

#include "DestinationProbe.h"
#include "azure/BlobRequests.h"
#include "journal/Journal.h"

#include <memory>

namespace blobferry::net {
class Requester;
}

namespace blobferry::transfer {

// What a job's preflight (JobPreflight) hands over: everything the job's parts borrow.
struct JobResources
{
    enum class Direction
    {
        Upload,   // local → blobs
        Download, // blobs → local
        Copy,     // blobs → blobs, copied by the service
    };
    Direction direction = Direction::Upload;
    // The requester every request of the job goes through: the one set on the engine, else
    // the job's own (a child of the engine).
    net::Requester *requester = nullptr;
    std::unique_ptr<azure::BlobRequests> blobs; // the blob side; a copy's destination
    // A copy's source, and the source as the destination's service reads it when that needs
    // a read-only SAS made from the source's key (else null: copySource).
    std::unique_ptr<azure::BlobRequests> copySource;
    std::unique_ptr<azure::BlobRequests> copySourceUrl;
    std::unique_ptr<journal::Journal> journal; // /Z; null without it and in a dry run
    DestinationProbe::Result probe;            // a download's destination file system
};

} // namespace blobferry::transfer
