// SPDX-License-Identifier: MIT
// scripts/bench's listing workload: fills a container of a STOPPED Azurite with COUNT copies of
// one empty blob that Azurite itself stored through Put Blob (the template), named
// d0000/f0000000 ... (1,000 a directory; LAYOUT "folders", the default) or f0000000 ... all at
// the top (LAYOUT "flat"), each with its own ETag.
//   node azurite-fill.cjs LOKIJS DB_FILE ACCOUNT CONTAINER TEMPLATE_CONTAINER TEMPLATE_BLOB COUNT [LAYOUT]
// Why not Put Blob for each: Azurite 3.35 looks a blob up by scanning every blob it holds
// (its LokiJS query starts with the account name, the same for all), so filling a container
// through the API costs time quadratic in its size (measured: ~16 ms of Azurite CPU a Put Blob
// at 25,000 blobs; hours for 200,000). Its database is written here with Azurite's own
// LokiJS, the way Azurite writes it; the bench then lists the container through the API and
// checks the count.
"use strict";
const [lokijs, dbFile, account, container, templateContainer, templateBlob, countText, layout = "folders"] =
  process.argv.slice(2);
if (layout !== "folders" && layout !== "flat") throw new Error(`unknown layout ${layout}: folders or flat`);
const Loki = require(lokijs);
const count = Number(countText);

const db = new Loki(dbFile, { persistenceMethod: "fs" });
db.loadDatabase({}, (loadError) => {
  if (loadError) throw loadError;
  const blobs = db.getCollection("$BLOBS_COLLECTION$");
  const template = blobs.findOne({ accountName: account, containerName: templateContainer, name: templateBlob });
  if (!template) throw new Error(`no template blob ${templateContainer}/${templateBlob} in ${dbFile}`);
  if (blobs.findOne({ accountName: account, containerName: container })) throw new Error(`${container} is not empty`);
  const { $loki, meta, ...fields } = template; // eslint-disable-line no-unused-vars
  const base = BigInt(fields.properties.etag.replace(/"/g, ""));
  const docs = [];
  for (let i = 0; i < count; i++) {
    const doc = JSON.parse(JSON.stringify(fields));
    doc.containerName = container;
    const file = `f${String(i).padStart(7, "0")}`;
    doc.name = layout === "flat" ? file : `d${String(Math.floor(i / 1000)).padStart(4, "0")}/${file}`;
    doc.properties.etag = `"0x${(base + BigInt(i + 1)).toString(16).toUpperCase()}"`;
    docs.push(doc);
  }
  blobs.insert(docs); // one batch: the indices are rebuilt once, not per document
  db.saveDatabase((saveError) => {
    if (saveError) throw saveError;
  });
});
