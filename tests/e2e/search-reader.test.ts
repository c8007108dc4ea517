/**
 * What a reader expects of search beyond one word, on the production build in headless Chromium:
 * the query language read back, totals and counts beside the filters, the order kept in the URL,
 * and a search within one place started from its page.
 */
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { useBuiltSite, waitForAnswer } from '../helpers/browser';
import { groundTruth, publishedDocs } from '../../bench/search';

const site = useBuiltSite();

async function open(query: Record<string, string>): Promise<Page> {
  const page = await site.browser().newPage();
  await page.goto(`${site.server().origin}/search/?${new URLSearchParams(query)}`);
  await waitForAnswer(page);
  return page;
}

const resultUrls = (page: Page) => page.$$eval('#search-results > li h2 a', (as) => as.map((a) => new URL((a as HTMLAnchorElement).href).pathname).sort());
const total = async (page: Page) => {
  await page.waitForFunction(() => !document.getElementById('search-total')?.hidden, null, { timeout: 15_000 });
  return page.locator('#search-total').textContent();
};

describe('the query language', () => {
  it('excludes, says how it read the query, and keeps only the reports without the excluded word', async () => {
    const page = await open({ q: '复议 －败诉' });
    expect(await page.locator('#search-reading').textContent()).toBe('检索条件：包含 复议，不含 败诉');
    const expected = groundTruth('content', '复议 -败诉').sort();
    expect(expected.length).toBeGreaterThan(0);
    expect(expected.length).toBeLessThan(groundTruth('content', '复议').length);
    expect(await resultUrls(page)).toEqual(expected);
    await page.close();
  });

  it('gives alternatives with OR or ｜ and phrases in quotes', async () => {
    for (const q of ['枫桥经验 OR 八五普法', '枫桥经验｜八五普法']) {
      const page = await open({ q });
      expect(await page.locator('#search-reading').textContent()).toBe('检索条件：包含 枫桥经验 或 八五普法');
      expect(await resultUrls(page)).toEqual(groundTruth('content', '枫桥经验 OR 八五普法').sort());
      await page.close();
    }
    const page = await open({ q: '“行政复议、行政”' });
    expect(await resultUrls(page)).toEqual(groundTruth('content', '"行政复议、行政"').sort());
    expect((await resultUrls(page)).length).toBeLessThan(groundTruth('content', '行政复议 行政').length);
    await page.close();
  });

  it('names what it could not use', async () => {
    const page = await open({ q: 'OR 复议 -' });
    expect(await page.locator('#search-notice').textContent()).toBe('已忽略无法识别的部分：“-”、“OR”');
    expect(await resultUrls(page)).toEqual(groundTruth('content', '复议').sort());
    await page.close();
  });
});

describe('counts and order', () => {
  it('shows the exact total and the count of each year, province and level', async () => {
    const page = await open({ q: '复议' });
    const expected = groundTruth('content', '复议');
    expect(await total(page)).toBe(`共 ${expected.length} 份报告符合条件`);
    const docs = publishedDocs('content').filter((d) => expected.includes(d.url));
    const years = await page.$$eval('select[data-filter="year"] option', (os) => os.map((o) => o.textContent));
    for (const year of new Set(docs.map((d) => d.url.split('/').at(-2)!))) {
      expect(years).toContain(`${year}（${docs.filter((d) => d.url.includes(`/${year}/`)).length}）`);
    }
    await page.close();
  });

  it('sorts by relevance when asked, and keeps the order in the URL', async () => {
    const page = await open({ q: '复议' });
    await page.locator('select[name="sort"]').selectOption('relevance');
    await page.waitForURL(/sort=relevance/);
    await page.waitForFunction(() => /找到/.test(document.getElementById('search-status')?.textContent ?? '') && !document.getElementById('search-results')?.hasAttribute('aria-busy'));
    expect(await page.locator('select[name="sort"]').inputValue()).toBe('relevance');
    expect(await resultUrls(page)).toEqual(groundTruth('content', '复议').sort());
    await page.close();
  });
});

describe('within one place', () => {
  it('searches a place and its subdivisions from the place page', async () => {
    const page = await site.browser().newPage();
    await page.goto(`${site.server().origin}/places/guangdong/`);
    const box = page.getByRole('search', { name: '在广东省及下辖地区的报告中搜索' }).getByRole('searchbox');
    await box.fill('行政复议');
    await box.press('Enter');
    await page.waitForURL(/place=guangdong/);
    await waitForAnswer(page);
    expect(await page.locator('#search-scope span').textContent()).toBe('搜索范围：广东省及下辖地区的报告');
    const expected = groundTruth('content', '行政复议').filter((u) => u.startsWith('/places/guangdong/')).sort();
    expect(expected.length).toBeGreaterThan(0);
    expect(await resultUrls(page)).toEqual(expected);
    expect(await total(page)).toBe(`共 ${expected.length} 份报告符合条件`);
    await page.close();
  });

  it('ignores a place the site does not have, and says so', async () => {
    const page = await open({ q: '行政复议', place: '../../etc' });
    expect(await page.locator('#search-notice').textContent()).toBe('已忽略无效的筛选条件：地区“../../etc”');
    expect(await resultUrls(page)).toEqual(groundTruth('content', '行政复议').sort());
    await page.close();
  });
});
