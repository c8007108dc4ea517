/**
 * Search as a reader gets it, and what it should have found.
 * - `runQueries` drives Pagefind's JS API in headless Chromium on a served build, importing
 *   `/pagefind/pagefind.js` in the page as the search page does, either plainly or through
 *   src/lib/search/engine.ts, and returns every result with whether its text contains the query.
 * - `groundTruth` reads the content directory the build was made from and lists every published
 *   report whose title or body contains the query, by the site's own definition of “contains”
 *   (`matchesQuery`: Latin in any case, numbers as whole numbers).
 * - `buildSite` builds and indexes a content directory in isolation from other builds.
 */
import { execFile } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { gunzipSync } from 'node:zlib';
import type { Browser } from 'playwright-core';
import { splitMdxFile } from '../../src/lib/content/mdx';
import { chunksForPrefix, metaChunks, type IndexChunk } from '../../src/lib/search/pagefind-files';
import { matchesQuery, planQuery } from '../../src/lib/search/plan';
import { PAIR_TABLE_PATH, pairShares, type PairTable } from '../../src/lib/search/pairs';
import { BUNDLE_LIST_PATH, stopListPairs, type BundleList } from '../../src/lib/search/bundles';
import { SEARCH_LANGUAGE, textFromPairs } from '../../src/lib/search/text';
import { reportUrl } from '../../src/lib/urls';
import { bodyText, parseEntryId } from '../../src/lib/content/validate';
import { launchBrowser } from './browser';
import { DIST } from './dist';

const run = promisify(execFile);

export interface ResultData {
  url: string;
  excerpt: string;
  /** True if the text Pagefind stored for the page (title and body, read back from pairs) contains the typed query. */
  contains: boolean;
  /** That text itself, only with `keepContent` (it is large: all of a report). */
  content?: string;
}

export interface QueryRun {
  /** The query as the reader typed it. */
  query: string;
  /** The string given to `pagefind.search` (see `mode`). */
  sent: string;
  /** Every result, in Pagefind's order, with its data loaded. */
  results: ResultData[];
  urls: string[];
  /** Time for the search and for loading all result data, in the page. */
  ms: number;
}

export interface RunOptions {
  /**
   * How queries reach Pagefind:
   * - `raw`: as typed, Pagefind initialised as the page's language says (zh-CN): what a plain
   *   `pagefind.search(q)` gives;
   * - `pairs`: through src/lib/search/engine.ts as the search page does: each year's bundles
   *   initialised with `initPagefind`'s language and searched by `planQuery` (one indexed word of
   *   each term, chosen with the year's stop pairs and the site's pair table, its chunks preloaded;
   *   or, with none, every report of the year).
   */
  mode?: 'raw' | 'pairs';
  /** The built site directory, needed by `pairs` to read the index chunk list and the pair table. */
  siteDir?: string;
  /** Reuse a browser; otherwise one is launched and closed. */
  browser?: Browser;
  /** Page to load Pagefind from: one that does not load Pagefind itself (default `/places/`). */
  path?: string;
  keepContent?: boolean;
  /**
   * Read each result's data from the site's fragment files (by result id) instead of fetching it
   * in the page: the same URL and text, without loading every result of a 50,000-report site
   * into a browser. The index lookup itself still runs in Chromium.
   */
  fragmentsFromDisk?: boolean;
}

/**
 * In-page: loads each group of bundles (`groups`: a name and its bundle paths) as the search page
 * loads a year: the first bundle's pagefind.js, initialised (optionally under another language
 * tag), the others merged in. Each bundle's pagefind.js is its own module, so each group is its
 * own Pagefind instance, kept on `window.__groups`.
 */
