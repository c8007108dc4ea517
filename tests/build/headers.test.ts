/** The `_headers` file: content-addressed files kept a year, everything else checked on each use, one rule per file. */
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { HEADERS_FILE, LONG_CACHE, SHORT_CACHE, headerRules, rulePattern, rulesFor, servedPath, writeHeaders } from '../../src/build/headers';
import { unusedPagefindFile } from '../../src/lib/search/bundle-writer';

const tmp = mkdtempSync(join(tmpdir(), 'fazhi-headers-'));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

/** A small built site, with the files a real one has (names as Pagefind and Astro write them). */
const FILES = [
  'index.html',
  '404.html',
  'favicon.svg',
  'feed.xml',
  'sitemap-index.xml',
  'sitemap-0.xml',
  'places/hunan/index.html',
  'places/hunan/huaihua/2023/index.html',
  'years/2023/index.html',
  'data/reports.json',
  'data/indicators.csv',
  'search/index.html',
  'search/pairs.json',
  'search/fold.json',
  '_astro/search.BxY1c2Dq.js',
  '_astro/_place_.C3aZ9x1k.css',
  'pagefind/bundles.json',
  'pagefind/2023.stop.json',
  'pagefind/2023-1/pagefind-entry.json',
  'pagefind/2023-1/pagefind.js',
  'pagefind/2023-1/pagefind-worker.js',
  'pagefind/2023-1/pagefind-highlight.js',
  'pagefind/2023-1/wasm.unknown.pagefind',
  'pagefind/2023-1/pagefind.und_f8492c4181d.pf_meta',
  'pagefind/2023-1/fragment/und_3a1b2c3.pf_fragment',
  'pagefind/2023-1/index/und_9f8e7d6.pf_index',
  'pagefind/2023-1/filter/und_1a2b3c4.pf_filter',
  'pagefind/2023-2/pagefind-entry.json',
  'pagefind/2023-2/pagefind.js',
  'pagefind/2023-2/pagefind.und_b9428d60b02.pf_meta',
  'pagefind/2023-2/fragment/und_77aa.pf_fragment',
];

function site(): string {
  const dir = mkdtempSync(join(tmp, 'site-'));
  for (const f of FILES) {
    mkdirSync(dirname(join(dir, f)), { recursive: true });
    writeFileSync(join(dir, f), 'x');
  }
  return dir;
}

describe('_headers', () => {
  it('gives every file of the site exactly one Cache-Control: a year for content-addressed files, a check on each use for the rest', () => {
    const dir = site();
    const rules = writeHeaders(dir);
    const longLived = (f: string) => f.startsWith('_astro/') || /\.pf_(fragment|index|filter|meta)$/.test(f);
    for (const f of FILES) {
      const matched = rulesFor(rules, servedPath(f));
      expect(matched.map((r) => r.path), f).toHaveLength(1);
      expect(matched[0].cacheControl, f).toBe(longLived(f) ? LONG_CACHE : SHORT_CACHE);
    }
    // Pages are also asked for at their folder's path and as index.html.
    for (const path of ['/', '/index.html', '/places/hunan/', '/places/hunan/index.html', '/search/']) expect(rulesFor(rules, path).map((r) => r.cacheControl)).toEqual([SHORT_CACHE]);
  });

  it('writes the Netlify / Cloudflare Pages format, with one splat a rule and few rules however many bundles', () => {
    const dir = site();
    for (let part = 3; part < 60; part++) {
      mkdirSync(join(dir, `pagefind/2023-${part}`));
      writeFileSync(join(dir, `pagefind/2023-${part}/pagefind.und_${part}aa.pf_meta`), 'x');
    }
    writeHeaders(dir);
    const text = readFileSync(join(dir, HEADERS_FILE), 'utf8');
    expect(text).toContain(`/_astro/*\n  Cache-Control: ${LONG_CACHE}\n`);
    expect(text).toContain(`/pagefind/:bundle/fragment/*\n  Cache-Control: ${LONG_CACHE}\n`);
    expect(text).toContain(`/pagefind/*.json\n  Cache-Control: ${SHORT_CACHE}\n`);
    const paths = text.split('\n').filter((l) => l.startsWith('/'));
    expect(paths.length).toBeLessThan(100);
    for (const p of paths) expect(p.split('*').length - 1, p).toBeLessThanOrEqual(1);
    // The file names itself nowhere: hosts that read it do not serve it.
    expect(headerRules(dir).some((r) => rulePattern(r.path).test(`/${HEADERS_FILE}`))).toBe(false);
  });

  it('matches patterns as the hosts do: `:name` one segment, `*` anything', () => {
    expect(rulePattern('/pagefind/:bundle/fragment/*').test('/pagefind/2023-1/fragment/und_1.pf_fragment')).toBe(true);
    expect(rulePattern('/pagefind/:bundle/fragment/*').test('/pagefind/a/b/fragment/x')).toBe(false);
    expect(rulePattern('/pagefind/:bundle/pagefind.und_*').test('/pagefind/2023-1/pagefind.js')).toBe(false);
    expect(rulePattern('/pagefind/*.json').test('/pagefind/2023-1/pagefind-entry.json')).toBe(true);
  });
});

describe('Pagefind files the site never loads', () => {
  it('are the three UIs everywhere and the highlighter outside a year’s first bundle', () => {
    const names = ['pagefind-ui.js', 'pagefind-ui.css', 'pagefind-modular-ui.js', 'pagefind-modular-ui.css', 'pagefind-component-ui.js', 'pagefind-component-ui.css'];
    for (const f of names) expect(unusedPagefindFile(f, { part: 1 }), f).toBe(true);
    expect(unusedPagefindFile('pagefind-highlight.js', { part: 1 })).toBe(false);
    expect(unusedPagefindFile('pagefind-highlight.js', { part: 2 })).toBe(true);
    for (const f of ['pagefind.js', 'pagefind-worker.js', 'wasm.unknown.pagefind', 'pagefind-entry.json', 'pagefind.und_1.pf_meta', 'fragment/und_1.pf_fragment']) {
      expect(unusedPagefindFile(f, { part: 2 }), f).toBe(false);
    }
  });
});
