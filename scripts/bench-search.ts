/**
 * `npm run bench:search -- [--reports N] [--seed S] [--query Q] [--keep]`
 *
 * Search cost for a generated corpus of N reports (default 1000): builds and indexes it like the
 * real site, then prints
 * - the index size (bytes of <site>/pagefind, by kind of file);
 * - bytes downloaded for a first query on /search/?q=Q in headless Chromium (Playwright's network
 *   events, which include Pagefind's web worker), with and without the page and its own JS/CSS;
 * - time from navigation to results (`#search-status` saying 找到 N 份…).
 * Figures only: no thresholds.
 */
import { mkdirSync, readdirSync, rmSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { parseArgs } from 'node:util';
import { genCorpus } from './gen-corpus';
import { launchBrowser } from '../tests/helpers/browser';
import { buildSite, ROOT, siteChunks } from '../tests/helpers/search';
import { chunksForPrefix, pagefindQuery, QUERY_LANGUAGE, queryTerms, singleCharacterTerms } from '../src/lib/search-query';
import { serveDist } from '../tests/helpers/server';

const USAGE = `用法 / usage: npm run bench:search -- [--reports N] [--seed S] [--query Q] [--keep]

  --reports N   生成的报告数 / reports in the generated corpus (default 1000)
  --seed S      随机种子 / corpus seed (default 1)
  --query Q     首次搜索的关键词 / the first query (default 行政复议); repeatable
  --keep        保留 .tmp/bench-search-*/ 以便查看 / keep the work directory`;

/** Bytes under `dir`, by what the files are. */
function indexSizes(dir: string): Record<string, number> {
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
  if (path.startsWith('/pagefind/')) {
    if (path.endsWith('.pf_fragment')) return 'pagefind: result fragments';
    if (/\.pf_(index|meta|filter)$/.test(path)) return 'pagefind: index (meta, chunks, filters)';
    return 'pagefind: runtime (pagefind.js, wasm, entry)';
  }
  if (path.startsWith('/_astro/')) return path.endsWith('.css') ? 'site: CSS' : 'site: JS';
  return 'site: HTML and other';
}

interface Measure {
  query: string;
  ms: number;
  status: string;
  bytes: Record<string, number>;
}

async function measure(origin: string, query: string): Promise<Measure> {
  const browser = await launchBrowser();
  try {
    // A fresh context per query: an empty cache, as a first visit.
    const context = await browser.newContext();
    const page = await context.newPage();
    // Playwright's request events include Pagefind's web worker, which fetches the index and
    // fragments; a page-level CDP session would miss those. Body sizes are bytes on the wire.
    const bytes: Record<string, number> = {};
    const pending: Promise<void>[] = [];
    context.on('requestfinished', (req) => {
      if (!req.url().startsWith(origin)) return;
      pending.push(
        req.sizes().then((z) => {
          const c = category(req.url());
          bytes[c] = (bytes[c] ?? 0) + z.responseBodySize + z.responseHeadersSize;
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
    });`);
    await page.goto(`${origin}/search/?q=${encodeURIComponent(query)}`, { waitUntil: 'load' });
    await page.waitForFunction('window.__resultsAt !== undefined', undefined, { timeout: 120_000 });
    await page.waitForLoadState('networkidle');
    const ms = (await page.evaluate('window.__resultsAt')) as number;
    const status = (await page.textContent('#search-status')) ?? '';
    await Promise.all(pending);
    await context.close();
    return { query, ms, status, bytes };
  } finally {
    await browser.close();
  }
}

/**
 * In-page: the query side proposed in src/lib/search-query.ts (Pagefind initialised without query
 * segmentation, character pairs, chunk preloading for one-character terms, results verified
 * against their text), timed to the first screenful of 10 verified results and to all of them.
 * Verification here is a plain substring test on each term: close enough for timing and bytes.
 */
const PAIRS_IN_PAGE = `async ({ language, q, preload, terms }) => {
  const t0 = performance.now();
  const pagefind = await import('/pagefind/pagefind.js');
  await pagefind.options({ excerptLength: 40 });
  const html = document.documentElement;
  const lang = html.lang;
  html.lang = language;
  const ready = pagefind.init();
  html.lang = lang;
  await ready;
  await Promise.all(preload.map((w) => pagefind.preload(w)));
  const search = await pagefind.search(q);
  const keep = (d) => { const t = d.content.replace(/\u200b/g, '').toLowerCase(); return terms.every((x) => t.includes(x.toLowerCase())); };
  let kept = 0, checked = 0, firstScreen;
  while (checked < search.results.length) {
    const batch = await Promise.all(search.results.slice(checked, checked + 20).map((r) => r.data()));
    checked += batch.length;
    kept += batch.filter(keep).length;
    if (firstScreen === undefined && (kept >= 10 || checked >= search.results.length)) firstScreen = { ms: performance.now() - t0, kept, checked };
  }
  return { firstScreen, all: { ms: performance.now() - t0, kept, checked, returned: search.results.length } };
}`;

async function measurePairs(origin: string, siteDir: string, query: string) {
  const chunks = siteChunks(siteDir);
  const browser = await launchBrowser();
  try {
    const context = await browser.newContext();
    const page = await context.newPage();
    await page.goto(`${origin}/places/`, { waitUntil: 'load' });
    let bytes = 0;
    const pending: Promise<void>[] = [];
    context.on('requestfinished', (req) => {
      if (!req.url().startsWith(`${origin}/pagefind/`)) return;
      pending.push(req.sizes().then((z) => void (bytes += z.responseBodySize + z.responseHeadersSize)));
    });
    const arg = {
      language: QUERY_LANGUAGE,
      q: pagefindQuery(query),
      preload: [...new Set(singleCharacterTerms(query).flatMap((t) => chunksForPrefix(chunks, t).map((c) => c.from)))],
      terms: queryTerms(query),
    };
    const r = (await page.evaluate(`(${PAIRS_IN_PAGE})(${JSON.stringify(arg)})`)) as {
      firstScreen: { ms: number; kept: number; checked: number };
      all: { ms: number; kept: number; checked: number; returned: number };
    };
    await Promise.all(pending);
    await context.close();
    return { ...r, bytes };
  } finally {
    await browser.close();
  }
}

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      reports: { type: 'string', default: '1000' },
      seed: { type: 'string', default: '1' },
      query: { type: 'string', multiple: true },
      keep: { type: 'boolean' },
      help: { type: 'boolean', short: 'h' },
    },
  });
  if (values.help) {
    console.log(USAGE);
    return;
  }
  const reports = Number(values.reports);
  const seed = Number(values.seed);
  if (!Number.isInteger(reports) || reports < 1 || !Number.isInteger(seed)) {
    console.error(USAGE);
    process.exit(2);
  }
  const queries = values.query?.length ? values.query : ['行政复议'];
  const work = join(ROOT, '.tmp', `bench-search-${process.pid}`);
  mkdirSync(work, { recursive: true });
  try {
    let t = Date.now();
    console.log(`generating ${reports} reports (seed ${seed}) …`);
    genCorpus({ reports, seed, out: join(work, 'content') });
    console.log(`  ${((Date.now() - t) / 1000).toFixed(1)} s`);
    console.log('building and indexing …');
    t = Date.now();
    const site = await buildSite(join(work, 'content'), work, (s) => console.log(`  ${s}`));
    console.log(`  total ${((Date.now() - t) / 1000).toFixed(1)} s`);

    const sizes = indexSizes(join(site, 'pagefind'));
    const total = Object.values(sizes).reduce((a, b) => a + b, 0);
    console.log(`\nindex size: ${relative(ROOT, join(site, 'pagefind'))} = ${total} bytes (${(total / 1024 / 1024).toFixed(2)} MiB)`);
    for (const [k, v] of Object.entries(sizes).sort((a, b) => b[1] - a[1])) console.log(`  ${kb(v)}  ${k}`);
    const chunks = readdirSync(join(site, 'pagefind', 'index')).length;
    const fragments = readdirSync(join(site, 'pagefind', 'fragment')).length;
    console.log(`  ${chunks} index chunks, ${fragments} fragment files`);

    const server = await serveDist(site);
    try {
      for (const q of queries) {
        const m = await measure(server.origin, q);
        const all = Object.values(m.bytes).reduce((a, b) => a + b, 0);
        const pagefindOnly = Object.entries(m.bytes)
          .filter(([k]) => k.startsWith('pagefind'))
          .reduce((a, [, v]) => a + v, 0);
        console.log(`\nfirst query “${q}” on /search/ (empty cache): ${m.status}`);
        console.log(`  time from navigation to results: ${m.ms.toFixed(0)} ms`);
        console.log(`  bytes downloaded, all:                          ${kb(all)}`);
        console.log(`  bytes downloaded, without the page and its JS/CSS: ${kb(pagefindOnly)}`);
        for (const [k, v] of Object.entries(m.bytes).sort()) console.log(`    ${kb(v)}  ${k}`);
        const p = await measurePairs(server.origin, site, q);
        console.log(`  proposed query side (src/lib/search-query.ts), Pagefind files only:`);
        console.log(
          `    first 10 verified results: ${p.firstScreen.ms.toFixed(0)} ms (${p.firstScreen.checked} checked); all ${p.all.kept} verified of ${p.all.returned} returned: ${p.all.ms.toFixed(0)} ms, ${kb(p.bytes)}`,
        );
      }
    } finally {
      await server.close();
    }
  } finally {
    if (!values.keep) rmSync(work, { recursive: true, force: true });
    else console.log(`\nkept ${relative(ROOT, work)}`);
  }
}

main().catch((e) => {
  console.error(e instanceof Error ? e.message : e);
  process.exit(1);
});