const IN_PAGE_INIT = `async ({ language, groups }) => {
  window.__groups = {};
  for (const { name, bundles: [first, ...merge] } of groups) {
    const pagefind = await import(first + 'pagefind.js');
    await pagefind.options({ excerptLength: 40 });
    const html = document.documentElement;
    const lang = html.lang;
    if (language) html.lang = language;
    const ready = pagefind.init();
    html.lang = lang;
    await ready;
    await Promise.all(merge.map((path) => pagefind.mergeIndex(path, { excerptLength: 40, ...(language ? { language } : {}) })));
    window.__groups[name] = pagefind;
  }
}`;

/**
 * In-page: preloads the given words in one group, runs one query (or, with `year`, a filter-only
 * search of the year) and loads every result's data. A string, so that no test transform (vite,
 * esbuild) can rewrite its dynamic import.
 */
const IN_PAGE_SEARCH = `async ({ name, q, year, preload, idsOnly }) => {
  const pagefind = window.__groups[name];
  const t0 = performance.now();
  await Promise.all(preload.map((w) => pagefind.preload(w)));
  const search = q === null ? await pagefind.search(null, { filters: { year } }) : await pagefind.search(q);
  if (idsOnly) return { ms: performance.now() - t0, ids: search.results.map((r) => r.id) };
  const data = await Promise.all(search.results.map((r) => r.data()));
  return {
    ms: performance.now() - t0,
    results: data.map((d) => ({ url: d.url, excerpt: d.excerpt, content: d.content })),
  };
}`;

/** Each year's search bundles and stop list of a built site, newest year first, from their list (src/lib/search/bundles.ts). */
export function siteYears(siteDir: string): BundleList['years'] {
  const list = join(siteDir, BUNDLE_LIST_PATH);
  return existsSync(list) ? (JSON.parse(readFileSync(list, 'utf8')) as BundleList).years : [];
}

/** The search bundles of a built site, newest year first, as URL paths. */
export const siteBundles = (siteDir: string): string[] => siteYears(siteDir).flatMap((y) => y.bundles);

/** A year's stop pairs, as the search page reads them. */
export function siteStops(siteDir: string, year: BundleList['years'][number]): Set<string> {
  return new Set(stopListPairs((JSON.parse(readFileSync(join(siteDir, year.stop), 'utf8')) as { pairs: string }).pairs));
}

/** The index chunks of search bundles of a built site, from their Pagefind metadata files. */
export async function siteChunks(siteDir: string, bundles = siteBundles(siteDir)): Promise<IndexChunk[]> {
  const lists = await Promise.all(
    bundles.map((bundle) => {
      const dir = join(siteDir, bundle);
      const meta = readdirSync(dir).find((f) => f.endsWith('.pf_meta'));
      if (!meta) throw new Error(`no Pagefind metadata in ${dir}`);
      return metaChunks(new Uint8Array(gunzipSync(readFileSync(join(dir, meta)))));
    }),
  );
  return lists.flat();
}

/** The shares of a built site's pair table (src/pages/search/pairs.json.ts), as the search page reads them. */
export function siteShares(siteDir: string): Map<string, number> {
  return pairShares(JSON.parse(readFileSync(join(siteDir, PAIR_TABLE_PATH), 'utf8')) as PairTable);
}

/**
 * Every page of a built site's search bundles by bundle and Pagefind result id (`<bundle path>|<language>_<hash>`):
 * its URL and stored text (pairs). Ids are short hashes, unique within a bundle only (at 50,000 reports a few repeat across bundles).
 */
export function siteFragments(siteDir: string): Map<string, { url: string; content: string }> {
  const pages = new Map<string, { url: string; content: string }>();
  for (const bundle of siteBundles(siteDir)) {
    const dir = join(siteDir, bundle, 'fragment');
    for (const f of readdirSync(dir)) {
      const raw = gunzipSync(readFileSync(join(dir, f)));
      const json = raw.subarray(0, 12).toString() === 'pagefind_dcd' ? raw.subarray(12) : raw;
      const { url, content } = JSON.parse(json.toString()) as { url: string; content: string };
      pages.set(`${bundle}|${f.replace(/\.pf_fragment$/, '')}`, { url, content });
    }
  }
  return pages;
}

