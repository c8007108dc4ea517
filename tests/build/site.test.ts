/**
 * The last stages of a build on temp dirs: carry-over of unchanged pages from the last output, the
 * sitemap of exactly the published pages, and the site checks before publishing.
 */
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { carryOver } from '../../src/build/carry-over';
import { manifestFile } from '../../src/build/incremental';
import { checkSite, linkIndex } from '../../src/build/site-check';
import { sitemapPaths, writeSitemap } from '../../src/build/sitemap';
import { BUNDLE_LIST_PATH, bundleList, bundleListOf, planBundles } from '../../src/lib/search/bundles';
import { bundleWorkDir, stopListWorkFile } from '../../src/lib/search/indexer';

const tmp = mkdtempSync(join(tmpdir(), 'fazhi-build-site-'));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));
let n = 0;
const fresh = (name: string) => join(tmp, `${n++}-${name}`);
const write = (file: string, text = 'x') => {
  mkdirSync(dirname(file), { recursive: true });
  writeFileSync(file, text);
};
const ino = (f: string) => statSync(f).ino;

describe('carry-over', () => {
  function setup() {
    const dir = fresh('carry');
    const [state, prev, next] = ['state', 'prev', 'next'].map((d) => join(dir, d));
    write(manifestFile(state, 'current', 'report'), JSON.stringify({ '/places/a/2023/': 'd1', '/places/b/2023/': 'd2' }));
    write(join(prev, 'places/a/2023/index.html'), 'a old');
    write(join(prev, 'places/b/2023/index.html'), 'b old');
    return { state, prev, next };
  }

  it('links the unchanged pages from the last output, and not the ones this build rendered', () => {
    const { state, prev, next } = setup();
    write(manifestFile(state, 'next', 'report'), JSON.stringify({ '/places/a/2023/': 'd1', '/places/b/2023/': 'd2-changed' }));
    // Astro rendered b (its props changed) and left a out.
    write(join(next, 'places/b/2023/index.html'), 'b new');
    expect(carryOver(state, prev, next)).toBe(1);
    expect(ino(join(next, 'places/a/2023/index.html'))).toBe(ino(join(prev, 'places/a/2023/index.html')));
    expect(readFileSync(join(next, 'places/b/2023/index.html'), 'utf8')).toBe('b new');
    expect(ino(join(next, 'places/b/2023/index.html'))).not.toBe(ino(join(prev, 'places/b/2023/index.html')));
  });

  it('refuses a page left out whose digest differs from the last build’s, naming the state to delete', () => {
    const { state, prev, next } = setup();
    write(manifestFile(state, 'next', 'report'), JSON.stringify({ '/places/a/2023/': 'other' }));
    expect(() => carryOver(state, prev, next, '.shards/pages')).toThrow(/请删除 \.shards\/pages 后重新构建.*\(\/places\/a\/2023\/\)/);
  });

  it('refuses a page left out that the last output lacks', () => {
    const { state, prev, next } = setup();
    rmSync(join(prev, 'places/a'), { recursive: true });
    write(manifestFile(state, 'next', 'report'), JSON.stringify({ '/places/a/2023/': 'd1' }));
    expect(() => carryOver(state, prev, next)).toThrow(/incremental state does not match the last output/);
  });
});

describe('sitemap', () => {
  it('lists exactly the pages of the site, not the search page, the 404 page, Pagefind’s files, nor a draft left out of the build', async () => {
    const site = fresh('sitemap');
    for (const f of ['index.html', 'places/index.html', 'places/hunan/2023/index.html', 'search/index.html', '404.html', 'pagefind/2023-1/x.html', 'feed.xml']) write(join(site, f));
    // A draft is never built into a published site: its page is not there, so not listed.
    expect(sitemapPaths(site)).toEqual(['/', '/places/hunan/2023/', '/places/']);
    expect(await writeSitemap(site, 'https://example.org', '/', 2)).toEqual(['sitemap-0.xml', 'sitemap-1.xml', 'sitemap-index.xml']);
    const xml = ['sitemap-0.xml', 'sitemap-1.xml'].map((f) => readFileSync(join(site, f), 'utf8')).join('');
    expect([...xml.matchAll(/<loc>([^<]*)<\/loc>/g)].map((m) => m[1])).toEqual(['https://example.org/', 'https://example.org/places/hunan/2023/', 'https://example.org/places/']);
    expect(readFileSync(join(site, 'sitemap-index.xml'), 'utf8')).toContain('<loc>https://example.org/sitemap-1.xml</loc>');
  });

  it('lists the pages of a site served under a base path with that path', async () => {
    const site = fresh('sitemap-base');
    for (const f of ['index.html', 'places/hunan/2023/index.html']) write(join(site, f));
    await writeSitemap(site, 'https://www.example.gov.cn', '/fzbg/');
    const xml = readFileSync(join(site, 'sitemap-0.xml'), 'utf8');
    expect([...xml.matchAll(/<loc>([^<]*)<\/loc>/g)].map((m) => m[1])).toEqual(['https://www.example.gov.cn/fzbg/', 'https://www.example.gov.cn/fzbg/places/hunan/2023/']);
    expect(readFileSync(join(site, 'sitemap-index.xml'), 'utf8')).toContain('<loc>https://www.example.gov.cn/fzbg/sitemap-0.xml</loc>');
  });
});

