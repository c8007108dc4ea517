/**
 * Page budgets on a generated corpus (bench/gen-corpus.ts), built whole with the real thresholds
 * of src/lib/paging.ts: 1,500 reports are enough for every year's table and the common
 * indicators' tables to be split by province. Checks that no page is over the budgets
 * (bench/pages.ts), that tables split exactly where they should, that every row of a split table
 * is reachable by plain links from its national page, that rankings are over the whole country,
 * that every publishing place is reachable from /places/, and that the sitemap and links see the
 * new pages. The same corpus is then built again with PAGE_ROWS lowered (the build configuration),
 * since only a far larger corpus has a province whose part must be paginated at the real size.
 * Takes a few minutes (the corpus is generated and built twice).
 */
import { AxeBuilder } from '@axe-core/playwright';
import { load, type CheerioAPI } from 'cheerio';
import { execFile } from 'node:child_process';
import { existsSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { genCorpusParallel } from '../../bench/gen-corpus';
import { launchBrowser } from '../../bench/browser';
import { serveDist } from '../../bench/server';
import { BUDGET, pageFigures, type PageFigures } from '../../bench/pages';
import { ROOT } from '../../bench/search';
import { sitemapPaths } from '../../src/build/sitemap';
import { splitMdxFile } from '../../src/lib/content/mdx';
import { parseEntryId } from '../../src/lib/content/validate';
import { INDICATORS } from '../../src/lib/figures/indicators';
import { LIST_ITEMS, PAGE_ROWS, RANK_ENDS } from '../../src/lib/paging';

const run = promisify(execFile);
const REPORTS = Number(process.env.PAGE_BUDGET_REPORTS ?? 1500);
const WORK = join(ROOT, '.tmp', `page-budgets-${process.pid}`);
const CONTENT = join(WORK, 'content');
const SITE = join(WORK, 'dist');
/** Rows per page of the second build: small enough for the provinces' parts to have several pages. */
const SMALL_ROWS = 12;
const SMALL_SITE = join(WORK, 'dist-small');

interface Entry {
  placeId: string;
  year: number;
  indicators: Record<string, { value: number }>;
}

let entries: Entry[];
let figures: PageFigures[];

/** The published entries, read straight from the corpus files (not through the site). */
function publishedEntries(): Entry[] {
  const root = join(CONTENT, 'reports');
  return readdirSync(root, { recursive: true, encoding: 'utf8' })
    .filter((f) => f.endsWith('.mdx'))
    .map((f) => ({ f, ...splitMdxFile(readFileSync(join(root, f), 'utf8')) }))
    .filter(({ data }) => data.draft !== true)
    .map(({ f, data }) => ({ ...parseEntryId(f.replace(/\.mdx$/, ''))!, indicators: (data.indicators ?? {}) as Entry['indicators'] }));
}

let site = SITE;
const fileOf = (path: string) => join(site, path.endsWith('/') ? `${path}index.html` : path);
const cache = new Map<string, CheerioAPI>();
const page = (path: string): CheerioAPI => {
  const file = fileOf(path);
  if (!cache.has(file)) cache.set(file, load(readFileSync(file, 'utf8')));
  return cache.get(file)!;
};
const links = ($: CheerioAPI, selector = 'main a[href]') => $(selector).map((_, a) => $(a).attr('href')!).get();

/** Pages reachable from `start` through links that `follow` accepts (the start included). */
function crawl(start: string, follow: (href: string) => boolean): string[] {
  const seen = new Set([start]);
  for (const p of seen) for (const href of links(page(p))) if (follow(href) && !seen.has(href)) seen.add(href);
  return [...seen];
}

const build = (out: string, env: Record<string, string> = {}) =>
  run('npx', ['astro', 'build', '--outDir', out], { cwd: ROOT, env: { ...process.env, CONTENT_DIR: CONTENT, ...env }, maxBuffer: 1 << 28 });

beforeAll(async () => {
  const t = Date.now();
  await genCorpusParallel({ reports: REPORTS, seed: 1, out: CONTENT });
  const g = Date.now();
  await build(SITE);
  const b = Date.now();
  await build(SMALL_SITE, { PAGE_ROWS: String(SMALL_ROWS) });
  console.log(`page budgets: ${REPORTS} reports generated in ${((g - t) / 1000).toFixed(0)} s, built in ${((b - g) / 1000).toFixed(0)} s, again with PAGE_ROWS=${SMALL_ROWS} in ${((Date.now() - b) / 1000).toFixed(0)} s`);
  entries = publishedEntries();
}, 30 * 60_000);

afterAll(() => {
  if (!process.env.KEEP_PAGE_BUDGET_CORPUS) rmSync(WORK, { recursive: true, force: true });
});

describe.each([
  { name: 'the real page size', out: SITE, rows: PAGE_ROWS },
  { name: `PAGE_ROWS=${SMALL_ROWS}`, out: SMALL_SITE, rows: SMALL_ROWS },
])(`page budgets on a ${REPORTS}-report corpus, $name`, ({ out, rows: PAGE_ROWS }) => {
  beforeAll(() => {
    site = out;
    figures = pageFigures(out);
  });

  it('no page is over 100 KB compressed or 2,000 table rows, and no split table page over PAGE_ROWS rows', () => {
    const over = figures.filter((f) => f.gzip > BUDGET.gzipBytes || f.tableRows > BUDGET.tableRows).map((f) => `${f.path}: ${f.gzip} B gzip, ${f.tableRows} rows`);
    expect(over).toEqual([]);
    const split = figures.filter((f) => /^\/(indicators|years)\/[^/]+\/[^/]+\//.test(f.path));
    expect(split.length).toBeGreaterThan(0);
    // The header row on top of at most PAGE_ROWS rows.
    for (const f of split) expect(f.tableRows, f.path).toBeLessThanOrEqual(PAGE_ROWS + 1);
  });

  it('splits every year with more than PAGE_ROWS reports by province, and keeps the others whole', () => {
    const years = [...new Set(entries.map((e) => e.year))];
    for (const year of years) {
      const count = entries.filter((e) => e.year === year).length;
      const $ = page(`/years/${year}/`);
      const parts = links($).filter((h) => h.startsWith(`/years/${year}/`));
      if (count > PAGE_ROWS) {
        expect($('main table').length, `/years/${year}/`).toBe(0);
        const provinces = new Set(entries.filter((e) => e.year === year).map((e) => e.placeId.split('/')[0]));
        expect(parts.sort()).toEqual([...provinces].map((p) => `/years/${year}/${p}/`).sort());
        const reached = parts.flatMap((p) => crawl(p, (h) => h.startsWith(p))).flatMap((p) => links(page(p), 'main table tbody th a[href]'));
        expect(reached.sort()).toEqual(entries.filter((e) => e.year === year).map((e) => `/places/${e.placeId}/${e.year}/`).sort());
      } else {
        expect(parts).toEqual([]);
      }
    }
    expect(years.some((y) => entries.filter((e) => e.year === y).length > PAGE_ROWS)).toBe(true);
  });

  it.each(INDICATORS.map((d) => d.key))('%s: every row of the full table is reachable by links from its national page, no row twice', (key) => {
    const stating = entries.filter((e) => key in e.indicators);
    const national = `/indicators/${key}/`;
    const $ = page(national);
    const quotes = (p: string) => links(page(p), 'main table:not([data-ranking]) a[href$="#q-' + key + '"]');
    const expected = stating.map((e) => `/places/${e.placeId}/${e.year}/#q-${key}`).sort();
    if (stating.length > PAGE_ROWS) {
      expect(quotes(national), 'no full table on the national page').toEqual([]);
      const parts = links($).filter((h) => h.startsWith(national) && h !== national);
      expect(parts.length).toBe(new Set(stating.map((e) => e.placeId.split('/')[0])).size);
      const pages = parts.flatMap((p) => crawl(p, (h) => h.startsWith(p)));
      expect(pages.flatMap(quotes).sort()).toEqual(expected);
      // The whole data stays one click away.
      expect(links($)).toContain('/data/indicators.csv');
    } else {
      expect(quotes(national).sort()).toEqual(expected);
    }
  });

  it('paginates a province’s part when it has more than PAGE_ROWS rows, its pages linked to each other', () => {
    const paged = figures.filter((f) => /^\/(indicators|years)\/[^/]+\/[^/]+\/\d+\/$/.test(f.path)).map((f) => f.path);
    if (PAGE_ROWS === SMALL_ROWS) expect(paged.length).toBeGreaterThan(0);
    for (const p of paged) {
      const first = p.replace(/\d+\/$/, '');
      expect(crawl(first, (h) => h.startsWith(first)), first).toContain(p);
      expect(links(page(p), 'main nav a[href]'), p).toContain(first);
    }
  });

  it('ranks each indicator’s latest year over the whole country: its top and bottom are the country’s', () => {
    let checked = 0;
    for (const { key } of INDICATORS) {
      const stating = entries.filter((e) => key in e.indicators);
      if (!stating.length) continue;
      const latest = Math.max(...stating.map((e) => e.year));
      const values = stating.filter((e) => e.year === latest).map((e) => e.indicators[key].value).sort((a, b) => b - a);
      const $ = page(`/indicators/${key}/`);
      const tables = $('main table[data-ranking]');
      if (values.length <= 2 * RANK_ENDS) {
        expect(tables.length).toBe(0);
        continue;
      }
      const ranks = (i: number) => tables.eq(i).find('tbody tr').map((_, tr) => Number($(tr).find('td').first().text())).get();
      const value = (i: number) =>
        tables.eq(i).find('tbody tr').map((_, tr) => {
          const href = $(tr).find('td a').attr('href')!;
          const e = entries.find((x) => href === `/places/${x.placeId}/${x.year}/#q-${key}`)!;
          return e.indicators[key].value;
        }).get();
      expect(tables.length).toBe(2);
      expect(value(0)).toEqual(values.slice(0, RANK_ENDS));
      expect(value(1)).toEqual(values.slice(-RANK_ENDS));
      expect(ranks(1).at(-1)).toBe(values.length);
      // The top comes from more than one province: the ranking is national.
      const provinces = tables.eq(0).find('tbody tr td a').map((_, a) => $(a).attr('href')!.split('/')[2]).get();
      expect(new Set(provinces).size).toBeGreaterThan(1);
      checked++;
    }
    expect(checked).toBeGreaterThan(0);
  });

  it('/places/ stays within LIST_ITEMS items, and every publishing place is reachable from it', () => {
    expect(page('/places/')('main li').length).toBeLessThanOrEqual(LIST_ITEMS);
    const reached = new Set(crawl('/places/', (h) => /^\/places\/[^#]+\/$/.test(h) && !/\/\d{4}\/$/.test(h)));
    const missing = [...new Set(entries.map((e) => `/places/${e.placeId}/`))].filter((p) => !reached.has(p));
    expect(missing).toEqual([]);
  });

  it('the new kinds of page have no axe violations (national split pages, a province’s part, its second page, /places/)', async () => {
    const split = figures.map((f) => f.path).filter((p) => /^\/(indicators|years)\/[^/]+\/[^/]+\//.test(p));
    const urls = [
      ...new Set([
        '/places/',
        ...figures.map((f) => f.path).filter((p) => /^\/(indicators|years)\/[^/]+\/$/.test(p) && !page(p)('main table:not([data-ranking])').length).slice(0, 2),
        ...split.filter((p) => !/\/\d+\/$/.test(p)).slice(0, 1),
        ...split.filter((p) => /\/\d+\/$/.test(p)).slice(0, 1),
      ]),
    ];
    const server = await serveDist(site);
    const browser = await launchBrowser();
    try {
      for (const url of urls) {
        const context = await browser.newContext();
        const p = await context.newPage();
        expect((await p.goto(server.url(url)))?.status(), url).toBe(200);
        const { violations } = await new AxeBuilder({ page: p }).analyze();
        expect(violations.map((v) => `${url}: ${v.id} ${v.nodes.map((n) => n.target.join(' ')).join(' | ')}`)).toEqual([]);
        await context.close();
      }
    } finally {
      await browser.close();
      await server.close();
    }
  }, 120_000);

  it('the sitemap lists the split pages, and every link on them leads to a page of the site', () => {
    const split = figures.filter((f) => /^\/(indicators|years)\/[^/]+\/[^/]+\//.test(f.path)).map((f) => f.path);
    const listed = new Set(sitemapPaths(site));
    expect(split.filter((p) => !listed.has(p))).toEqual([]);
    const broken = new Set<string>();
    for (const p of [...split, ...INDICATORS.map((d) => `/indicators/${d.key}/`), '/places/']) {
      for (const href of links(page(p), 'a[href^="/"]')) {
        const path = href.split('#')[0];
        if (!existsSync(fileOf(path))) broken.add(`${p} → ${href}`);
      }
    }
    expect([...broken]).toEqual([]);
  });
});