/**
 * Runs each query through Pagefind in headless Chromium against the site at `baseUrl`: one page
 * load for all of them (as a reader searching several times), one evaluation per query and year.
 */
export async function runQueries(baseUrl: string, queries: readonly string[], opts: RunOptions = {}): Promise<QueryRun[]> {
  const mode = opts.mode ?? 'raw';
  const siteDir = opts.siteDir ?? DIST;
  const years = siteYears(siteDir);
  const shares = mode === 'pairs' ? siteShares(siteDir) : undefined;
  const perYear = new Map(
    await Promise.all(years.map(async (y) => [String(y.year), mode === 'pairs' ? { stop: siteStops(siteDir, y), chunks: await siteChunks(siteDir, y.bundles) } : undefined] as const)),
  );
  const fragments = opts.fragmentsFromDisk ? siteFragments(siteDir) : undefined;
  const browser = opts.browser ?? (await launchBrowser());
  try {
    const page = await browser.newPage();
    try {
      await page.goto(`${baseUrl.replace(/\/$/, '')}${opts.path ?? '/places/'}`, { waitUntil: 'load' });
      // `raw`: one instance over every bundle, as a plain Pagefind site; `pairs`: the year's bundles, as the search page searches a
      // year, one instance each when results are read from the fragment files (so each result's bundle is known).
      const yearGroups = (y: (typeof years)[number]) =>
        fragments ? y.bundles.map((b) => ({ name: b, bundles: [b] })) : [{ name: String(y.year), bundles: y.bundles }];
      const groups = mode === 'pairs' ? years.flatMap(yearGroups) : [{ name: 'all', bundles: years.flatMap((y) => y.bundles) }];
      await page.evaluate(`(${IN_PAGE_INIT})(${JSON.stringify({ language: mode === 'pairs' ? SEARCH_LANGUAGE : null, groups })})`);
      const runs: QueryRun[] = [];
      for (const query of queries) {
        const searches: { name: string; q: string | null; year: string; preload: string[] }[] =
          mode === 'pairs'
            ? years.flatMap((y) => {
                const { stop, chunks } = perYear.get(String(y.year))!;
                const plan = planQuery(query, stop, shares);
                const preload = [...new Set(plan.prefixes.flatMap((p) => chunksForPrefix(chunks, p).map((c) => c.from)))];
                return yearGroups(y).map((g) => ({ name: g.name, q: plan.words.length ? plan.words.join(' ') : null, year: String(y.year), preload }));
              })
            : [{ name: 'all', q: query, year: '', preload: [] }];
        let ms = 0;
        const data: { url: string; excerpt: string; content: string }[] = [];
        for (const arg of searches) {
          const r = (await page.evaluate(`(${IN_PAGE_SEARCH})(${JSON.stringify({ ...arg, idsOnly: !!fragments })})`)) as { ms: number; results?: Required<ResultData>[]; ids?: string[] };
          ms += r.ms;
          data.push(
            ...(r.results ??
              r.ids!.map((id) => {
                const d = fragments!.get(`${arg.name}|${id}`);
                if (!d) throw new Error(`result ${id} has no fragment file in ${siteDir}${arg.name}`);
                return { ...d, excerpt: '' };
              })),
          );
        }
        const results = data.map((x) => ({
          // Result URLs carry `?highlight=` when the page sets Pagefind's highlightParam.
          url: x.url.replace(/[?#].*$/, ''),
          excerpt: x.excerpt,
          contains: matchesQuery(textFromPairs(x.content), query),
          ...(opts.keepContent ? { content: x.content } : {}),
        }));
        const sent = searches.map((x) => `${x.name}: ${x.q ?? '(every report)'}`).join('; ');
        runs.push({ query, sent, results, urls: results.map((x) => x.url), ms });
      }
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
    .filter((d) => matchesQuery(d.text, query))
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
export const ROOT = fileURLToPath(new URL('../../', import.meta.url));

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
