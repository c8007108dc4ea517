/**
 * `npm run bench:search -- [--site DIR | --reports N [--seed S]] [--query Q] [--keep]`
 *
 * Search cost for a built site (`--site`), or for a generated corpus of N reports (default 1000)
 * built and indexed like the real site. Prints
 * - the index size (bytes of every search bundle, by kind of file);
 * - bytes downloaded for a first query on /search/?q=Q in headless Chromium (Playwright's network
 *   events, which include Pagefind's web worker), with and without the page and its own JS/CSS;
 * - time from navigation to results (`#search-status` saying 找到 N 份…), and from the page's load
 *   event (its HTML, CSS and JS loaded) to results; bytes are those fetched by then;
 * - time from the load event to the count of matching reports (`#search-total`), and all bytes
 *   fetched once the page is idle.
 * Figures only: no thresholds.
 */
import { mkdirSync, readdirSync, rmSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { parseArgs } from 'node:util';
import { pathToFileURL } from 'node:url';
import { CORPUS_OPTIONS, corpusSize, genCorpus } from '../bench/gen-corpus';
import { launchBrowser } from '../bench/browser';
import { buildSite, ROOT, siteBundles } from '../bench/search';
import { serveDist } from '../bench/server';
import { PAIR_TABLE_PATH } from '../src/lib/search/pairs';
import { FOLD_TABLE_PATH } from '../src/lib/search/fold';

const USAGE = `用法 / usage: npm run bench:search -- [--site DIR | --reports N [--seed S]] [--query Q] [--keep]

  --site DIR    已构建的网站（含搜索索引）/ an already built site with its search index
  --reports N   生成的报告数 / reports in the generated corpus (default 1000)
  --seed S      随机种子 / corpus seed (default 1)
  --query Q     首次搜索的关键词 / the first query (default 行政复议); repeatable
  --keep        保留 .tmp/bench-search-*/ 以便查看 / keep the work directory`;

/** Bytes under `dir`, by what the files are. */
export function indexSizes(dir: string): Record<string, number> {
  const sizes: Record<string, number> = {};
  const walk = (d: string) => {
    for (const e of readdirSync(d, { withFileTypes: true })) {
      const full = join(d, e.name);
      if (e.isDirectory()) walk(full);
      else {
        const kind = e.name.endsWith('.pf_index')
          ? 'index chunks (.pf_index)'
          : e.name.endsWith('.pf_fragment')
            ? 'fragments (.pf_fragment)'
            : e.name.endsWith('.pf_filter')
              ? 'filters (.pf_filter)'
              : e.name.endsWith('.pf_meta')
                ? 'metadata (.pf_meta)'
                : e.name.endsWith('.pagefind')
                  ? 'wasm (.pagefind)'
                  : /ui|highlight/.test(e.name)
                    ? 'Pagefind UI bundles (unused by the site)'
                    : 'pagefind.js, worker, entry';
        sizes[kind] = (sizes[kind] ?? 0) + statSync(full).size;
      }
    }
  };
  walk(dir);
  return sizes;
}

const kb = (n: number) => `${(n / 1024).toFixed(1)} KiB`.padStart(12);

/** What a request fetched, for the byte breakdown. */
function category(url: string): string {
  const path = new URL(url).pathname;
  if (/^\/pagefind\//.test(path)) {
    if (path.endsWith('.pf_fragment')) return 'pagefind: result fragments';
    if (/(bundles|\.stop)\.json$/.test(path)) return 'search: bundle list and stop pairs';
    if (/\.pf_(index|meta|filter)$|pagefind-entry\.json$/.test(path)) return 'pagefind: index (entry, meta, chunks, filters)';
    return 'pagefind: runtime (pagefind.js, worker, wasm)';
  }
  if (path === PAIR_TABLE_PATH) return 'search: pair table';
  if (path === FOLD_TABLE_PATH) return 'search: fold table (繁→简)';
  if (path.startsWith('/_astro/')) return path.endsWith('.css') ? 'site: CSS' : 'site: JS';
  return 'site: HTML and other';
}

export interface Measure {
  query: string;
  /** From navigation start to results. */
  ms: number;
  /** From the end of the page's load event to results. */
  afterLoadMs: number;
  status: string;
  /** Bytes fetched by the time the first results show, by kind. */
  bytes: Record<string, number>;
  /** From the end of the page's load event to the count of matching reports; undefined if none came. */
  countAfterLoadMs?: number;
  /** The count as the page shows it (共 N 份… or 约 N 份…). */
  total: string;
  /** Bytes fetched once the page is idle (counts included), by kind. */
  allBytes: Record<string, number>;
}

/** Bytes of the search data a query fetched: index, bundle list, stop pairs, pair table and result fragments, not code (page, JS, CSS, Pagefind runtime). */
export const dataBytes = (m: Measure): number =>
  Object.entries(m.bytes)
    .filter(([k]) => k.startsWith('pagefind: index') || k.startsWith('pagefind: result') || k.startsWith('search: '))
    .reduce((a, [, v]) => a + v, 0);

/** A first query on /search/?q= with an empty cache: bytes by kind, and time from navigation to results. */
export async function measureSearch(origin: string, query: string): Promise<Measure> {
  const browser = await launchBrowser();
  try {
    // A fresh context per query: an empty cache, as a first visit.
    const context = await browser.newContext();
    const page = await context.newPage();
    // Playwright's request events include Pagefind's web worker, which fetches the index and
    // fragments; a page-level CDP session would miss those. Body sizes are bytes on the wire.
    const finished: { at: number; kind: string; size: number }[] = [];
    const pending: Promise<void>[] = [];
    context.on('requestfinished', (req) => {
      if (!req.url().startsWith(origin)) return;
      const at = Date.now();
      pending.push(
        req.sizes().then((z) => {
          finished.push({ at, kind: category(req.url()), size: z.responseBodySize + z.responseHeadersSize });
        }),
      );
    });
    // Record the moment the status first reports results, relative to navigation start. A string,
    // so that no transform adds helpers (esbuild's __name) the page does not have.
    await page.addInitScript(`document.addEventListener('DOMContentLoaded', () => {
      const el = document.getElementById('search-status');
      if (!el) return;
      new MutationObserver(() => {
        if (window.__resultsAt === undefined && /找到/.test(el.textContent || '')) window.__resultsAt = performance.now();
      }).observe(el, { childList: true, characterData: true, subtree: true });
      const total = document.getElementById('search-total');
      if (total) new MutationObserver(() => {
        if (window.__countAt === undefined && !total.hidden && total.textContent) window.__countAt = performance.now();
      }).observe(total, { attributes: true, childList: true, characterData: true, subtree: true });
    });`);
    await page.goto(`${origin}/search/?q=${encodeURIComponent(query)}`, { waitUntil: 'load' });
    await page.waitForFunction('window.__resultsAt !== undefined', undefined, { timeout: 120_000 });
    await page.waitForFunction('window.__countAt !== undefined', undefined, { timeout: 60_000 }).catch(() => undefined);
    await page.waitForLoadState('networkidle');
    const ms = (await page.evaluate('window.__resultsAt')) as number;
    const countAt = (await page.evaluate('window.__countAt')) as number | undefined;
    const origin0 = (await page.evaluate('performance.timeOrigin')) as number;
    const loaded = (await page.evaluate(`performance.getEntriesByType('navigation')[0].loadEventEnd`)) as number;
    const status = (await page.textContent('#search-status')) ?? '';
    const total = (await page.textContent('#search-total')) ?? '';
    await Promise.all(pending);
    await context.close();
    const sum = (until: number) => {
      const out: Record<string, number> = {};
      for (const f of finished) if (f.at <= until) out[f.kind] = (out[f.kind] ?? 0) + f.size;
      return out;
    };
    return {
      query,
      ms,
      afterLoadMs: ms - loaded,
      status,
      bytes: sum(origin0 + ms),
      countAfterLoadMs: countAt === undefined ? undefined : countAt - loaded,
      total,
      allBytes: sum(Infinity),
    };
  } finally {
    await browser.close();
  }
}

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      ...CORPUS_OPTIONS,
      site: { type: 'string' },
      query: { type: 'string', multiple: true },
      keep: { type: 'boolean' },
      help: { type: 'boolean', short: 'h' },
    },
  });
  if (values.help) {
    console.log(USAGE);
    return;
  }
  const size = corpusSize(values);
  if (!size) {
    console.error(USAGE);
    process.exit(2);
  }
  const { reports, seed } = size;
  const queries = values.query?.length ? values.query : ['行政复议'];
  const work = join(ROOT, '.tmp', `bench-search-${process.pid}`);
  let site = values.site;
  try {
    if (!site) {
      mkdirSync(work, { recursive: true });
      let t = Date.now();
      console.log(`generating ${reports} reports (seed ${seed}) …`);
      genCorpus({ reports, seed, out: join(work, 'content') });
      console.log(`  ${((Date.now() - t) / 1000).toFixed(1)} s`);
      console.log('building and indexing …');
      t = Date.now();
      site = await buildSite(join(work, 'content'), work, (s) => console.log(`  ${s}`));
      console.log(`  total ${((Date.now() - t) / 1000).toFixed(1)} s`);
    }
    await printSearchFigures(site, queries);
  } finally {
    if (!values.site && !values.keep) rmSync(work, { recursive: true, force: true });
    else if (!values.site) console.log(`\nkept ${relative(ROOT, work)}`);
  }
}

