/**
 * Accessibility: axe-core's default rules (WCAG 2.x A/AA and best practices) on each kind of page
 * of the production build, rendered in headless Chromium. Zero violations allowed, in the default
 * look and in each reading mode (large text, high contrast, both), switched as a reader does: by
 * clicking the header's labels. High contrast is held to AAA (7:1) text contrast besides. The
 * switches work without JavaScript too.
 */
import { AxeBuilder } from '@axe-core/playwright';
import type { Result } from 'axe-core';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SEEDS } from '../../bench/fixtures/seeds';
import { launchBrowser } from '../../bench/browser';
import { assertBuilt, DIST } from '../helpers/dist';
import { serveDist, type DistServer } from '../../bench/server';

const YEARS = [...new Set(SEEDS.map((s) => s.year))].sort();
const PROVINCES = [...new Set(SEEDS.map((s) => s.placeId.split('/')[0]))].sort();

/** Every kind of page, and every seed's place and report page (their content differs the most). */
const PAGES: string[] = [
  '/',
  '/places/',
  '/years/',
  '/404.html',
  ...PROVINCES.slice(0, 1).map((p) => `/places/${p}/`),
  ...SEEDS.map((s) => `/places/${s.placeId}/`),
  ...SEEDS.map((s) => `/places/${s.placeId}/${s.year}/`),
  ...YEARS.map((y) => `/years/${y}/`),
  '/indicators/',
  '/indicators/reconsiderationReceived/',
  '/indicators/headAppearanceRate/',
  '/search/',
];

/** One line per violation and node: rule id, impact, help, and the selectors of the offending node. */
function describeViolations(url: string, violations: Result[]): string {
  const lines = violations.flatMap((v) => [
    `${v.id} [${v.impact ?? 'unknown'}] ${v.help} (${v.helpUrl})`,
    ...v.nodes.map((n) => `    ${n.target.map((t) => (Array.isArray(t) ? t.join(' >> ') : String(t))).join(' | ')}${n.failureSummary ? `\n      ${n.failureSummary.replace(/\n/g, '\n      ')}` : ''}`),
  ]);
  return `${url}: ${violations.length} axe violation(s)\n  ${lines.join('\n  ')}`;
}

let server: DistServer;
let browser: Browser;
let context: BrowserContext;

beforeAll(async () => {
  assertBuilt();
  server = await serveDist(DIST);
  browser = await launchBrowser();
  context = await browser.newContext({ viewport: { width: 1280, height: 800 } });
});

afterAll(async () => {
  await context?.close();
  await browser?.close();
  await server?.close();
});

/** The header's switches: the label a reader clicks, and the checkbox it toggles. */
const MODES = [
  { mode: 'large', label: '大字号' },
  { mode: 'contrast', label: '高对比度' },
] as const;
type ModeName = (typeof MODES)[number]['mode'];

const toggle = (page: Page, mode: ModeName) => page.locator('label', { hasText: MODES.find((m) => m.mode === mode)!.label }).click();

/** What a reader sees of the modes: the root font size (px) and the body text colour. */
const looks = (page: Page) =>
  page.evaluate(() => ({ rootPx: parseFloat(getComputedStyle(document.documentElement).fontSize), ink: getComputedStyle(document.body).color }));

/** The states a page is checked in, each reached from the one before by clicking one label. */
const STATES: { name: string; click?: ModeName; large: boolean; contrast: boolean }[] = [
  { name: 'default', large: false, contrast: false },
  { name: 'large text', click: 'large', large: true, contrast: false },
  { name: 'large text and high contrast', click: 'contrast', large: true, contrast: true },
  { name: 'high contrast', click: 'large', large: false, contrast: true },
];

it.each(PAGES)('%s has no axe violations, in the default look and in each reading mode', async (url) => {
  const page = await context.newPage();
  try {
    const res = await page.goto(server.url(url));
    expect(res?.status(), `${url} status`).toBe(200);
    const plain = await looks(page);
    for (const state of STATES) {
      if (state.click) await toggle(page, state.click);
      const now = await looks(page);
      expect(now.rootPx, `${url} (${state.name}): root font size`).toBe(state.large ? plain.rootPx * 1.25 : plain.rootPx);
      expect(now.ink !== plain.ink, `${url} (${state.name}): body text colour ${now.ink} (default ${plain.ink})`).toBe(state.contrast);
      // AAA text contrast (color-contrast-enhanced, 7:1) is what the high-contrast mode promises.
      const axe = new AxeBuilder({ page });
      if (state.contrast) axe.options({ rules: { 'color-contrast-enhanced': { enabled: true } } });
      const { violations } = await axe.analyze();
      expect(violations.length, describeViolations(`${url} (${state.name})`, violations)).toBe(0);
    }
  } finally {
    // Leave no mode stored for the next page.
    await page.evaluate(() => localStorage.clear()).catch(() => {});
    await page.close();
  }
});

describe('without JavaScript', () => {
  let noJs: BrowserContext;
  beforeAll(async () => {
    noJs = await browser.newContext({ viewport: { width: 1280, height: 800 }, javaScriptEnabled: false });
  });
  afterAll(() => noJs?.close());

  it.each(['/', SEEDS.map((s) => `/places/${s.placeId}/${s.year}/`)[0]])('%s: clicking a label turns its mode on and off', async (url) => {
    const page = await noJs.newPage();
    try {
      await page.goto(server.url(url));
      const plain = await looks(page);
      expect(plain.rootPx).toBe(16);
      await toggle(page, 'large');
      expect((await looks(page)).rootPx, 'root font size with 大字号').toBe(20);
      await toggle(page, 'contrast');
      const both = await looks(page);
      expect(both.rootPx).toBe(20);
      expect(both.ink, 'body text colour with 高对比度').toBe('rgb(0, 0, 0)');
      expect(both.ink).not.toBe(plain.ink);
      // No script ran: the checkboxes alone did it.
      expect(await page.evaluate(() => document.documentElement.getAttributeNames().filter((a) => a.startsWith('data-mode-')))).toEqual([]);
      await toggle(page, 'large');
      await toggle(page, 'contrast');
      expect(await looks(page)).toEqual(plain);
    } finally {
      await page.close();
    }
  });
});
