/** An indicator page in headless Chromium: sorting its table, and following a figure to its quote. */
import { describe, expect, it } from 'vitest';
import { waitInViewport, byId, useBuiltSite } from '../helpers/browser';

const site = useBuiltSite();

const KEY = 'reconsiderationReceived';

describe('indicator page', () => {
  it('sorts the table by value both ways when a header is clicked', async () => {
    const page = await site.browser().newPage();
    await page.goto(`${site.server().origin}/indicators/${KEY}/`);
    const values = () => page.$$eval('table[data-sortable] tbody tr td:nth-child(4)', (tds) => tds.map((td) => Number((td as HTMLElement).dataset.sort)));
    const header = page.getByRole('button', { name: '数值' });
    await header.click();
    const asc = await values();
    expect(asc.length).toBeGreaterThan(1);
    expect(asc).toEqual([...asc].sort((a, b) => a - b));
    expect(await page.locator('th[aria-sort="ascending"]').textContent()).toBe('数值');
    await header.click();
    const desc = await values();
    expect(desc).toEqual([...asc].sort((a, b) => b - a));
    expect(await page.locator('th[aria-sort="descending"]').count()).toBe(1);
    await page.close();
  });

  it('follows a figure to its quote, highlighted in the report', async () => {
    const page = await site.browser().newPage();
    await page.goto(`${site.server().origin}/indicators/${KEY}/`);
    const link = page.locator(`table[data-sortable] a[href$="#q-${KEY}"]`).first();
    const figure = (await link.textContent())!.trim();
    await link.click();
    await page.waitForURL(new RegExp(`/places/.+/\\d{4}/#q-${KEY}$`));
    const mark = page.locator(byId(`q-${KEY}`));
    expect(await waitInViewport(page, byId(`q-${KEY}`))).toBe(true);
    // The quote states the figure's number, and :target highlights it.
    expect(await mark.textContent()).toContain(figure.replace(/[^\d.]/g, ''));
    const bg = await mark.evaluate((el) => getComputedStyle(el).backgroundColor);
    const plain = await page.evaluate(() => getComputedStyle(document.body).backgroundColor);
    expect(bg).not.toBe(plain);
    await page.close();
  });
});
