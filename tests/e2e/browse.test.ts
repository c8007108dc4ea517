/**
 * A reader's journey through the production build in headless Chromium: home -> place -> report by
 * real clicks, jumping from the table of contents and from an indicator figure to its quote, and
 * reading a report without JavaScript and on a phone.
 */
import type { BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SEEDS } from '../../bench/fixtures/seeds';
import { byId, inViewport, waitInViewport, useBuiltSite } from '../helpers/browser';
import { exists, normalizeSpace, page as built } from '../helpers/dist';

const placeUrl = (placeId: string) => `/places/${placeId}/`;
const reportUrl = (placeId: string, year: number) => `/places/${placeId}/${year}/`;

/** The first seed whose built report shows indicator figures, chosen by reading the pages. */
function seedWithIndicators() {
  const seed = SEEDS.find((s) => {
    const url = reportUrl(s.placeId, s.year);
    return exists(url) && built(url)('section#indicators a[href^="#q-"]').length > 0;
  });
  if (!seed) throw new Error('no built seed report has indicator links (section#indicators a[href^="#q-"])');
  return { ...seed, url: reportUrl(seed.placeId, seed.year) };
}

/** Decoded fragment of the page's URL, without `#`. */
const hashOf = (page: Page) => decodeURIComponent(new URL(page.url()).hash.slice(1));
const pathOf = (page: Page) => decodeURIComponent(new URL(page.url()).pathname);

const site = useBuiltSite();

describe('browsing', () => {
  let context: BrowserContext;
  let page: Page;
  const errors: string[] = [];
  const target = () => seedWithIndicators();

  beforeAll(async () => {
    context = await site.browser().newContext({ viewport: { width: 1280, height: 800 } });
    page = await context.newPage();
    page.on('pageerror', (e) => errors.push(`script error on ${pathOf(page)}: ${e.message}`));
    page.on('response', (r) => {
      if (r.status() >= 400 && r.url().startsWith(site.server().origin)) errors.push(`${r.status()} ${r.url()}`);
    });
  });
  afterAll(() => context?.close());

  it('clicks from home to a place page and on to a report', async () => {
    const { placeId, url } = target();
    await page.goto(site.server().url('/'));
    const chain = placeId.split('/').map((_, i, parts) => placeUrl(parts.slice(0, i + 1).join('/')));

    // Home -> the province page, then down the place tree until the page links to the report.
    const click = async (href: string) => {
      const link = page.locator(`main a[href="${href}"]`).first();
      expect(await link.count(), `${pathOf(page)} has no link to ${href}`).toBe(1);
      await Promise.all([page.waitForURL((u) => decodeURIComponent(u.pathname) === href), link.click()]);
    };
    await click(chain[0]);
    for (const next of chain.slice(1)) {
      if ((await page.locator(`main a[href="${url}"]`).count()) > 0) break;
      await click(next);
    }
    expect(chain).toContain(pathOf(page));
    await click(url);

    expect(pathOf(page)).toBe(url);
    expect((await page.locator('main h1').first().innerText()).trim()).not.toBe('');
  });

  it('a table-of-contents link scrolls its heading into view', async () => {
    expect(pathOf(page)).toBe(target().url);
    await page.evaluate(() => window.scrollTo(0, 0));
    const links = await page.locator('nav#toc a[href^="#"]').evaluateAll((as) => as.map((a) => a.getAttribute('href')!));
    expect(links.length, 'nav#toc links').toBeGreaterThan(0);

    // Prefer a heading below the fold, so that the click has to scroll to reach it.
    let href = links[links.length - 1];
    for (const h of links) {
      if (!(await inViewport(page, byId(decodeURIComponent(h.slice(1)))))) {
        href = h;
        break;
      }
    }
    const id = decodeURIComponent(href.slice(1));
    await page.locator(`nav#toc a[href="${href}"]`).click();

    expect(hashOf(page)).toBe(id);
    const heading = page.locator(`article#report-body ${byId(id)}`);
    expect(await heading.count(), `heading ${href} in article#report-body`).toBe(1);
    expect(await heading.evaluate((el) => el.tagName)).toMatch(/^H[1-6]$/);
    expect(await waitInViewport(page, byId(id)), `heading ${href} is in the viewport after the click`).toBe(true);
  });

  it('an indicator figure jumps to its highlighted quote', async () => {
    expect(pathOf(page)).toBe(target().url);
    await page.evaluate(() => window.scrollTo(0, 0));
    const figure = page.locator('section#indicators a[href^="#q-"]').first();
    const href = (await figure.getAttribute('href'))!;
    const key = href.slice('#q-'.length);
    const mark = page.locator(`article#report-body mark${byId(`q-${key}`)}`);
    expect(await mark.count(), `mark#q-${key} in article#report-body`).toBe(1);
    const look = () =>
      mark.evaluate((el) => {
        const cs = getComputedStyle(el);
        return `${cs.backgroundColor} ${cs.outlineStyle} ${cs.outlineColor}`;
      });
    const before = await look();
    await figure.click();

    expect(new URL(page.url()).hash).toBe(`#q-${key}`);
    expect(await mark.isVisible(), `mark#q-${key} is visible`).toBe(true);
    expect(await waitInViewport(page, byId(`q-${key}`)), `mark#q-${key} is in the viewport`).toBe(true);

    const colours = await mark.evaluate((el) => {
      // The background a reader sees behind plain body text: the first opaque one up the tree.
      const transparent = (c: string) => c === 'transparent' || /^rgba\(.*,\s*0\)$/.test(c);
      let node: Element | null = document.querySelector('article#report-body p') ?? document.body;
      let text = 'rgba(0, 0, 0, 0)';
      while (node) {
        text = getComputedStyle(node).backgroundColor;
        if (!transparent(text)) break;
        node = node.parentElement;
      }
      return { targeted: el.matches(':target'), mark: getComputedStyle(el).backgroundColor, text };
    });
    expect(colours.targeted, 'mark matches :target').toBe(true);
    expect(colours.mark, 'the targeted mark has a background').not.toMatch(/^(transparent|rgba\(.*,\s*0\))$/);
    expect(colours.mark, 'the targeted mark is highlighted against the body text').not.toBe(colours.text);
    expect(await look(), 'targeting the mark changes how it looks (mark:target is styled)').not.toBe(before);
  });

  it('loads no missing files and throws no script errors', () => {
    expect(errors).toEqual([]);
  });
});

