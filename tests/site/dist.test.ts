/**
 * Checks over the production build in dist/ (run `npm run build` first; `npm test` does):
 * the pages the seeds must produce, the page shell, the full text of each seed, no scraped page
 * chrome, no external resources, no broken links or anchors, the Pagefind index, and the cache
 * rules for static hosts (`_headers`).
 */
import type { CheerioAPI } from 'cheerio';
import { checkLinks } from '../helpers/links';
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import astroConfig from '../../astro.config.mjs';
import { importText } from '../../src/lib/import/importer';
import { SEEDS, readSeed } from '../../bench/fixtures/seeds';
import { reportPageYear } from '../../src/build/shards';
import { HEADERS_FILE, LONG_CACHE, SHORT_CACHE, rulesFor, servedPath, type HeaderRule } from '../../src/build/headers';
import { BUNDLE_LIST_PATH, type BundleList } from '../../src/lib/search/bundles';
import { DIST, assertBuilt, distFiles, exists, fileOf, html, htmlFiles, normalizeSpace, page, urlOf } from '../helpers/dist';
import { serveDist, type DistServer } from '../../bench/server';

// The public URLs are spelled out here on purpose rather than taken from src/lib/urls.ts: they are
// the contract other sites link to, and changing one must fail a test.
const placeUrl = (placeId: string) => `/places/${placeId}/`;
const reportUrl = (placeId: string, year: number) => `/places/${placeId}/${year}/`;
const yearUrl = (year: number) => `/years/${year}/`;

/** `guangdong/shenzhen/baoan` -> `guangdong`, `guangdong/shenzhen`, `guangdong/shenzhen/baoan`. */
const placeChain = (placeId: string): string[] =>
  placeId.split('/').map((_, i, parts) => parts.slice(0, i + 1).join('/'));

const YEARS = [...new Set(SEEDS.map((s) => s.year))].sort();
const PLACES = [...new Set(SEEDS.flatMap((s) => placeChain(s.placeId)))].sort();
const PROVINCES = PLACES.filter((p) => !p.includes('/'));

/** Text the scraped source pages carried around the report; none of it may reach our pages. */
const PAGE_CHROME = ['扫一扫在手机打开当前页', '浏览次数', '热门搜索', '返回首页', '最近搜索', '关注我们可获得更多采购需求'];

const SITE_ORIGIN = new URL(astroConfig.site ?? 'http://localhost').origin;

/** Formats a list of problems for a failure message, one per line. */
const list = (items: string[], max = 40) =>
  items.length === 0 ? '' : `\n  ${items.slice(0, max).join('\n  ')}${items.length > max ? `\n  … and ${items.length - max} more` : ''}`;

beforeAll(() => assertBuilt());

describe('pages exist', () => {
  const expected = [
    '/',
    '/places/',
    '/years/',
    '/404.html',
    ...PLACES.map(placeUrl),
    ...SEEDS.map((s) => reportUrl(s.placeId, s.year)),
    ...YEARS.map(yearUrl),
  ];
  it.each(expected)('%s', (url) => {
    expect(exists(url), `${url} was not built (expected ${fileOf(url)})`).toBe(true);
  });

  it('seed years are the ones the seeds declare', () => {
    expect(YEARS).toEqual([2020, 2022, 2023]);
  });
});