/** Index sizes of every search bundle of `site`, then a first query for each of `queries` on its /search/ page. */
export async function printSearchFigures(site: string, queries: readonly string[]): Promise<Measure[]> {
  const sizes: Record<string, number> = {};
  let chunks = 0;
  let fragments = 0;
  const bundles = siteBundles(site);
  for (const b of bundles) {
    for (const [k, v] of Object.entries(indexSizes(join(site, b)))) sizes[k] = (sizes[k] ?? 0) + v;
    chunks += readdirSync(join(site, b, 'index')).length;
    fragments += readdirSync(join(site, b, 'fragment')).length;
  }
  const total = Object.values(sizes).reduce((a, b) => a + b, 0);
  console.log(`\nsearch index: ${bundles.length} bundle(s) (${bundles.join(' ')}) = ${(total / 1024 / 1024).toFixed(2)} MiB`);
  for (const [k, v] of Object.entries(sizes).sort((a, b) => b[1] - a[1])) console.log(`  ${kb(v)}  ${k}`);
  console.log(`  ${chunks} index chunks, ${fragments} fragment files`);

  const server = await serveDist(site);
  const measures: Measure[] = [];
  try {
    console.log(
      `\n${'first query (empty cache)'.padEnd(16)} ${'to results'.padStart(10)} ${'after load'.padStart(10)} ${'index+fragments'.padStart(16)} ${'all bytes'.padStart(12)} ${'count after load'.padStart(17)} ${'bytes when idle'.padStart(16)}  status · count`,
    );
    for (const q of queries) {
      const m = await measureSearch(server.origin, q);
      measures.push(m);
      const sumOf = (b: Record<string, number>) => Object.values(b).reduce((a, v) => a + v, 0);
      const count = m.countAfterLoadMs === undefined ? '—' : `${m.countAfterLoadMs.toFixed(0)} ms`;
      console.log(
        `${q.padEnd(16, '　')} ${`${m.ms.toFixed(0)} ms`.padStart(10)} ${`${m.afterLoadMs.toFixed(0)} ms`.padStart(10)} ${kb(dataBytes(m)).padStart(16)} ${kb(sumOf(m.bytes)).padStart(12)} ${count.padStart(17)} ${kb(sumOf(m.allBytes)).padStart(16)}  ${m.status} · ${m.total}`,
      );
      for (const [k, v] of Object.entries(m.bytes).sort()) console.log(`    ${kb(v)}  ${k}`);
    }
  } finally {
    await server.close();
  }
  return measures;
}

const isMain = process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href;
if (isMain) {
  main().catch((e) => {
    console.error(e instanceof Error ? e.message : e);
    process.exit(1);
  });
}
