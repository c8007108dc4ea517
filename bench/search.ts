/**
 * Search as a reader gets it, and what it should have found.
 * - `runQueries` searches a served build in headless Chromium: by default through the real search
 *   page (/search/?q=…, its built scripts, src/scripts/search.ts over src/lib/search/), taking
 *   every result it would list as the reader pages to the end from the page's own search
 *   (SEARCH_HANDLE_EVENT, `allResults`); or, for comparison, through plain Pagefind.
 * - `groundTruth` reads the content directory the build was made from and lists every published
 *   report whose title or body contains the query, by the site's own definition of “contains”
 *   (`matchesQuery`: Latin in any case, numbers as whole numbers, Traditional and Simplified alike).
 * - `buildSite` builds and indexes a content directory in isolation from other builds.
 */
import { execFile } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import type { Browser, Page } from 'playwright-core';
import { splitMdxFile } from '../src/lib/content/mdx';
import { matchesQuery } from '../src/lib/search/query';
import { buildFold } from '../src/lib/search/fold-table';
import { BUNDLE_LIST_PATH, type BundleList } from '../src/lib/search/bundles';
import { SEARCH_HANDLE_EVENT, type CheckedResult } from '../src/lib/search/site';
import { textFromPairs } from '../src/lib/search/text';
import { reportUrl } from '../src/lib/urls';
import { bodyText, parseEntryId } from '../src/lib/content/validate';
import { launchBrowser } from './browser';

const run = promisify(execFile);

export interface ResultData {
  url: string;
  /** True if the result's text (title and body, as the index stores them) contains the query: the page keeps it. */
  contains: boolean;
}

export interface QueryRun {
  /** The query as the reader typed it. */
  query: string;
  /** Every result, in the page's order (newest year first, Pagefind's order within a year), before the check. */
  results: ResultData[];
  urls: string[];
  /** Time to search and check every result, in the page. */
  ms: number;
}

export interface RunOptions {
  /**
   * How queries are searched:
   * - `page`: on the search page, as a reader types them into it (the default);
   * - `raw`: `pagefind.search(q)` as typed over every bundle, Pagefind initialised under the
   *   page's language (zh-CN): what a plain Pagefind site gives.
   */
  mode?: 'page' | 'raw';
  /** The built site directory; `raw` reads its bundle list. */
  siteDir?: string;
  /** Reuse a browser; otherwise one is launched and closed. */
  browser?: Browser;
}

/** Each year's search bundles and stop list of a built site, newest year first, from their list (src/lib/search/bundles.ts). */
export function siteYears(siteDir: string): BundleList['years'] {
  const list = join(siteDir, BUNDLE_LIST_PATH);
  return existsSync(list) ? (JSON.parse(readFileSync(list, 'utf8')) as BundleList).years : [];
}

/** The search bundles of a built site, newest year first, as URL paths. */
export const siteBundles = (siteDir: string): string[] => siteYears(siteDir).flatMap((y) => y.bundles);

