/**
 * Accessibility: axe-core's default rules (WCAG 2.x A/AA and best practices) on each kind of page
 * of the production build, rendered in headless Chromium. Zero violations allowed.
 */
import { AxeBuilder } from '@axe-core/playwright';
import type { Result } from 'axe-core';
import type { Browser, BrowserContext } from 'playwright-core';
import { afterAll, beforeAll, expect, it } from 'vitest';
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

it.each(PAGES)('%s has no axe violations', async (url) => {
  const page = await context.newPage();
  try {
    const res = await page.goto(server.url(url));
    expect(res?.status(), `${url} status`).toBe(200);
    const { violations } = await new AxeBuilder({ page }).analyze();
    expect(violations.length, describeViolations(url, violations)).toBe(0);
  } finally {
    await page.close();
  }
});