describe('a report without JavaScript', () => {
  it('shows the body text and the table of contents', async () => {
    const { url } = seedWithIndicators();
    const context = await site.browser().newContext({ javaScriptEnabled: false });
    try {
      const page = await context.newPage();
      await page.goto(site.server().url(url));
      const body = page.locator('article#report-body');
      expect(await body.isVisible(), 'article#report-body is visible').toBe(true);
      // The first and the last paragraph of the built body are both shown.
      const $ = built(url);
      const paragraphs = $('article#report-body p').map((_, p) => normalizeSpace($(p).text())).get().filter(Boolean);
      expect(paragraphs.length, 'paragraphs in the built article#report-body').toBeGreaterThan(0);
      const shown = normalizeSpace(await body.innerText());
      expect(shown, 'the first paragraph is shown').toContain(paragraphs[0]);
      expect(shown, 'the last paragraph is shown').toContain(paragraphs[paragraphs.length - 1]);
      const toc = page.locator('nav#toc a[href^="#"]');
      expect(await toc.count(), 'nav#toc links').toBeGreaterThan(0);
      expect(await toc.first().isVisible(), 'the table of contents is visible').toBe(true);
    } finally {
      await context.close();
    }
  });
});

describe('on a phone (390×844)', () => {
  let context: BrowserContext;
  beforeAll(async () => {
    context = await site.browser().newContext({ viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true, deviceScaleFactor: 3 });
  });
  afterAll(() => context?.close());

  // Resolved lazily: which report has indicators is read from dist/, which may not exist yet.
  const pages: [string, () => string][] = [
    ['a report', () => seedWithIndicators().url],
    ['home', () => '/'],
    ['the report’s place page', () => placeUrl(seedWithIndicators().placeId)],
    ['the report’s year page', () => `/years/${seedWithIndicators().year}/`],
  ];

  it.each(pages)('%s does not scroll sideways', async (_, urlOf) => {
    const url = urlOf();
    const page = await context.newPage();
    try {
      await page.goto(site.server().url(url));
      const width = await page.evaluate(() => document.scrollingElement!.scrollWidth);
      expect(width, `${url}: document.scrollingElement.scrollWidth on a 390px-wide screen`).toBeLessThanOrEqual(390);
    } finally {
      await page.close();
    }
  });
});