describe('site checks before publishing', () => {
  const reports = [
    { placeId: 'hunan/huaihua', year: 2023, url: '/places/hunan/huaihua/2023/' },
    { placeId: 'hunan/changsha', year: 2022, url: '/places/hunan/changsha/2022/' },
  ];
  const bundles = planBundles(reports);

  /** A site as Astro builds it: the report pages, the open data list and the bundle list the search page embeds. */
  function site(pages = reports.map((r) => r.url), listed = bundleListOf(reports, new Map([[2023, 'tag1']]))) {
    const dir = fresh('site');
    for (const p of pages) write(join(dir, p, 'index.html'));
    write(join(dir, 'data/reports.json'), JSON.stringify({ reports: reports.map((r) => ({ url: `https://example.org${r.url}` })) }));
    write(join(dir, BUNDLE_LIST_PATH), JSON.stringify(listed));
    return dir;
  }
  const check = (dir: string, b = bundles) => () => checkSite(dir, b, { workName: '.shards', base: '/', openData: true });

  it('passes a complete site whose bundle list (tags aside) is the index built', () => {
    expect(check(site())).not.toThrow();
  });

  it('fails naming a missing report page', () => {
    expect(check(site([reports[0].url]))).toThrow(/缺少 1 个报告页（分片构建不完整，请删除 \.shards 后重新构建）[^]*\/places\/hunan\/changsha\/2022\//);
  });

  it('fails naming an unindexed report and an indexed report without a page', () => {
    const dir = site([...reports.map((r) => r.url), '/places/hunan/yueyang/2023/']);
    expect(check(dir)).toThrow(/未建索引 \/ not indexed: \/places\/hunan\/yueyang\/2023\//);
    const stray = planBundles([...reports, { placeId: 'hunan/x', year: 2023, url: '/places/hunan/x/2023/' }]);
    expect(check(site(), stray)).toThrow(/没有页面 \/ no page: \/places\/hunan\/x\/2023\//);
  });

  it('fails when the search page lists other bundles than were built, or none', () => {
    const other = bundleList([{ year: 2023, part: 1 }, { year: 2023, part: 2 }, { year: 2022, part: 1 }]);
    expect(check(site(undefined, other))).toThrow(/搜索页列出的索引与已建索引不一致/);
    const dir = site();
    rmSync(join(dir, BUNDLE_LIST_PATH));
    expect(check(dir)).toThrow(/the search page lists other search bundles than were built/);
  });

  it('fails on an Astro server file', () => {
    const dir = site();
    write(join(dir, 'manifest_x.mjs'));
    expect(check(dir)).toThrow(/manifest_x\.mjs/);
  });

  it('links each bundle and its year’s stop list into the site', () => {
    const work = fresh('index');
    for (const b of bundles) write(join(bundleWorkDir(work, b), 'bundle', 'pagefind.js'), `${b.year}`);
    for (const y of [2022, 2023]) write(stopListWorkFile(work, y), '{"pairs":""}');
    const dir = site();
    linkIndex(dir, bundles, work);
    expect(readFileSync(join(dir, 'pagefind/2023-1/pagefind.js'), 'utf8')).toBe('2023');
    expect(existsSync(join(dir, 'pagefind/2022.stop.json'))).toBe(true);
  });
});
