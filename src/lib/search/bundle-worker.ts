/**
 * Worker thread of BundleWriter (src/lib/search/indexer.ts): writes the bundles it is sent with its
 * own Pagefind service, answers each with its figures or error, and closes the service on 'close'.
 */
import { parentPort } from 'node:worker_threads';
import { closePagefind, writeBundle, type BundleJob } from './indexer';

parentPort!.on('message', async (job: BundleJob | 'close') => {
  if (job === 'close') {
    await closePagefind();
    process.exit(0);
  }
  try {
    parentPort!.postMessage({ figures: await writeBundle(job.bundle, new Set(job.stop), job.workDir, job.digest) });
  } catch (e) {
    parentPort!.postMessage({ error: e instanceof Error ? `${e.message}\n${e.stack}` : String(e) });
  }
});
