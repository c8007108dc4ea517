/**
 * The search index of a build, made from the content beside the site (src/lib/search/indexer.ts):
 * year by year, newest first, each year's bundles go to Pagefind as soon as its search documents
 * are made, while the site is being built.
 */
import { availableParallelism } from 'node:os';
import { setImmediate as tick } from 'node:timers/promises';
import { planBundles, type Bundle } from '../lib/search/bundles';
import { BundleWriter } from '../lib/search/bundle-writer';
import { searchSourcesByYear, yearStopPairs, type SearchSource } from '../lib/search/indexer';
import type { BuildSteps } from './steps';

export interface SearchIndexOptions {
  contentDir: string;
  drafts: boolean;
  /** Where bundles are written and kept between builds. */
  indexWork: string;
  log: (line: string) => void;
  steps: Pick<BuildSteps, 'record'>;
  /** Bundles written at a time once the site is built (default: the number of cores). */
  concurrency?: number;
}

/**
 * Builds the search bundles while `siteBuilt` (the site directory, once built) is on its way;
 * resolves with the site directory and all bundles. The site's failure comes first: an entry that
 * breaks the index breaks the build, with the build's message.
 */
export async function searchIndex<T>(siteBuilt: Promise<T>, o: SearchIndexOptions): Promise<{ site: T; bundles: Bundle<SearchSource>[] }> {
  const t = performance.now();
  // One bundle at a time while the site is being built beside it (more threads than cores only
  // thrash), then as many as there are cores.
  const writer = new BundleWriter(o.indexWork, 1);
  void siteBuilt.finally(() => writer.setConcurrency(o.concurrency ?? availableParallelism())).catch(() => {});
  const bundles: Bundle<SearchSource>[] = [];
  let failure: unknown;
  try {
    for await (const sources of searchSourcesByYear(o.contentDir, o.drafts, tick)) {
      const planned = planBundles(sources);
      bundles.push(...planned);
      writer.add(sources[0].year, planned, await yearStopPairs(sources[0].year, sources, o.indexWork));
    }
    o.log(`搜索文档 / search documents: ${bundles.reduce((n, b) => n + b.sources.length, 0)} (${((performance.now() - t) / 1000).toFixed(1)} s)`);
  } catch (e) {
    failure = e;
  }
  const site = await siteBuilt.finally(() => writer.done().catch(() => {}));
  if (failure) throw failure;
  const figures = await writer.done();
  const indexed = figures.filter((f) => f.indexed);
  o.steps.record('search index', performance.now() - t);
  o.log(
    `搜索索引 / search bundles: ${figures.length}, indexed ${indexed.length}: ${indexed.map((f) => `${f.bundle} (${f.reports}, ${(f.ms / 1000).toFixed(1)} s)`).join(' ') || 'none changed'}`,
  );
  return { site, bundles };
}
