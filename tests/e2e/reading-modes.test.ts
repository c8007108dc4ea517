/**
 * The reading modes remembered where JavaScript runs (src/scripts/reading-modes.ts): a mode turned
 * on in the header stays on across pages, reloads and the back button, until it is turned off;
 * the checkbox and <html>'s data-mode-* attribute always agree. Large text fits a phone, and
 * printing ignores both modes. (Without JavaScript: tests/e2e/a11y.test.ts.)
 */
import type { BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { SEEDS } from '../../bench/fixtures/seeds';
import { useBuiltSite } from '../helpers/browser';

const site = useBuiltSite();

const LABELS = { large: '大字号', contrast: '高对比度' } as const;
type Mode = keyof typeof LABELS;

const report = SEEDS.map((s) => `/places/${s.placeId}/${s.year}/`)[2];

/** Each mode as the page shows it: the checkbox, the attribute on <html>, the stored choice; the root font size and body text colour. */
const state = (page: Page) =>
  page.evaluate(() => {
    const modes = Object.fromEntries(
      ['large', 'contrast'].map((m) => [
        m,
        {
          checked: (document.getElementById(`mode-${m}`) as HTMLInputElement).checked,
          attribute: document.documentElement.hasAttribute(`data-mode-${m}`),
          stored: localStorage.getItem(`reading-mode-${m}`),
        },
      ]),
    );
    return { ...modes, rootPx: parseFloat(getComputedStyle(document.documentElement).fontSize), ink: getComputedStyle(document.body).color };
  }) as Promise<Record<Mode, { checked: boolean; attribute: boolean; stored: string | null }> & { rootPx: number; ink: string }>;

/** Asserts each mode is on or off everywhere at once: box, attribute, storage and what it does. */
async function expectModes(page: Page, on: Record<Mode, boolean>, where: string) {
  const s = await state(page);
  for (const mode of Object.keys(LABELS) as Mode[]) {
    expect(s[mode], `${where}: ${mode}`).toEqual({ checked: on[mode], attribute: on[mode], stored: on[mode] ? 'on' : null });
  }
  expect(s.rootPx, `${where}: root font size`).toBe(on.large ? 20 : 16);
  expect(s.ink, `${where}: body text colour`).toBe(on.contrast ? 'rgb(0, 0, 0)' : 'rgb(31, 35, 40)');
}

const toggle = (page: Page, mode: Mode) => page.locator('label', { hasText: LABELS[mode] }).click();
const go = (page: Page, path: string) => page.goto(site.server().url(path));

describe('with JavaScript', () => {
  let context: BrowserContext;
  let page: Page;
  beforeAll(async () => {
    context = await site.browser().newContext({ viewport: { width: 1280, height: 800 } });
    // Notes, on each page load, whether <body> existed when a stored mode reached <html>.
    await context.addInitScript(() => {
      new MutationObserver((records, observer) => {
        const set = records.find((r) => r.target === document.documentElement && r.attributeName?.startsWith('data-mode-'));
        if (set) {
          (window as unknown as { modeSet: { hadBody: boolean } }).modeSet = { hadBody: document.body !== null };
          observer.disconnect();
        }
      }).observe(document, { attributes: true, subtree: true });
    });
    page = await context.newPage();
  });
  afterAll(() => context?.close());
  beforeEach(async () => {
    await go(page, '/');
    await page.evaluate(() => localStorage.clear());
    await page.reload();
  });

  it('keeps large text across pages and reloads, until it is turned off', async () => {
    await expectModes(page, { large: false, contrast: false }, '/ at first');
    await toggle(page, 'large');
    await expectModes(page, { large: true, contrast: false }, '/ after clicking 大字号');

    await Promise.all([page.waitForURL(/\/places\/$/), page.locator('header nav a', { hasText: '地区' }).click()]);
    await expectModes(page, { large: true, contrast: false }, '/places/ reached by the header link');
    await page.reload();
    await expectModes(page, { large: true, contrast: false }, '/places/ reloaded');
    await go(page, report);
    await expectModes(page, { large: true, contrast: false }, report);
    // The inline script of <head> set it, before <body> existed: before any paint.
    expect(await page.evaluate(() => (window as unknown as { modeSet?: unknown }).modeSet)).toEqual({ hadBody: false });

    await toggle(page, 'large');
    await expectModes(page, { large: false, contrast: false }, `${report} after unchecking`);
    await go(page, '/years/');
    await expectModes(page, { large: false, contrast: false }, '/years/ after unchecking');
  });

  it('keeps high contrast and both modes together, each turned off on its own', async () => {
    await toggle(page, 'contrast');
    await toggle(page, 'large');
    await go(page, '/indicators/');
    await expectModes(page, { large: true, contrast: true }, '/indicators/ with both');
    await toggle(page, 'large');
    await page.reload();
    await expectModes(page, { large: false, contrast: true }, '/indicators/ reloaded with high contrast only');
    await toggle(page, 'contrast');
    await go(page, '/');
    await expectModes(page, { large: false, contrast: false }, '/ with neither');
  });

  it('shows the current choice on a page reached with the back button', async () => {
    await toggle(page, 'contrast');
    await go(page, '/places/');
    await toggle(page, 'contrast');
    await page.goBack();
    await expectModes(page, { large: false, contrast: false }, '/ after going back');
  });
});

describe('large text on a phone (390×844)', () => {
  let context: BrowserContext;
  beforeAll(async () => {
    context = await site.browser().newContext({ viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true, deviceScaleFactor: 2 });
    await context.addInitScript(() => localStorage.setItem('reading-mode-large', 'on'));
  });
  afterAll(() => context?.close());

  it.each(['/', report, '/years/2023/', '/indicators/', '/indicators/headAppearanceRate/', '/places/', '/search/'])('%s does not scroll sideways, and the header wraps', async (url) => {
    const page = await context.newPage();
    try {
      await go(page, url);
      expect((await state(page)).rootPx).toBe(20);
      const width = await page.evaluate(() => document.scrollingElement!.scrollWidth);
      expect(width, `${url}: document.scrollingElement.scrollWidth with large text`).toBeLessThanOrEqual(390);
      const header = await page.evaluate(() => [...document.querySelectorAll('header a, header label, header button, header input')].map((e) => e.getBoundingClientRect().right));
      expect(Math.max(...header), `${url}: the header's links and controls lie within the screen`).toBeLessThanOrEqual(390);
    } finally {
      await page.close();
    }
  });
});

describe('printing', () => {
  it('ignores both modes', async () => {
    const context = await site.browser().newContext();
    try {
      await context.addInitScript(() => ['large', 'contrast'].forEach((m) => localStorage.setItem(`reading-mode-${m}`, 'on')));
      const page = await context.newPage();
      await go(page, report);
      await expectModes(page, { large: true, contrast: true }, `${report} on screen`);
      await page.emulateMedia({ media: 'print' });
      const printed = await page.evaluate(() => ({
        rootPx: parseFloat(getComputedStyle(document.documentElement).fontSize),
        link: getComputedStyle(document.documentElement).getPropertyValue('--color-brand-700').trim(),
      }));
      expect(printed).toEqual({ rootPx: 16, link: '#8f1d17' });
    } finally {
      await context.close();
    }
  });
});
