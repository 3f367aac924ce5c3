/** Builds (or finds cached) the local FerretDB server, so that a first build is not charged to a test's timeout. */
import { ensureFerretDBBinary } from './lib/ferretdb.js';

if (!process.env.MONGODB_URI) {
  const binary = await ensureFerretDBBinary((line) => console.log(line));
  console.log(`ferretdb: ${binary}`);
}
