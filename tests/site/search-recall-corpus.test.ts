/**
 * Search at scale, on a site built in shards: a generated corpus of 1,000 reports is built as
 * `npm run build -- --shards 3` builds it (scripts/build.ts: national pages, then province groups,
 * assembled into one site, with the search index built beside them), then searched across every
 * year's bundles with the same queries as the seed site, which is built whole. Also checks the
 * assembled site (every page from exactly one shard, one sitemap) and that editing one report
 * rebuilds only the shards it touches. Takes a few minutes.
 */
import { appendFileSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser } from 'playwright-core';
import { genCorpusParallel } from '../../bench/gen-corpus';
import { reportIds } from '../../src/build/scope';
import { countByProvince, planShards, provinceOf } from '../../src/build/shards';
import { bundlePath, PART_SIZE } from '../../src/lib/search/bundles';
import { reportUrl } from '../../src/lib/urls';
import { parseEntryId } from '../../src/lib/content/validate';
import { CHROME_QUERIES, SEARCH_QUERIES } from '../../bench/fixtures/search-queries';
import { launchBrowser } from '../../bench/browser';
import { buildSharded, groundTruth, publishedDocs, ROOT, runQueries, score, scoreTable, siteBundles, verified, type QueryRun } from '../../bench/search';
import { serveDist, type DistServer } from '../../bench/server';

const REPORTS = Number(process.env.SEARCH_CORPUS_REPORTS ?? 1000);
const SHARDS = 3;
const WORK = join(ROOT, '.tmp', `search-corpus-${process.pid}`);
const CONTENT = join(WORK, 'content');
const QUERIES = SEARCH_QUERIES.map((x) => x.q);
/** A phrase put into one report of each shard, so the search page must answer from all bundles. */
const ACROSS = '跨片检索试点';

let site: string;
let server: DistServer;
let browser: Browser;
let pairs: QueryRun[];
let plan: Map<string, number>;
let marked: string[];

beforeAll(async () => {
  const t = Date.now();
  await genCorpusParallel({ reports: REPORTS, seed: 1, out: CONTENT });
  console.log(`generated ${REPORTS} reports: ${((Date.now() - t) / 1000).toFixed(1)} s`);
  const ids = reportIds(join(CONTENT, 'reports'));
  plan = planShards(countByProvince(ids), SHARDS);
  const published = (id: string) => !/^draft: true$/m.test(readFileSync(join(CONTENT, 'reports', `${id}.mdx`), 'utf8'));
  marked = [1, 2, 3].map((k) => ids.find((id) => plan.get(provinceOf(id)) === k && published(id))!);
  for (const id of marked) appendFileSync(join(CONTENT, 'reports', `${id}.mdx`), `\n本年度开展${ACROSS}工作。\n`);
  const b = Date.now();
  ({ site } = await buildSharded(CONTENT, WORK, SHARDS));
  console.log(`sharded build (${SHARDS} shards): ${((Date.now() - b) / 1000).toFixed(1)} s`);
  server = await serveDist(site);
  browser = await launchBrowser();
  pairs = await runQueries(server.origin, QUERIES, { browser });
}, 20 * 60_000);

afterAll(async () => {
  await browser?.close();
  await server?.close();
  if (!process.env.KEEP_SEARCH_CORPUS) rmSync(WORK, { recursive: true, force: true });
});