describe('every page', () => {
  const files = () => htmlFiles();

  it('the build has pages', () => {
    expect(files().length).toBeGreaterThanOrEqual(4 + PLACES.length + SEEDS.length + YEARS.length);
  });

  it('has <html lang="zh-CN">, a <header> linking home, one <main id="main"> and a <footer>', () => {
    const bad: string[] = [];
    for (const f of files()) {
      const $ = page(urlOf(f));
      const problems = [
        $('html').attr('lang') !== 'zh-CN' && `lang="${$('html').attr('lang') ?? ''}"`,
        $('header a[href="/"]').length === 0 && 'no <header> with a link to /',
        $('main').length !== 1 && `${$('main').length} <main>`,
        $('main').attr('id') !== 'main' && '<main> without id="main"',
        $('footer').length === 0 && 'no <footer>',
      ].filter(Boolean);
      if (problems.length) bad.push(`${urlOf(f)}: ${problems.join(', ')}`);
    }
    expect(bad, `pages without the site shell:${list(bad)}`).toEqual([]);
  });

  it('has no duplicate ids (anchors must be unambiguous)', () => {
    const bad: string[] = [];
    for (const f of files()) {
      const $ = page(urlOf(f));
      const seen = new Map<string, number>();
      $('[id]').each((_, el) => {
        const id = $(el).attr('id')!;
        seen.set(id, (seen.get(id) ?? 0) + 1);
      });
      for (const [id, n] of seen) if (n > 1) bad.push(`${urlOf(f)}: id="${id}" ×${n}`);
    }
    expect(bad, `duplicate ids:${list(bad)}`).toEqual([]);
  });

  it('loads nothing from other origins (no web fonts, CDNs or remote scripts)', () => {
    const external = (ref: string) => {
      if (!/^(https?:)?\/\//i.test(ref.trim())) return false;
      return new URL(ref.trim(), SITE_ORIGIN).origin !== SITE_ORIGIN;
    };
    const cssRefs = (css: string) =>
      [...css.matchAll(/@import\s+(?:url\(\s*)?['"]?([^'")\s;]+)|url\(\s*['"]?([^'")\s]+)/gi)].map((m) => m[1] ?? m[2]);

    const bad: string[] = [];
    for (const f of files()) {
      const $ = page(urlOf(f));
      const resources = 'link[href], script[src], img[src], iframe[src], source[src], video[src], audio[src], embed[src], object[data]';
      $(resources).each((_, el) => {
        const $el = $(el);
        const ref = $el.attr('href') ?? $el.attr('src') ?? $el.attr('data') ?? '';
        if (external(ref)) bad.push(`${urlOf(f)}: <${el.tagName} ${ref}>`);
      });
      const inlineCss = $('style').text() + $('[style]').map((_, el) => $(el).attr('style')).get().join(';');
      for (const ref of cssRefs(inlineCss)) if (external(ref)) bad.push(`${urlOf(f)}: inline CSS ${ref}`);
    }
    for (const f of distFiles('.css')) {
      for (const ref of cssRefs(readFileSync(join(DIST, f), 'utf8'))) if (external(ref)) bad.push(`${f}: ${ref}`);
    }
    expect(bad, `resources from other origins:${list(bad)}`).toEqual([]);
  });

  it('carries none of the source websites’ page chrome', () => {
    const bad: string[] = [];
    for (const f of files()) {
      const text = readFileSync(join(DIST, f), 'utf8');
      for (const s of PAGE_CHROME) if (text.includes(s)) bad.push(`${urlOf(f)}: “${s}”`);
    }
    expect(bad, `page chrome left in the build:${list(bad)}`).toEqual([]);
  });

  it('links to pages with a trailing slash (trailingSlash: always)', () => {
    const bad: string[] = [];
    for (const f of files()) {
      const $ = page(urlOf(f));
      $('a[href]').each((_, el) => {
        const href = $(el).attr('href')!;
        const u = new URL(href, `http://site${urlOf(f)}`);
        if (u.host !== 'site' || href.startsWith('#')) return;
        const last = u.pathname.split('/').pop()!;
        if (last !== '' && !last.includes('.')) bad.push(`${urlOf(f)}: ${href}`);
      });
    }
    expect(bad, `links without the trailing slash:${list(bad)}`).toEqual([]);
  });

  it('links to anchors that exist', () => {
    const bad: string[] = [];
    for (const f of files()) {
      const from = urlOf(f);
      const $ = page(from);
      $('a[href*="#"]').each((_, el) => {
        const href = $(el).attr('href')!;
        const u = new URL(href, `http://site${from}`);
        if (u.host !== 'site' || u.hash === '' || u.hash === '#') return;
        const id = decodeURIComponent(u.hash.slice(1));
        if (!existsSync(fileOf(u.pathname))) return; // a missing page is reported by the link check
        const target = u.pathname === from ? $ : page(u.pathname);
        const found = target('[id]').filter((_, t) => target(t).attr('id') === id).length > 0;
        if (!found) bad.push(`${from}: ${href} (no element with id="${id}" on ${u.pathname})`);
      });
    }
    expect(bad, `links to missing anchors:${list(bad)}`).toEqual([]);
  });
});

describe('navigation pages', () => {
  const hasLink = ($: CheerioAPI, href: string) => $(`main a[href="${href}"]`).length > 0;

  it('home links to every report, province and year', () => {
    const $ = page('/');
    const wanted = [...SEEDS.map((s) => reportUrl(s.placeId, s.year)), ...PROVINCES.map(placeUrl), ...YEARS.map(yearUrl)];
    const missing = wanted.filter((href) => !hasLink($, href));
    expect(missing, `/ does not link to:${list(missing)}`).toEqual([]);
  });

  it('/places/ links to every place page', () => {
    const $ = page('/places/');
    const missing = PLACES.map(placeUrl).filter((href) => !hasLink($, href));
    expect(missing, `/places/ does not link to:${list(missing)}`).toEqual([]);
  });

  it.each(PLACES)('/places/%s/ has a heading and links to its sub-places and reports', (placeId) => {
    const url = placeUrl(placeId);
    const $ = page(url);
    expect(normalizeSpace($('main h1').first().text()), `${url}: <h1>`).not.toBe('');
    const children = PLACES.filter((p) => p.startsWith(`${placeId}/`) && !p.slice(placeId.length + 1).includes('/'));
    const reports = SEEDS.filter((s) => s.placeId === placeId);
    const wanted = [...children.map(placeUrl), ...reports.map((s) => reportUrl(s.placeId, s.year))];
    const missing = wanted.filter((href) => !hasLink($, href));
    expect(missing, `${url} does not link to:${list(missing)}`).toEqual([]);
  });

  it('/years/ links to every year page', () => {
    const $ = page('/years/');
    const missing = YEARS.map(yearUrl).filter((href) => !hasLink($, href));
    expect(missing, `/years/ does not link to:${list(missing)}`).toEqual([]);
  });

  it.each(YEARS)('/years/%i/ has a table of that year’s reports', (year) => {
    const url = yearUrl(year);
    const $ = page(url);
    expect($('main table').length, `${url}: <table>`).toBeGreaterThan(0);
    const missing = SEEDS.filter((s) => s.year === year)
      .map((s) => reportUrl(s.placeId, s.year))
      .filter((href) => $(`main table a[href="${href}"]`).length === 0);
    expect(missing, `${url}: its table does not link to:${list(missing)}`).toEqual([]);
  });
});

describe.each(SEEDS.map((s) => ({ ...s, url: reportUrl(s.placeId, s.year) })))('report $url', (seed) => {
  const $ = () => page(seed.url);

  it('has a title, breadcrumb, indicator panel, table of contents and body', () => {
    const p = $();
    expect(normalizeSpace(p('main h1').first().text()), '<h1>').not.toBe('');
    expect(p('nav[aria-label="面包屑"]').length, 'nav[aria-label="面包屑"]').toBe(1);
    expect(p(`nav[aria-label="面包屑"] a[href="${placeUrl(seed.placeId)}"]`).length, 'breadcrumb links to the place').toBeGreaterThan(0);
    expect(p('section#indicators').length, 'section#indicators').toBe(1);
    expect(p('nav#toc a[href^="#"]').length, 'nav#toc links').toBeGreaterThan(0);
    expect(p('article#report-body').length, 'article#report-body').toBe(1);
  });

  it('table of contents links to headings of the body', () => {
    const p = $();
    const bad = p('nav#toc a[href^="#"]')
      .map((_, a) => p(a).attr('href')!)
      .get()
      .filter((href) => {
        const id = decodeURIComponent(href.slice(1));
        const target = p('article#report-body').find('[id]').filter((_, t) => p(t).attr('id') === id);
        return target.length !== 1 || !/^h[1-6]$/.test(target.get(0)!.tagName);
      });
    expect(bad, `TOC links without a heading in article#report-body:${list(bad)}`).toEqual([]);
  });

  it('indicator figures link to their quote marked in the body', () => {
    const p = $();
    const bad = p('section#indicators a[href^="#q-"]')
      .map((_, a) => p(a).attr('href')!)
      .get()
      .filter((href) => p('article#report-body').find(`mark[id="${href.slice(1)}"]`).length !== 1);
    expect(bad, `indicator links without a <mark> in article#report-body:${list(bad)}`).toEqual([]);
  });

  it('contains at least 99% of the source sentences verbatim', () => {
    const sentences = importText(readSeed(seed), { placeId: seed.placeId, year: seed.year })
      .sentences.map(normalizeSpace)
      .filter(Boolean);
    expect(sentences.length, 'the importer found no sentences in the seed').toBeGreaterThan(10);
    const body = normalizeSpace($()('article#report-body').text());
    const missing = sentences.filter((s) => !body.includes(s));
    const share = 1 - missing.length / sentences.length;
    expect(
      share,
      `${seed.url}: ${missing.length} of ${sentences.length} sentences of ${seed.file} are not in article#report-body:${list(missing, 20)}`,
    ).toBeGreaterThanOrEqual(0.99);
  });
});

describe('search index', () => {
  it('Pagefind indexed each year of report pages into bundles of its own, listed for the search page', () => {
    const years = [...new Set(readdirSync(join(DIST, 'places'), { recursive: true, encoding: 'utf8' }).map((f) => reportPageYear(`places/${f}`)))]
      .filter((y) => y !== undefined)
      .sort((a, b) => b - a);
    expect(years.length).toBeGreaterThan(1);
    const list = JSON.parse(readFileSync(join(DIST, BUNDLE_LIST_PATH), 'utf8')) as BundleList;
    expect(list.years.map((y) => y.year)).toEqual(years);
    for (const path of list.years.flatMap((y) => y.bundles)) expect(existsSync(join(DIST, path, 'pagefind.js')), path).toBe(true);
  });

  it('ships none of the Pagefind UIs (the search page uses the JS API), and the highlighter only where report pages load it', () => {
    const pagefind = readdirSync(join(DIST, 'pagefind'), { recursive: true, encoding: 'utf8' });
    expect(pagefind.filter((f) => /pagefind-(component-ui|modular-ui|ui)\./.test(f))).toEqual([]);
    const highlighters = pagefind.filter((f) => f.endsWith('pagefind-highlight.js')).sort();
    expect(highlighters).toEqual(YEARS.map((y) => `${y}-1/pagefind-highlight.js`).sort());
    for (const [, file] of [...readFileSync(fileOf(reportUrl(SEEDS[0].placeId, SEEDS[0].year)), 'utf8').matchAll(/data-highlighter="([^"]+)"/g)]) {
      expect(existsSync(join(DIST, file)), file).toBe(true);
    }
  });
});

describe('deployable output', () => {
  it('has a _headers file giving every file one Cache-Control: a year for content-addressed files, revalidated for the rest', () => {
    const rules = parseHeaders(readFileSync(join(DIST, HEADERS_FILE), 'utf8'));
    // Dot files are the build's own markers (src/build/paths-guard.ts), not part of the site.
    const files = readdirSync(DIST, { recursive: true, encoding: 'utf8' }).filter((f) => f !== HEADERS_FILE && !f.startsWith('.') && statSync(join(DIST, f)).isFile());
    const wrong = files.flatMap((f) => {
      const matched = rulesFor(rules, servedPath(f));
      const want = f.startsWith('_astro/') || /\.pf_(fragment|index|filter|meta)$/.test(f) ? LONG_CACHE : SHORT_CACHE;
      return matched.length === 1 && matched[0].cacheControl === want ? [] : [`${f}: ${matched.map((r) => `${r.path} ${r.cacheControl}`).join(' + ') || 'no rule'}`];
    });
    expect(wrong, list(wrong)).toEqual([]);
    // Not a page: left out of the sitemap.
    expect(readFileSync(join(DIST, 'sitemap-0.xml'), 'utf8')).not.toContain(HEADERS_FILE);
  });
});

/** The rules of a `_headers` file, as Netlify and Cloudflare Pages read it: a path, then indented `Name: value` lines. */
function parseHeaders(text: string): HeaderRule[] {
  const rules: HeaderRule[] = [];
  for (const line of text.split('\n')) {
    if (line.startsWith('/')) rules.push({ path: line.trim(), cacheControl: '' });
    const m = /^\s+Cache-Control:\s*(.+)$/i.exec(line);
    if (m) rules.at(-1)!.cacheControl = m[1].trim();
  }
  return rules;
}

describe('links', () => {
  let server: DistServer;
  beforeAll(async () => {
    server = await serveDist(DIST);
  });
  afterAll(() => server?.close());

  it('no broken internal links (linkinator over the served build)', async () => {
    const { broken, ok } = await checkLinks(DIST, server, SITE_ORIGIN);
    expect(ok, 'links checked').toBeGreaterThan(10);
    expect(broken, `broken links:${list(broken)}`).toEqual([]);
  });

  it('the server answers unknown pages with 404.html', async () => {
    const res = await fetch(server.url('/places/no-such-place/'));
    expect(res.status).toBe(404);
    expect(await res.text()).toBe(html('/404.html'));
  });
});
