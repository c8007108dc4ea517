/**
 * The pool that writes the search index's bundles, several at a time, each thread with its own
 * Pagefind service (bundle-worker.ts); the bundles themselves are indexer.ts's.
 */
import { existsSync, mkdirSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { availableParallelism } from 'node:os';
import pLimit, { type LimitFunction } from 'p-limit';
import { Tinypool } from 'tinypool';
import { bundlePath, type Bundle } from './bundles';
import { bundleDigest, bundleUpToDate, bundleWorkDir, makeDocs, stopListWorkFile, type BundleFigures, type BundleJob, type SearchSource } from './indexer';

/**
 * The module a pool thread loads. Worker threads do not inherit tsx's loader (nor vitest's): it is
 * registered in the thread, then the worker loaded (a data: URL, so no bare specifier is resolved in it).
 */
export const workerEntry = (worker: URL): string =>
  `data:text/javascript,${encodeURIComponent(
    `const tsx = await import(${JSON.stringify(import.meta.resolve('tsx/esm/api'))}); tsx.register();` +
      `const m = await import(${JSON.stringify(worker.href)}); export default m.default; export const close = m.close;`,
  )}`;

/**
 * Files Pagefind writes into every bundle that the site never loads: its three search UIs (the
 * search page has its own, src/scripts/search.ts, over Pagefind's JS API), and the highlighter
 * outside a year's first bundle, the one report pages load it from. Dropped once a bundle is
 * written, and never linked into a site (src/build/site-check.ts).
 */
export const unusedPagefindFile = (rel: string, bundle: Pick<Bundle, 'part'>): boolean =>
  /^pagefind-(component-ui|modular-ui|ui)\.(js|css)$/.test(rel) || (rel === 'pagefind-highlight.js' && bundle.part !== 1);

/** Deletes the unused Pagefind files (unusedPagefindFile) of `bundle` written in `workDir`. */
function dropUnusedFiles(workDir: string, bundle: Bundle<SearchSource>): void {
  const dir = join(bundleWorkDir(workDir, bundle), 'bundle');
  if (!existsSync(dir)) return;
  for (const f of readdirSync(dir)) if (unusedPagefindFile(f, bundle)) rmSync(join(dir, f));
}

/** True if `broken` has rejected (by the time pending callbacks have run). */
const isBroken = (broken: Promise<never>): Promise<boolean> => Promise.race([broken.then(() => false, () => true), new Promise<boolean>((ok) => setImmediate(() => ok(false)))]);

/**
 * Writes bundles (`writeBundle`) as they are given (`add`), `concurrency` at a time (p-limit), each
 * in a thread of a pool (tinypool) with its own Pagefind service: one service writes one index at
 * a time, and a bundle takes about one core while it is written. A bundle whose inputs are
 * unchanged since it was last written (`bundleDigest`) is kept, and its reports' documents are
 * never made. Also writes each year's stop pairs for the search page. `done` resolves with every
 * bundle's figures, or rejects with the first failure; a thread that dies fails its bundle, and
 * `done` never waits on it.
 */
export class BundleWriter {
  private figures: BundleFigures[] = [];
  private pending: Promise<void>[] = [];
  private failure: unknown;
  private pool?: { pool: Tinypool; broken: Promise<never> };
  private readonly limit: LimitFunction;

  constructor(
    private readonly workDir: string,
    concurrency = 2,
    /** The worker module (tests give one of their own). */
    private readonly worker = new URL('./bundle-worker.ts', import.meta.url),
  ) {
    mkdirSync(workDir, { recursive: true });
    this.limit = pLimit(concurrency);
  }

  /** Writes up to `n` bundles at a time from now on (fewer while other work shares the cores). */
  setConcurrency(n: number): void {
    this.limit.concurrency = n;
  }

  /** Queues `bundles` of `year`, whose stop pairs are `stop`; bundles read from built pages must have their docs. */
  add(year: number, bundles: readonly Bundle<SearchSource>[], stop: string[]): void {
    writeFileSync(stopListWorkFile(this.workDir, year), JSON.stringify({ pairs: stop.join('') }));
    for (const bundle of bundles) {
      const digest = bundleDigest(bundle, stop);
      if (bundleUpToDate(this.workDir, bundle, digest)) this.figures.push({ bundle: bundlePath(bundle), reports: bundle.sources.length, ms: 0, indexed: false });
      else this.pending.push(this.limit(() => this.run({ bundle, stop, workDir: this.workDir, digest })));
    }
  }

  /** Resolves once every bundle given so far is written, with all figures; stops the pool's threads (`add` starts them again). */
  async done(): Promise<BundleFigures[]> {
    while (this.pending.length) await Promise.all(this.pending.splice(0));
    const started = this.pool;
    this.pool = undefined;
    if (started && (await isBroken(started.broken))) {
      // Its threads are ended as they are: tinypool's destroy would fail on a thread still failing to start.
      await Promise.allSettled(started.pool.threads.map((t) => t.terminate()));
    } else {
      // Each thread closes its Pagefind service (teardown) and ends.
      await started?.pool.destroy().catch(() => {});
    }
    if (this.failure !== undefined) throw this.failure;
    return [...this.figures].sort((a, b) => a.bundle.localeCompare(b.bundle));
  }

  /** The pool, started on first use, and a promise rejected if one of its threads dies outside a job. */
  private started(): { pool: Tinypool; broken: Promise<never> } {
    if (this.pool) return this.pool;
    const pool = new Tinypool({
      filename: workerEntry(this.worker),
      teardown: 'close',
      // Threads are started when needed and kept (each with its Pagefind service) until `done`.
      minThreads: 0,
      maxThreads: Math.max(this.limit.concurrency, availableParallelism()),
      idleTimeout: 2 ** 31 - 1,
    });
    const broken = new Promise<never>((_, fail) => pool.on('error', fail));
    broken.catch(() => {});
    return (this.pool = { pool, broken });
  }

  private async run(job: BundleJob): Promise<void> {
    // The first failure stops the queue; bundles being written finish.
    if (this.failure !== undefined) return;
    try {
      await makeDocs(job.bundle.sources);
      // Only what the worker needs crosses over: each report's URL and document.
      const sources = job.bundle.sources.map(({ id, url, year, placeId, key, doc }) => ({ id, url, year, placeId, key, doc }));
      const { pool, broken } = this.started();
      // A thread that fails before it takes its job fails the pool, not the job: the job would wait for ever.
      this.figures.push((await Promise.race([pool.run({ ...job, bundle: { ...job.bundle, sources } }), broken])) as BundleFigures);
      dropUnusedFiles(job.workDir, job.bundle);
    } catch (e) {
      this.failure ??= e;
    }
  }
}
