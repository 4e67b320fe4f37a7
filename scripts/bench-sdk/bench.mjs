// SPDX-License-Identifier: MIT
// scripts/bench's peer: one workload with the Azure SDK for JavaScript, the way its documentation
// shows, at the same concurrency and block size as the other tools. Its defaults stay (no MD5).
//   node bench.mjs WORKLOAD ENDPOINT SAS CONTAINER WORKDIR DEST CONCURRENCY
// (listing reads CONTAINER only)
import { BlobServiceClient } from "@azure/storage-blob";
import { mkdir, open, readdir } from "node:fs/promises";
import { join } from "node:path";

const [workload, endpoint, sas, container, work, dest, concurrencyText] = process.argv.slice(2);
const concurrency = Number(concurrencyText);
const blockSize = 8 * 1024 * 1024;
const service = new BlobServiceClient(`${endpoint}?${sas}`);

// Runs task(item) for every item, at most `limit` at a time.
async function pool(items, limit, task) {
  let next = 0;
  const worker = async () => {
    while (next < items.length) await task(items[next++]);
  };
  await Promise.all(Array.from({ length: Math.min(limit, items.length) }, worker));
}

async function uploadBig() {
  const target = service.getContainerClient(container);
  await target.createIfNotExists();
  await target.getBlockBlobClient("big.bin").uploadFile(join(work, "big", "big.bin"), {
    blockSize,
    concurrency,
    maxSingleShotSize: blockSize,
  });
}

// The SDK's downloadToFile is one GET; a user after speed asks for ranges in parallel and
// writes each where it belongs, as here.
async function downloadBig() {
  const blob = service.getContainerClient("seed-big").getBlobClient("big.bin");
  const size = (await blob.getProperties()).contentLength;
  const file = await open(join(dest, "big.bin"), "w");
  try {
    const ranges = [];
    for (let offset = 0; offset < size; offset += blockSize) ranges.push(offset);
    await pool(ranges, concurrency, async (offset) => {
      const count = Math.min(blockSize, size - offset);
      const answer = await blob.download(offset, count);
      let at = offset;
      for await (const chunk of answer.readableStreamBody) {
        await file.write(chunk, 0, chunk.length, at);
        at += chunk.length;
      }
      if (at !== offset + count) throw new Error(`range at ${offset}: ${at - offset} of ${count} bytes`);
    });
  } finally {
    await file.close();
  }
}

async function uploadSmall() {
  const target = service.getContainerClient(container);
  await target.createIfNotExists();
  const dir = join(work, "small");
  const names = await readdir(dir);
  await pool(names, concurrency, (name) =>
    target.getBlockBlobClient(name).uploadFile(join(dir, name), { maxSingleShotSize: blockSize }),
  );
}

async function downloadSmall() {
  const source = service.getContainerClient("seed-small");
  const names = [];
  for await (const blob of source.listBlobsFlat()) names.push(blob.name);
  await mkdir(dest, { recursive: true });
  await pool(names, concurrency, (name) => source.getBlobClient(name).downloadToFile(join(dest, name)));
}

// The listing workload: every name of CONTAINER, by pages of 5000 (the service's largest), as
// the SDK's documentation pages through a big container. Prints the count for the bench to check.
async function listing() {
  let count = 0;
  for await (const page of service.getContainerClient(container).listBlobsFlat().byPage({ maxPageSize: 5000 })) {
    count += page.segment.blobItems.length;
  }
  console.log(`${count} blobs`);
}

const runs = {
  upload1g: uploadBig,
  download1g: downloadBig,
  uploadsmall: uploadSmall,
  downloadsmall: downloadSmall,
  listing,
};
if (!runs[workload]) {
  console.error(`bench.mjs: unknown workload ${workload}`);
  process.exit(2);
}
try {
  await runs[workload]();
} catch (error) {
  console.error(`bench.mjs: ${workload}: ${error.message || error.code || error}`);
  process.exit(1);
}
