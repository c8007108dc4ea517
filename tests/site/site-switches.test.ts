/**
 * A site that turns the feed and the open data off (site.config.yaml `feed: false`,
 * `openData: false`): the files are never built, nothing links to them, and what leaned on them
 * (a search kept within a place names the place from the open data) still works.
 */
import { load } from 'cheerio';
import { existsSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchBrowser } from '../../bench/browser';
import { serveDist, type DistServer } from '../../bench/server';
import { t } from '../../src/strings';
import { buildFixture } from '../helpers/fixture-build';
import { waitForAnswer } from '../helpers/browser';
import { checkLinks } from '../helpers/links';

/** A rewording is text, wherever it is shown: server-rendered or set by the search page's script. */
const HOSTILE = '<img src=x onerror=alert(1)>"><script>alert(2)</script>';
let out = '';
let server: DistServer;
let browser: Browser;

beforeAll(async () => {
  const config = join(mkdtempSync(join(tmpdir(), 'fazhi-site-')), 'site.config.yaml');
  writeFileSync(config, `name: 某地法治政府建设年度报告\nfeed: false\nopenData: false\nstrings:\n  site.footer: '${HOSTILE}'\n  search.placeholder: '${HOSTILE}'\n`);
  const build = await buildFixture('content', () => {}, { pagefind: true, env: { SITE_CONFIG: config } });
  if (!build.ok) throw new Error(`构建失败 / the build failed:\n${build.output.slice(-4000)}`);
  out = build.out;
  server = await serveDist(out);
  browser = await launchBrowser();
}, 300_000);

afterAll(async () => {
  await browser?.close();
  await server?.close();
});

describe('feed and open data switched off', () => {
  it('builds neither, and no page links to them', () => {
    expect(existsSync(join(out, 'feed.xml'))).toBe(false);
    expect(existsSync(join(out, 'data'))).toBe(false);
    expect(existsSync(join(out, 'sitemap-index.xml'))).toBe(true);
    const linking: string[] = [];
    for (const f of readdirSync(out, { recursive: true, encoding: 'utf8' }).filter((f) => f.endsWith('.html'))) {
      const $ = load(readFileSync(join(out, f), 'utf8'));
      $('[href]').each((_, el) => {
        const href = $(el).attr('href')!;
        if (/\/data\/|feed\.xml/.test(href)) linking.push(`${f}: ${href}`);
      });
    }
    expect(linking).toEqual([]);
    const $ = load(readFileSync(join(out, 'index.html'), 'utf8'));
    expect($('title').text()).toBe('某地法治政府建设年度报告');
    expect($('footer').text()).toContain(HOSTILE);
    expect($('footer img, footer script, body script:contains("alert")').length).toBe(0);
    expect($('input[name="q"]').first().attr('placeholder')).toBe(HOSTILE);
  });

  it('has no broken link', async () => {
    const { broken, ok } = await checkLinks(out, server, 'https://fazhi-reports.example.org/');
    expect(broken).toEqual([]);
    expect(ok).toBeGreaterThan(30);
  }, 120_000);

  it('keeps a search within a place, naming the place from its page', async () => {
    const page = await browser.newPage();
    const dialogs: string[] = [];
    page.on('dialog', (d) => void (dialogs.push(d.message()), d.dismiss()));
    try {
      await page.goto(server.url(`/search/?q=${encodeURIComponent('复议')}&place=guangdong`));
      await waitForAnswer(page);
      expect(await page.$$eval('img[src="x"]', (els) => els.length)).toBe(0);
      expect(await page.textContent('#search-scope')).toContain(t.search.scope('广东省'));
      const hrefs = await page.$$eval('#search-results a', (as) => as.map((a) => (a as HTMLAnchorElement).getAttribute('href') ?? ''));
      expect(hrefs.length).toBeGreaterThan(0);
      for (const h of hrefs) expect(h.startsWith('/places/guangdong/')).toBe(true);
      expect(dialogs).toEqual([]);
    } finally {
      await page.close();
    }
  }, 60_000);
});
