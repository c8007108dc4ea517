/**
 * Searching as a citizen does, in headless Chromium on the production build: from the header box,
 * narrowing by a filter, opening a result at its highlighted passage, and the no-result state.
 */
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { useBuiltSite, waitForAnswer } from '../helpers/browser';
import { groundTruth } from '../../bench/search';

const site = useBuiltSite();


const resultUrls = (page: Page) =>
  page.$$eval('#search-results > li h2 a', (as) => as.map((a) => new URL((a as HTMLAnchorElement).href).pathname));

describe('search', () => {
  it('the header search box leads to results for every report that says it', async () => {
    const page = await site.browser().newPage();
    await page.goto(`${site.server().origin}/places/`);
    const box = page.getByRole('search', { name: '站内搜索' }).getByRole('searchbox');
    await box.fill('行政复议');
    await box.press('Enter');
    await page.waitForURL(/\/search\/\?q=/);
    expect(new URL(page.url()).searchParams.get('q')).toBe('行政复议');
    await waitForAnswer(page);
    const expected = groundTruth('content', '行政复议');
    expect(expected.length).toBeGreaterThan(1);
    expect((await resultUrls(page)).sort()).toEqual([...expected].sort());
    await expect(page.locator('#search-status').textContent()).resolves.toBe(`找到 ${expected.length} 份包含“行政复议”的报告`);
    // Excerpts show the words highlighted.
    const marked = (await page.locator('#search-results > li').first().locator('.search-excerpt mark').allTextContents()).join('');
    expect(marked).toContain('复议');
    await page.close();
  });

  it('a filter narrows the results and stays in the URL', async () => {
    const page = await site.browser().newPage();
    await page.goto(`${site.server().origin}/search/?q=${encodeURIComponent('行政复议')}`);
    await waitForAnswer(page);
    const all = await resultUrls(page);
    await page.getByLabel('省份').selectOption('广东省');
    await page.waitForURL(/province=/);
    await waitForAnswer(page);
    const narrowed = await resultUrls(page);
    expect(narrowed.length).toBeGreaterThan(0);
    expect(narrowed.length).toBeLessThan(all.length);
    expect(narrowed.every((u) => u.startsWith('/places/guangdong/'))).toBe(true);
    expect(new URL(page.url()).searchParams.get('province')).toBe('广东省');
    await page.close();
  });

  it('a result opens the report at the matching section with the words highlighted', async () => {
    const page = await site.browser().newPage();
    await page.goto(`${site.server().origin}/search/?q=${encodeURIComponent('枫桥经验')}`);
    await waitForAnswer(page);
    const sub = page.locator('#search-results > li ul a').first();
    const href = await sub.getAttribute('href');
    expect(href).toMatch(/highlight=.*#/);
    await sub.click();
    await page.waitForURL(/\/places\/.+\/\d{4}\/\?highlight=/);
    const mark = page.locator('#report-body mark.pagefind-highlight').first();
    await mark.waitFor({ timeout: 10_000 });
    expect((await page.locator('#report-body mark.pagefind-highlight').allTextContents()).join('')).toMatch(/枫桥/);
    // The section the sub-result named is where the page landed.
    const hash = decodeURIComponent(new URL(page.url()).hash.slice(1));
    const top = await page.evaluate((id) => document.getElementById(id)?.getBoundingClientRect().top ?? NaN, hash);
    expect(Math.abs(top)).toBeLessThan(200);
    await page.close();
  });

  it('says plainly when nothing is found, with tips', async () => {
    const page = await site.browser().newPage();
    await page.goto(`${site.server().origin}/search/?q=${encodeURIComponent('量子纠缠')}`);
    await waitForAnswer(page);
    expect(await page.locator('#search-status').textContent()).toBe('没有找到包含“量子纠缠”的报告。');
    expect(await page.locator('#search-help').isVisible()).toBe(true);
    expect(await page.locator('#search-results > li').count()).toBe(0);
    await page.close();
  });

  it('page chrome of the source sites is not searchable', async () => {
    const page = await site.browser().newPage();
    for (const q of ['扫一扫', '浏览次数', '热门搜索']) {
      await page.goto(`${site.server().origin}/search/?q=${encodeURIComponent(q)}`);
      await waitForAnswer(page);
      expect(await resultUrls(page), q).toEqual([]);
    }
    await page.close();
  });

  it('the search box submits to /search/ without JavaScript', async () => {
    const context = await site.browser().newContext({ javaScriptEnabled: false });
    const page = await context.newPage();
    await page.goto(`${site.server().origin}/`);
    const box = page.getByRole('search', { name: '站内搜索' }).getByRole('searchbox');
    await box.fill('复议');
    await box.press('Enter');
    await page.waitForURL(/\/search\/\?q=/);
    expect(new URL(page.url()).searchParams.get('q')).toBe('复议');
    await context.close();
  });
});