describe(`search recall on a ${REPORTS}-report corpus built in ${SHARDS} shards`, () => {
  it('has search bundles for each year of published reports, newest first, in parts of at most about PART_SIZE', () => {
    const perYear = new Map<number, number>();
    for (const d of publishedDocs(CONTENT)) {
      const year = Number(d.url.split('/').at(-2));
      perYear.set(year, (perYear.get(year) ?? 0) + 1);
    }
    const expected = [...perYear]
      .sort((a, b) => b[0] - a[0])
      .flatMap(([year, n]) => Array.from({ length: Math.ceil(n / PART_SIZE) }, (_, i) => bundlePath({ year, part: i + 1 })));
    expect(siteBundles(site)).toEqual(expected);
  });

  it('finds every published report that contains the query, across all bundles (character pairs, verified)', () => {
    const scores = verified(pairs).map((r) => score(r, groundTruth(CONTENT, r.query)));
    console.log(scoreTable(`pairs + verify (${REPORTS} reports, ${SHARDS} shards)`, scores));
    for (const s of scores) expect(s.missed.slice(0, 5), `${s.query}: ${s.missed.length} not found`).toEqual([]);
    // Results come from every shard, not only the first bundle.
    const shardsHit = new Set(verified(pairs).flatMap((r) => r.urls.map((u) => plan.get(u.split('/')[2]))));
    expect([...shardsHit].sort()).toEqual([1, 2, 3]);
  });

  it('returns only reports that contain the query after verification; logs precision before it', () => {
    const raw = pairs.map((r) => score(r, groundTruth(CONTENT, r.query)));
    console.log(scoreTable(`pairs, as Pagefind returns them (${REPORTS} reports)`, raw));
    for (const s of verified(pairs).map((r) => score(r, groundTruth(CONTENT, r.query)))) {
      expect(s.precision, s.query).toBeGreaterThanOrEqual(0.95);
    }
  });

  it('finds nothing for page-chrome words', () => {
    for (const r of verified(pairs).filter((r) => CHROME_QUERIES.includes(r.query))) expect(r.urls, r.query).toEqual([]);
  });

  it('the search page answers from every shard (all years, as the reader pages on)', async () => {
    const page = await browser.newPage();
    await page.goto(`${server.origin}/search/?q=${encodeURIComponent(ACROSS)}`);
    await page.waitForFunction(() => /找到/.test(document.getElementById('search-status')?.textContent ?? '') && !document.getElementById('search-results')?.hasAttribute('aria-busy'), null, { timeout: 30_000 });
    const urls = await page.$$eval('#search-results > li h2 a', (as) => as.map((a) => new URL((a as HTMLAnchorElement).href).pathname));
    const expected = marked.map((id) => reportUrl(parseEntryId(id)!.placeId, parseEntryId(id)!.year));
    expect(urls.sort()).toEqual(expected.sort());
    await page.close();
  });

  it('the search page lists results newest year first across shards, also on the next screenful', async () => {
    const page = await browser.newPage();
    // Search files the query loads (Pagefind fetches them in its worker, so count on the context).
    const fetched: string[] = [];
    page.context().on('request', (r) => void (/\/pagefind\/\d{4}-\d+\/.+\.pf_/.test(r.url()) && fetched.push(new URL(r.url()).pathname)));
    await page.goto(`${server.origin}/search/?q=${encodeURIComponent('行政复议')}`);
    await page.waitForFunction(() => /找到/.test(document.getElementById('search-status')?.textContent ?? '') && !document.getElementById('search-results')?.hasAttribute('aria-busy'), null, { timeout: 30_000 });
    await page.click('#search-more');
    await page.waitForFunction(() => document.querySelectorAll('#search-results > li').length > 10, null, { timeout: 30_000 });
    const shown = await page.$$eval('#search-results > li', (lis) =>
      lis.map((li) => ({ url: new URL(li.querySelector('h2 a')!.getAttribute('href')!, location.href).pathname, meta: li.querySelector('p')!.textContent! })),
    );
    const years = shown.map((r) => Number(/(\d{4})年度/.exec(r.meta)![1]));
    expect(years).toEqual([...years].sort((a, b) => b - a));
    const newest = Math.max(...groundTruth(CONTENT, '行政复议').map((u) => Number(u.split('/').at(-2))));
    expect(years[0]).toBe(newest);
    // Two screenfuls of the newest year check only its reports; 行政复议 is in nearly every report, its
    // pairs are all stop pairs, so the year needs no index chunk: its reports are checked in turn. The
    // count beside them opens the other years' indexes (never their fragments).
    const yearOf = (u: string) => u.split('/')[2].split('-')[0];
    expect(new Set(fetched.filter((u) => u.endsWith('.pf_fragment')).map(yearOf))).toEqual(new Set([String(newest)]));
    expect(fetched.filter((u) => u.endsWith('.pf_index') && yearOf(u) === String(newest))).toEqual([]);
    await page.waitForFunction(() => !document.getElementById('search-total')?.hidden, null, { timeout: 30_000 });
    const expected = groundTruth(CONTENT, '行政复议').length;
    const total = Number(/(\d+) 份/.exec((await page.locator('#search-total').textContent()) ?? '')?.[1]);
    // An estimate (约) from the reports checked so far, bounded by the pair table: within a tenth.
    expect(Math.abs(total - expected) / expected).toBeLessThan(0.1);
    await page.close();
  });
});

