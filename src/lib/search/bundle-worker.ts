/**
 * A worker thread of BundleWriter's pool (src/lib/search/bundle-writer.ts): writes the bundles it is sent
 * with this thread's own Pagefind service (one per thread, kept while the thread lives), and closes
 * that service when the pool stops the thread (`close`, tinypool's teardown).
 */
import { closePagefind, writeBundle, type BundleFigures, type BundleJob } from './indexer';

export default (job: BundleJob): Promise<BundleFigures> => writeBundle(job.bundle, new Set(job.stop), job.workDir, job.digest);

export const close = (): Promise<unknown> => closePagefind();
