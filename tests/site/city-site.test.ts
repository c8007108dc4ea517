/**
 * The example jurisdiction's site (sites/shenzhen.yaml): one city and its districts, served under a
 * portal's subpath (/fzbg/). Built from a copy of content/ with one more Shenzhen report (a test
 * fixture whose body links to a district's report by its root path), then served under /fzbg/ only
 * and checked as the national site is: links (linkinator), search journeys in Chromium, and axe in
 * each reading mode; plus what the scope and the configuration promise.
 */
import { AxeBuilder } from '@axe-core/playwright';
import { load } from 'cheerio';
import { mkdirSync, readFileSync, writeFileSync, existsSync } from 'node:fs';
import { join } from 'node:path';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchBrowser } from '../../bench/browser';
import { serveDist, type DistServer } from '../../bench/server';
import { loadSiteConfig } from '../../src/lib/site/load';
import { t } from '../../src/strings';
import { buildFixture } from '../helpers/fixture-build';
import { waitForAnswer } from '../helpers/browser';
import { checkLinks } from '../helpers/links';

const CONFIG = 'sites/shenzhen.yaml';
const site = loadSiteConfig(CONFIG);
const BASE = site.base;
const CITY_REPORT = `---
title: 深圳市人民政府关于2023年度法治政府建设情况的报告（测试样例）
year: 2023
issuer: 深圳市人民政府
indicators:
  reconsiderationReceived:
    value: 1234
    quote: 全市办理行政复议案件1234宗
---

## 一、主要工作

全市办理行政复议案件1234宗，推动行政争议实质性化解。各区情况见[宝安区报告](/places/guangdong/shenzhen/baoan/2023/)。
`;

let out = '';
let server: DistServer;
let browser: Browser;

beforeAll(async () => {
  const build = await buildFixture(
    'content',
    (dir) => {
      mkdirSync(join(dir, 'reports/guangdong/shenzhen'), { recursive: true });
      writeFileSync(join(dir, 'reports/guangdong/shenzhen/2023.mdx'), CITY_REPORT);
    },
    { pagefind: true, env: { SITE_CONFIG: CONFIG } },
  );
  if (!build.ok) throw new Error(`城市示例网站构建失败 / the city example did not build:\n${build.output.slice(-4000)}`);
  out = build.out;
  server = await serveDist(out, BASE);
  browser = await launchBrowser();
}, 300_000);

afterAll(async () => {
  await browser?.close();
  await server?.close();
});

const file = (path: string) => readFileSync(join(out, path), 'utf8');
const page$ = (path: string) => load(file(path.endsWith('/') || path === '' ? `${path}index.html` : path));