/** Result URLs carry `?highlight=` when Pagefind's highlightParam is set. */
const pagePath = (url: string) => url.replace(/[?#].*$/, '');

/**
 * In-page, before the page's scripts run: keeps the search page's handle (SEARCH_HANDLE_EVENT) for
 * the harness. A string, so that no transform (vite, esbuild) adds helpers the page lacks.
 */
const KEEP_HANDLE = `document.addEventListener(${JSON.stringify(SEARCH_HANDLE_EVENT)}, (e) => { window.__searchHandle = e.detail; });`;

/** In-page: every result of the page's query, from its handle. */
const IN_PAGE_ALL = `(async () => {
  const t0 = performance.now();
  const results = await window.__searchHandle.all();
  return { ms: performance.now() - t0, results };
})()`;

/** One query on the search page: loads /search/?q=, waits for its first screenful and its handle, then takes every result. */
async function pageQuery(page: Page, baseUrl: string, query: string): Promise<QueryRun> {
  await page.goto(`${baseUrl}/search/?q=${encodeURIComponent(query)}`, { waitUntil: 'load' });
  await page.waitForFunction('window.__searchHandle !== undefined', undefined, { timeout: 120_000 });
  const { ms, results } = (await page.evaluate(IN_PAGE_ALL)) as { ms: number; results: CheckedResult[] };
  const data = results.map((r) => ({ url: pagePath(r.url), contains: r.kept }));
  return { query, results: data, urls: data.map((r) => r.url), ms };
}

/**
 * In-page: plain Pagefind over every bundle (the first bundle's pagefind.js initialised, the others
 * merged in), one query, every result's URL and stored text.
 */
const IN_PAGE_RAW = `async ({ bundles: [first, ...merge], q }) => {
  const pagefind = window.__raw ??= await (async () => {
    const pf = await import(first + 'pagefind.js');
    await pf.options({ excerptLength: 40 });
    await pf.init();
    await Promise.all(merge.map((path) => pf.mergeIndex(path, { excerptLength: 40 })));
    return pf;
  })();
  const t0 = performance.now();
  const search = await pagefind.search(q);
  const data = await Promise.all(search.results.map((r) => r.data()));
  return { ms: performance.now() - t0, results: data.map((d) => ({ url: d.url, content: d.content })) };
}`;

/**
 * Runs each query against the site at `baseUrl` in headless Chromium: on the search page (one
 * page load per query, as a reader searching several times), or through plain Pagefind.
 */
export async function runQueries(baseUrl: string, queries: readonly string[], opts: RunOptions = {}): Promise<QueryRun[]> {
  const base = baseUrl.replace(/\/$/, '');
  const browser = opts.browser ?? (await launchBrowser());
  try {
    const page = await browser.newPage();
    try {
      const runs: QueryRun[] = [];
      if (opts.mode === 'raw') {
        if (!opts.siteDir) throw new Error('raw mode needs siteDir');
        const bundles = siteBundles(opts.siteDir);
        // A page that does not load Pagefind itself.
        await page.goto(`${base}/places/`, { waitUntil: 'load' });
        for (const query of queries) {
          const r = (await page.evaluate(`(${IN_PAGE_RAW})(${JSON.stringify({ bundles, q: query })})`)) as { ms: number; results: { url: string; content: string }[] };
          const results = r.results.map((x) => ({ url: pagePath(x.url), contains: matchesQuery(textFromPairs(x.content), query, buildFold()) }));
          runs.push({ query, results, urls: results.map((x) => x.url), ms: r.ms });
        }
        return runs;
      }
      await page.addInitScript(KEEP_HANDLE);
      for (const query of queries) runs.push(await pageQuery(page, base, query));
      return runs;
    } finally {
      await page.close();
    }
  } finally {
    if (!opts.browser) await browser.close();
  }
}

export interface ContentDoc {
  url: string;
  /** Title and body text, as a reader sees them, on separate lines. */
  text: string;
}

const docsCache = new Map<string, ContentDoc[]>();

/** Every published (non-draft) report of a content directory, with its URL and text. */
export function publishedDocs(contentDir: string): ContentDoc[] {
  const cached = docsCache.get(contentDir);
  if (cached) return cached;
  const root = join(contentDir, 'reports');
  const docs: ContentDoc[] = [];
  const files = readdirSync(root, { recursive: true, encoding: 'utf8' })
    .filter((f) => f.endsWith('.mdx'))
    .sort();
  for (const f of files) {
    const { data, body } = splitMdxFile(readFileSync(join(root, f), 'utf8'));
    if (data.draft === true) continue;
    const where = parseEntryId(f.replace(/\\/g, '/').replace(/\.mdx$/, ''));
    if (!where) continue;
    docs.push({ url: reportUrl(where.placeId, where.year), text: `${String(data.title ?? '')}\n${bodyText(body)}` });
  }
  docsCache.set(contentDir, docs);
  return docs;
}

/** URLs of the published reports of `contentDir` whose title or body contains `query`. */
export function groundTruth(contentDir: string, query: string): string[] {
  return publishedDocs(contentDir)
    .filter((d) => matchesQuery(d.text, query, buildFold()))
    .map((d) => d.url);
}

/** Recall and precision of one run against its ground truth. */
export interface Score {
  query: string;
  expected: number;
  returned: number;
  /** Expected reports that were returned. */
  found: number;
  /** Returned results whose indexed text contains the query. */
  relevant: number;
  /** Expected but not returned. */
  missed: string[];
  recall: number;
  precision: number;
}

export function score(run: QueryRun, expected: readonly string[]): Score {
  const returned = new Set(run.urls);
  const missed = expected.filter((u) => !returned.has(u));
  const relevant = run.results.filter((r) => r.contains).length;
  return {
    query: run.query,
    expected: expected.length,
    returned: run.urls.length,
    found: expected.length - missed.length,
    relevant,
    missed,
    recall: expected.length ? (expected.length - missed.length) / expected.length : 1,
    precision: run.urls.length ? relevant / run.urls.length : 1,
  };
}

/** A fixed-width table of scores, for the test log and the final report. */
export function scoreTable(title: string, scores: readonly Score[]): string {
  const pct = (x: number) => `${(x * 100).toFixed(1)}%`.padStart(7);
  const rows = scores.map(
    (s) => `${s.query.padEnd(10, '　')} ${String(s.expected).padStart(5)} ${String(s.returned).padStart(5)} ${String(s.found).padStart(5)} ${pct(s.recall)} ${pct(s.precision)}`,
  );
  const exp = scores.reduce((a, s) => a + s.expected, 0);
  const found = scores.reduce((a, s) => a + s.found, 0);
  const ret = scores.reduce((a, s) => a + s.returned, 0);
  const rel = scores.reduce((a, s) => a + s.relevant, 0);
  return [
    title,
    `${'query'.padEnd(10, '　')} ${'exp'.padStart(5)} ${'ret'.padStart(5)} ${'found'.padStart(5)} ${'recall'.padStart(7)} ${'precis'.padStart(7)}`,
    ...rows,
    `${'total'.padEnd(10, '　')} ${String(exp).padStart(5)} ${String(ret).padStart(5)} ${String(found).padStart(5)} ${pct(exp ? found / exp : 1)} ${pct(ret ? rel / ret : 1)}`,
  ].join('\n');
}

/** The project root: builds run from it, and their work directories must lie inside it. */
export const ROOT = fileURLToPath(new URL('..', import.meta.url));

/**
 * Builds the site from `contentDir` into `<workDir>/dist` as `npm run build` does, in one piece
 * (scripts/build.ts: astro build, then one search bundle per year); returns the output directory.
 * `workDir` must be inside the project (e.g. under `.tmp/`): Astro puts its build chunks in
 * `<project>/.astro/` whenever the output is outside the project, shared with other builds. The
 * content cache is the content directory's own (astro.config.mjs).
 */
export async function buildSite(contentDir: string, workDir: string, log: (s: string) => void = () => {}): Promise<string> {
  const work = resolve(workDir);
  if (!work.startsWith(ROOT)) throw new Error(`workDir must be inside the project (${ROOT}): ${work}`);
  mkdirSync(work, { recursive: true });
  const out = join(work, 'dist');
  const env = { ...process.env, CONTENT_DIR: resolve(contentDir) };
  const t = Date.now();
  await run('npx', ['tsx', 'scripts/build.ts', '--out', out, '--shards', '1'], { cwd: ROOT, env, maxBuffer: 1 << 28 });
  log(`build and index: ${((Date.now() - t) / 1000).toFixed(1)} s`);
  return out;
}

/**
 * Builds `contentDir` as `npm run build` does, split into `shards` (scripts/build.ts), with its
 * shards and output under `workDir` (inside the project). Returns the site directory and the
 * build's log, which says which shards were built and which were unchanged.
 */
export async function buildSharded(contentDir: string, workDir: string, shards: number, extra: string[] = []): Promise<{ site: string; log: string }> {
  const work = resolve(workDir);
  const site = join(work, 'dist');
  const env = { ...process.env, CONTENT_DIR: resolve(contentDir) };
  const args = ['tsx', 'scripts/build.ts', '--shards', String(shards), '--out', site, '--work', join(work, 'shards'), ...extra];
  const { stdout } = await run('npx', args, { cwd: ROOT, env, maxBuffer: 1 << 28 });
  return { site, log: stdout };
}

/** The runs as the search page shows them: only results whose text contains the query (`verifyResults`). */
export const verified = (runs: readonly QueryRun[]): QueryRun[] =>
  runs.map((r) => {
    const results = r.results.filter((x) => x.contains);
    return { ...r, results, urls: results.map((x) => x.url) };
  });
