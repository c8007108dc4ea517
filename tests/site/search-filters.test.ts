/**
 * The search page and what its URL says, in headless Chromium on the production build: a filter
 * value the page does not offer is ignored and named in a notice (the results stay), and neither
 * the query nor a filter value is ever read as markup.
 */
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { useBuiltSite, waitForAnswer } from '../helpers/browser';
import { groundTruth } from '../../bench/search';

const site = useBuiltSite();

/** Dialogs (an injected alert) opened by any page, by message. */
const dialogs: string[] = [];

/** Opens the search page with `params` and waits for its answer. */
async function search(params: Record<string, string>): Promise<Page> {
  const page = await site.browser().newPage();
  page.on('dialog', (d) => {
    dialogs.push(d.message());
    void d.dismiss();
  });
  await page.goto(`${site.server().origin}/search/?${new URLSearchParams(params)}`);
  await waitForAnswer(page);
  return page;
}
const resultUrls = (page: Page) => page.$$eval('#search-results > li h2 a', (as) => as.map((a) => new URL((a as HTMLAnchorElement).href).pathname).sort());
const notice = (page: Page) => page.locator('#search-notice');

describe('filters from the URL', () => {
  const all = [...groundTruth('content', '行政复议')].sort();

  it('an unknown year (?year=../../) is ignored and named: every result is shown', async () => {
    expect(all.length).toBeGreaterThan(1);
    const page = await search({ q: '行政复议', year: '../../' });
    expect(await resultUrls(page)).toEqual(all);
    expect(await notice(page).isVisible()).toBe(true);
    expect(await notice(page).textContent()).toBe('已忽略无效的筛选条件：年度“../../”');
    expect(await page.locator('#search-status').textContent()).toBe(`找到 ${all.length} 份包含“行政复议”的报告`);
    expect(await page.getByLabel('年度').inputValue()).toBe('');
    await page.close();
  });

  it('unknown province and level are ignored and named together; a known filter still applies', async () => {
    const page = await search({ q: '行政复议', province: 'nonexistent', level: 'x' });
    expect(await resultUrls(page)).toEqual(all);
    expect(await notice(page).textContent()).toBe('已忽略无效的筛选条件：省份“nonexistent”、层级“x”');
    await page.close();

    const narrowed = await search({ q: '行政复议', province: '广东省', year: '1999' });
    const urls = await resultUrls(narrowed);
    expect(urls.length).toBeGreaterThan(0);
    expect(urls.length).toBeLessThan(all.length);
    expect(urls.every((u) => u.startsWith('/places/guangdong/'))).toBe(true);
    expect(await notice(narrowed).textContent()).toBe('已忽略无效的筛选条件：年度“1999”');
    expect(await narrowed.getByLabel('省份').inputValue()).toBe('广东省');
    await narrowed.close();
  });

  it('no notice when every filter is known or none is given', async () => {
    const page = await search({ q: '行政复议' });
    expect(await notice(page).isHidden()).toBe(true);
    expect(await resultUrls(page)).toEqual(all);
    await page.close();
  });
});

describe('the URL is never markup', () => {
  it('a query and a filter value with HTML are shown as text, and nothing in them runs', async () => {
    const q = '<img src=x onerror=alert(1)>';
    const page = await search({ q, year: '<img src=y onerror=alert(2)>' });
    expect(await page.locator('#search-status').textContent()).toBe(`没有找到包含“${q}”的报告。`);
    expect(await page.locator('#search-q').inputValue()).toBe(q);
    // Shown, cut to 20 characters, as text.
    expect(await notice(page).textContent()).toBe('已忽略无效的筛选条件：年度“<img src=y onerror=a…”');
    expect(await page.locator('main img, #search-status *, #search-notice *').count()).toBe(0);
    await page.waitForTimeout(300);
    expect(dialogs).toEqual([]);
    await page.close();
  });
});
