/**
 * 繁體 and 简体 alike, end to end: a report in Traditional characters, saved in Big5 as some
 * government pages are, goes through the import CLI into a site with the seed reports; the built
 * search page finds it with Simplified queries, finds the Simplified seeds with Traditional
 * queries, and shows and highlights each report in its own characters.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import iconv from 'iconv-lite';
import * as OpenCC from 'opencc-js/cn2t';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchBrowser } from '../../bench/browser';
import { readSeed, SEEDS } from '../../bench/fixtures/seeds';
import { serveDist, type DistServer } from '../../bench/server';
import { runImportCli } from '../fixtures/import/cli';
import { buildFixture } from '../helpers/fixture-build';
import { waitForAnswer } from '../helpers/browser';

const TRADITIONAL = '/places/guangdong/shenzhen/2022/';
let server: DistServer;
let browser: Browser;
let page: Page;

beforeAll(async () => {
  const seed = SEEDS.find((s) => s.placeId === 'heilongjiang/jiamusi/qianjin')!;
  const traditional = OpenCC.Converter({ from: 'cn', to: 'tw' })(readSeed(seed));
  const build = await buildFixture(
    'content',
    (dir) => {
      const file = join(dir, 'report-big5.txt');
      writeFileSync(file, iconv.encode(traditional, 'big5'));
      const r = runImportCli(dir, [file, '--place', 'guangdong/shenzhen', '--year', '2022']);
      if (r.code !== 0) throw new Error(`import failed: ${r.stdout}${r.stderr}`);
      // The official checks the draft and publishes it.
      const entry = join(dir, 'reports/guangdong/shenzhen/2022.mdx');
      writeFileSync(entry, readFileSync(entry, 'utf8').replace(/^draft: true$/m, 'draft: false'));
    },
    { pagefind: true },
  );
  if (!build.ok) throw new Error(build.output);
  server = await serveDist(build.out);
  browser = await launchBrowser();
  page = await browser.newPage();
}, 300_000);

afterAll(async () => {
  await browser?.close();
  await server?.close();
});

async function search(q: string) {
  await page.goto(server.url(`/search/?q=${encodeURIComponent(q)}`));
  await waitForAnswer(page, 30_000);
  return page.$$eval('#search-results > li', (lis) =>
    lis.map((li) => ({
      href: li.querySelector('h2 a')!.getAttribute('href')!,
      marks: [...li.querySelectorAll('p.search-excerpt mark')].map((m) => m.textContent),
    })),
  );
}

describe('Traditional and Simplified alike', () => {
  it('finds the Traditional report with a Simplified query, marked and highlighted in its own characters', async () => {
    const results = await search('行政复议');
    const hit = results.find((r) => r.href.startsWith(TRADITIONAL));
    expect(hit, JSON.stringify(results)).toBeTruthy();
    // OpenCC writes 复议 as 複議 in Taiwan usage (復議 elsewhere): the report's own form is shown.
    expect(hit!.marks.length).toBeGreaterThan(0);
    for (const mark of hit!.marks) expect(mark).toMatch(/^行政[復複]議$/);
    expect(new URL(hit!.href, server.origin).searchParams.getAll('highlight')).toContain(hit!.marks[0]);
    // And the Simplified seeds that say it.
    expect(results.some((r) => r.href.startsWith('/places/hunan/huaihua/2023/'))).toBe(true);
  });

  it('finds the Simplified reports with a Traditional query, and the same set', async () => {
    const simplified = (await search('行政复议')).map((r) => r.href.split('?')[0]).sort();
    const traditional = await search('行政復議');
    expect(traditional.map((r) => r.href.split('?')[0]).sort()).toEqual(simplified);
    expect(traditional.find((r) => r.href.startsWith('/places/hunan/huaihua/2023/'))!.marks).toContain('行政复议');
  });

  it('reads operators in either script', async () => {
    const all = (await search('行政復議')).length;
    const without = await search('行政復議 －敗訴');
    expect(without.length).toBeLessThan(all);
    expect(await page.locator('#search-reading').textContent()).toBe('检索条件：包含 行政復議，不含 敗訴');
  });
});