describe('the assembled site', () => {
  const sitemapUrls = () =>
    readdirSync(site)
      .filter((f) => /^sitemap-\d+\.xml$/.test(f))
      .flatMap((f) => [...readFileSync(join(site, f), 'utf8').matchAll(/<loc>([^<]+)<\/loc>/g)].map((m) => new URL(m[1]).pathname));

  it('has a page for every published report and one sitemap listing each page once', () => {
    const index = readFileSync(join(site, 'sitemap-index.xml'), 'utf8');
    expect(index).toContain('/sitemap-0.xml');
    const urls = sitemapUrls();
    expect(urls.length).toBe(new Set(urls).size);
    const listed = new Set(urls);
    for (const doc of publishedDocs(CONTENT)) {
      expect(listed.has(doc.url), doc.url).toBe(true);
      expect(readFileSync(join(site, doc.url, 'index.html'), 'utf8')).toContain('data-pagefind-body');
    }
    for (const p of ['/', '/places/', '/indicators/', '/years/']) expect(listed.has(p), p).toBe(true);
  });

  it('national pages count every shard’s reports', () => {
    const csv = readFileSync(join(site, 'data', 'indicators.csv'), 'utf8');
    const provinces = new Set(csv.split('\n').slice(1).filter(Boolean).map((l) => l.split(',')[0].split('/')[0]));
    expect(new Set([...provinces].map((p) => plan.get(p)))).toEqual(new Set([1, 2, 3]));
    const json = JSON.parse(readFileSync(join(site, 'data', 'reports.json'), 'utf8')) as { count: number };
    expect(json.count).toBe(publishedDocs(CONTENT).length);
  });

  const rebuild = async () => {
    const { log } = await buildSharded(CONTENT, WORK, SHARDS);
    return Object.fromEntries([...log.matchAll(/分片 \/ shard (\d+): (\w+)/g)].map((m) => [Number(m[1]), m[2]]));
  };
  const only = (...built: number[]) => Object.fromEntries([0, 1, 2, 3].map((s) => [s, built.includes(s) ? 'built' : 'unchanged']));

  it('rebuilds only the edited report’s shard after an edit of its text, and finds the edit', async () => {
    const id = marked[1];
    appendFileSync(join(CONTENT, 'reports', `${id}.mdx`), '\n本段用于检验增量重建。\n');
    expect(await rebuild()).toEqual(only(plan.get(provinceOf(id))!));
    const [run] = verified(await runQueries(server.origin, ['检验增量重建'], { browser }));
    expect(run.urls).toEqual([reportUrl(parseEntryId(id)!.placeId, parseEntryId(id)!.year)]);
  }, 10 * 60_000);

  it('also rebuilds the national pages after an edit of the frontmatter', async () => {
    const id = marked[2];
    const file = join(CONTENT, 'reports', `${id}.mdx`);
    writeFileSync(file, readFileSync(file, 'utf8').replace(/^title: .*$/m, 'title: 增量重建检验用的新标题'));
    expect(await rebuild()).toEqual(only(0, plan.get(provinceOf(id))!));
    const feed = readFileSync(join(site, 'feed.xml'), 'utf8');
    expect(feed).toContain('<title>增量重建检验用的新标题</title>');
  }, 10 * 60_000);

  it('refuses to assemble a site that lacks a published report’s page, and keeps the old site', async () => {
    const id = marked[0];
    const url = reportUrl(parseEntryId(id)!.placeId, parseEntryId(id)!.year);
    const page = join(WORK, 'shards', String(plan.get(provinceOf(id))), 'dist', url, 'index.html');
    const html = readFileSync(page);
    rmSync(page);
    try {
      await expect(buildSharded(CONTENT, WORK, SHARDS, ['--assemble'])).rejects.toThrow(new RegExp(`缺少 1 个报告页[\\s\\S]*${url}`));
      expect(readFileSync(join(site, url, 'index.html'))).toEqual(html);
    } finally {
      writeFileSync(page, html);
    }
  }, 5 * 60_000);
});
