/** Browser tests against the production build: the served site and Chromium per test file, and viewport checks. */
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll } from 'vitest';
import { launchBrowser } from '../../bench/browser';
import { serveDist, type DistServer } from '../../bench/server';
import { assertBuilt, DIST } from './dist';

/**
 * True if the element matching `sel` overlaps the viewport. Runs in the page, so it must not use
 * anything from this module's scope.
 */
const isInViewport = (sel: string): boolean => {
  const el = document.querySelector(sel);
  if (!el) return false;
  const r = el.getBoundingClientRect();
  return r.bottom > 0 && r.top < window.innerHeight && r.right > 0 && r.left < window.innerWidth;
};

/** True if the element matching `selector` is (at least partly) inside the viewport now. */
export const inViewport = (page: Page, selector: string): Promise<boolean> => page.evaluate(isInViewport, selector);

/**
 * Waits up to `timeout` ms for the element to come into the viewport (a page may scroll smoothly);
 * true if it did.
 */
export async function waitInViewport(page: Page, selector: string, timeout = 5000): Promise<boolean> {
  try {
    await page.waitForFunction(isInViewport, selector, { timeout });
    return true;
  } catch {
    return false;
  }
}

/** A CSS selector for an element id (ids here contain Chinese and punctuation). */
export const byId = (id: string): string => `[id="${id.replace(/["\\]/g, '\\$&')}"]`;

/**
 * Serves dist/ and launches Chromium for the tests of one file (registers beforeAll/afterAll);
 * the getters are valid inside tests.
 */
export function useBuiltSite(): { server: () => DistServer; browser: () => Browser } {
  let server: DistServer | undefined;
  let browser: Browser | undefined;
  beforeAll(async () => {
    assertBuilt();
    server = await serveDist(DIST);
    browser = await launchBrowser();
  });
  afterAll(async () => {
    await browser?.close();
    await server?.close();
  });
  return { server: () => server!, browser: () => browser! };
}

/** Waits until the search page has answered (a screenful of results or the no-result message), not while results are still coming in. */
export async function waitForAnswer(page: Page, timeout = 15_000): Promise<void> {
  await page.waitForFunction(
    () => /找到|没有找到/.test(document.getElementById('search-status')?.textContent ?? '') && !document.getElementById('search-results')?.hasAttribute('aria-busy'),
    null,
    { timeout },
  );
}