describe('a city’s site under /fzbg/', () => {
  it('publishes the city and its districts only', () => {
    expect(existsSync(join(out, 'places/guangdong/shenzhen/2023/index.html'))).toBe(true);
    expect(existsSync(join(out, 'places/guangdong/shenzhen/baoan/2023/index.html'))).toBe(true);
    for (const other of ['places/hunan', 'places/guangdong/zhongshan', 'places/guangdong/index.html', 'places/fujian']) expect(existsSync(join(out, other))).toBe(false);
    // The open data and the feed are the scope's, with the subpath in every URL.
    const { reports } = JSON.parse(file('data/reports.json')) as { reports: { place: { id: string }; url: string }[] };
    expect(reports.map((r) => r.place.id).sort()).toEqual(['guangdong/shenzhen', 'guangdong/shenzhen/baoan']);
    for (const r of reports) expect(r.url).toMatch(/^https:\/\/www\.sz\.gov\.cn\/fzbg\/places\/guangdong\/shenzhen\//);
    const csv = file('data/indicators.csv');
    expect(csv).not.toMatch(/hunan|zhongshan|怀化/);
    const feedLinks = [...file('feed.xml').matchAll(/<link>([^<]*)<\/link>/g)].map((m) => m[1]);
    expect(feedLinks.length).toBe(3); // the channel and the two reports
    for (const l of feedLinks) expect(l.startsWith('https://www.sz.gov.cn/fzbg/')).toBe(true);
    const locs = [...file('sitemap-0.xml').matchAll(/<loc>([^<]*)<\/loc>/g)].map((m) => m[1]);
    expect(locs).toContain('https://www.sz.gov.cn/fzbg/places/guangdong/shenzhen/baoan/2023/');
    for (const l of locs) expect(l.startsWith('https://www.sz.gov.cn/fzbg/')).toBe(true);
    expect(file('sitemap-index.xml')).toContain('<loc>https://www.sz.gov.cn/fzbg/sitemap-0.xml</loc>');
    expect(file('_headers')).toMatch(/^\/fzbg\/_astro\/\*$/m);
  });

  it('puts the subpath in every link and asset of every page, report bodies included', () => {
    const $ = page$('places/guangdong/shenzhen/2023/');
    expect($('.report-prose a').filter((_, a) => $(a).text() === '宝安区报告').attr('href')).toBe('/fzbg/places/guangdong/shenzhen/baoan/2023/');
    const bad: string[] = [];
    for (const path of ['', 'places/', 'places/guangdong/shenzhen/', 'places/guangdong/shenzhen/baoan/2023/', 'search/', 'indicators/reconsiderationReceived/', 'years/2023/']) {
      const p = page$(path);
      p('[href], [src]').each((_, el) => {
        const url = p(el).attr('href') ?? p(el).attr('src') ?? '';
        if (url.startsWith('/') && !url.startsWith(BASE)) bad.push(`${path}: ${url}`);
      });
    }
    expect(bad).toEqual([]);
    // The search index stores root paths; the page's Pagefind puts the base before them.
    const list = JSON.parse(page$('search/')('#search-bundles').text() || '{"years":[]}') as { years: { bundles: string[]; stop: string }[] };
    for (const y of list.years) for (const p of [...y.bundles, y.stop]) expect(p.startsWith('/fzbg/pagefind/')).toBe(true);
  });

  it('shows the configured name, logo and the footer a government site must carry', () => {
    const $ = page$('');
    expect($('title').text()).toBe(site.name);
    expect($('header img').attr('src')).toBe('/fzbg/logo-shenzhen.svg');
    const footer = $('footer').text();
    for (const v of [site.footer.sponsor!, site.footer.organizer!, site.footer.siteCode!, site.footer.contact!.address!]) expect(footer).toContain(v);
    expect($(`footer a[href="https://beian.miit.gov.cn/"]`).text()).toBe(site.footer.icp);
    expect($('footer a[href^="https://beian.mps.gov.cn/"]').attr('href')).toContain('code=44030402000001');
    expect($('meta[name="description"]').attr('content')).toBe(site.strings['site.tagline']);
  });

  it('has no broken link, served under /fzbg/ only (linkinator)', async () => {
    const { broken, ok } = await checkLinks(out, server, `${site.origin}${BASE}`);
    expect(broken).toEqual([]);
    expect(ok).toBeGreaterThan(30);
  }, 120_000);

  it('finds a word in the city’s reports only, and opens the report from the result', async () => {
    const page = await browser.newPage();
    try {
      await page.goto(server.url(`/search/?q=${encodeURIComponent('行政复议')}`));
      await waitForAnswer(page);
      const hrefs = await page.$$eval('#search-results a', (as) => as.map((a) => (a as HTMLAnchorElement).getAttribute('href') ?? ''));
      const reports = [...new Set(hrefs.map((h) => /^\/fzbg\/places\/[a-z/]+\/\d{4}\//.exec(h)?.[0]).filter(Boolean))];
      expect(reports.sort()).toEqual(['/fzbg/places/guangdong/shenzhen/2023/', '/fzbg/places/guangdong/shenzhen/baoan/2023/']);
      // A word of another place's report finds nothing here.
      await page.goto(server.url(`/search/?q=${encodeURIComponent('怀化')}`));
      await waitForAnswer(page);
      expect(await page.textContent('#search-status')).toContain(t.search.none('怀化'));
      // From the city's own search box, within a district.
      await page.goto(server.url('/places/guangdong/shenzhen/baoan/'));
      await page.fill('main input[name="q"]', '复议');
      await Promise.all([page.waitForURL(/\/fzbg\/search\/\?/), page.press('main input[name="q"]', 'Enter')]);
      await waitForAnswer(page);
      const scoped = await page.$$eval('#search-results a', (as) => as.map((a) => (a as HTMLAnchorElement).getAttribute('href') ?? ''));
      expect(scoped.length).toBeGreaterThan(0);
      for (const h of scoped) expect(h.startsWith('/fzbg/places/guangdong/shenzhen/baoan/')).toBe(true);
      await page.click('#search-results a');
      await page.waitForURL(/\/fzbg\/places\/guangdong\/shenzhen\/baoan\/2023\//);
      expect(await page.textContent('h1')).toContain('宝安区');
    } finally {
      await page.close();
    }
  }, 60_000);

  it('passes axe in the default, large-text and high-contrast modes', async () => {
    const context = await browser.newContext();
    const page = await context.newPage();
    const failures: string[] = [];
    try {
      for (const path of ['/', '/places/guangdong/shenzhen/', '/places/guangdong/shenzhen/2023/', '/search/?q=复议', '/indicators/reconsiderationReceived/']) {
        for (const modes of [[], [t.modes.large], [t.modes.contrast], [t.modes.large, t.modes.contrast]]) {
          await page.goto(server.url(path));
          if (path.startsWith('/search/')) await waitForAnswer(page);
          for (const m of modes) await page.getByLabel(m, { exact: true }).check();
          const { violations } = await new AxeBuilder({ page }).analyze();
          if (violations.length) failures.push(`${path} [${modes.join('+') || '默认'}]: ${violations.map((v) => `${v.id} ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`).join('; ')}`);
        }
      }
    } finally {
      await context.close();
    }
    expect(failures).toEqual([]);
  }, 180_000);

  it('serves nothing outside its subpath', async () => {
    const res = await fetch(`${server.origin}/places/guangdong/shenzhen/`);
    expect(res.status).toBe(404);
    // Pagefind's files are where the page asks for them.
    const entry = await fetch(server.url('/pagefind/2023-1/pagefind-entry.json'));
    expect(entry.status).toBe(200);
    expect(JSON.parse(await entry.text())).toHaveProperty('languages');
  });
});
