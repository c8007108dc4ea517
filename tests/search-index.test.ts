/**
 * The search index's pieces that need no Pagefind: pair text and reading it back, search documents
 * read from HTML as Pagefind reads them, and the plan of bundles.
 */
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { bundleList, bundleListScript, bundlePath, planBundles, servedList } from '../src/lib/search/bundles';
import { searchDocHtml, searchDocOf, searchDocument } from '../src/lib/search/doc';
import { bundleDigest, searchSources, stopPairs, yearStopPairs, type SearchSource } from '../src/lib/search/indexer';
import { pairText, pairWords, SPACE, textFromPairs } from '../src/lib/search/text';
import { mdxToPlainText } from '../src/lib/content/mdx';

describe('pair text', () => {
  it('writes runs of Chinese as overlapping pairs, the last character alone', () => {
    expect(pairWords('行政复议')).toEqual(['行政', '政复', '复议', '议', SPACE]);
    expect(pairWords('法')).toEqual(['法', SPACE]);
  });

  it('keeps numbers, Latin words and punctuation as words of their own', () => {
    expect(pairWords('纠错率28.42%，APP上线（2021—2025年）')).toEqual(
      ['纠错', '错率', '率', '28.42', '%，', 'APP', '上线', '线', '（', '2021', '—', '2025', '年', '）', SPACE],
    );
  });

  it('reads back exactly what it wrote, spaces included', () => {
    for (const text of ['行政复议', '依法 行政', '2023 年', 'A B C', '办理复议案件568宗，综合纠错率28.42%。', '《条例<试行>》{第三条}', '罚款*****元']) {
      expect(textFromPairs(pairText(text))).toBe(text);
    }
  });

  it('reads back every seed report', () => {
    for (const f of ['fujian/zhangzhou/gaoxin/2022', 'guangdong/shenzhen/baoan/2023', 'heilongjiang/jiamusi/qianjin/2020', 'hunan/huaihua/2023']) {
      const lines = mdxToPlainText(readFileSync(`content/reports/${f}.mdx`, 'utf8')).split('\n').map((l) => l.replace(/\s+/g, ' ').trim()).filter(Boolean);
      expect(textFromPairs(lines.map((l) => pairText(l)).join(' '))).toBe(lines.join(' '));
    }
  });
});

describe('search documents', () => {
  const page = `<html lang="zh-CN"><body><nav>导航</nav>
    <div data-pagefind-body data-pagefind-meta="place:海口市">
      <span data-pagefind-filter="year:2023"></span><span data-pagefind-filter="province:海南省"></span>
      <h1 data-pagefind-meta="title">海口市 2023 年报告</h1>
      <div data-pagefind-ignore><dl><dt>发文机关</dt><dd>海口市人民政府</dd></dl></div>
      <article><p>办理<mark id="q-a">行政复议</mark>案件<span class="redacted">***</span>件。</p>
      <h2 id="one">一、工作</h2><p>第一段<br>第二行</p><table><tr><td>甲</td><td>乙</td></tr></table></article>
    </div><footer>页脚</footer><script>var x = "脚本";</script></body></html>`;

  it('reads a page as Pagefind does: body only, ignored parts left out, inline elements run on', () => {
    const doc = searchDocument(page)!;
    expect(doc.meta).toEqual({ place: '海口市', title: '海口市 2023 年报告' });
    expect(doc.filters).toEqual({ year: ['2023'], province: ['海南省'] });
    expect(doc.blocks).toEqual([
      { tag: 'h1', id: undefined, text: '海口市 2023 年报告' },
      { tag: 'p', id: undefined, text: '办理行政复议案件***件。' },
      { tag: 'h2', id: 'one', text: '一、工作' },
      { tag: 'p', id: undefined, text: '第一段 第二行' },
      { tag: 'td', id: undefined, text: '甲' },
      { tag: 'td', id: undefined, text: '乙' },
    ]);
    expect(searchDocument('<html><body><p>无正文标记</p></body></html>')).toBeUndefined();
  });

  it('gives Pagefind the blocks as pairs under an unsegmented language, and the labels as text', () => {
    const html = searchDocHtml(searchDocument(page)!);
    expect(html).toContain('<html lang="und">');
    expect(html).toContain('<p data-pagefind-meta="title">海口市 2023 年报告</p>');
    expect(html).toContain(`<h2 id="one"> 一 、 工作 作 ${SPACE} </h2>`);
    expect(html).not.toMatch(/导航|页脚|脚本|发文机关/);
  });

  it('makes the same document from a rendered body as from the built page', () => {
    const body = '<p>办理<mark id="q-a">行政复议</mark>案件<span class="redacted">***</span>件。</p>\n<h2 id="one">一、工作</h2><p>第一段<br>第二行</p><table><tr><td>甲</td><td>乙</td></tr></table>';
    const direct = searchDocOf({ meta: { title: '海口市 2023 年报告', place: '海口市' }, filters: { year: '2023', province: '海南省', level: '地市级', area: ['hainan', 'hainan/haikou'] } }, body);
    const fromPage = searchDocument(page)!;
    expect(direct.blocks).toEqual(fromPage.blocks);
  });

  it('skips drafts unless asked, and renders bodies with registered elements as their pages do', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'fazhi-search-'));
    cpSync('tests/fixtures/content-min', dir, { recursive: true });
    const entry = readFileSync(join(dir, 'reports/hunan/huaihua/2023.mdx'), 'utf8');
    const head = entry.slice(0, entry.indexOf('\n---', 4) + 4);
    writeFileSync(join(dir, 'reports/hunan/huaihua/2022.mdx'), `${head.replace('year: 2023', 'year: 2022').replace(/^draft: .*$/m, '').replace(/^---\n/, '---\ndraft: true\n')}\n\n草稿正文。\n`);
    writeFileSync(join(dir, 'reports/hunan/huaihua/2021.mdx'), `${head.replace('year: 2023', 'year: 2021').replace(/^indicators:[\s\S]*?(?=\n\w|\n---)/m, 'indicators: {}')}\n\n这是<abbr title="行政复议">复议</abbr>工作。\n`);
    try {
      const published = await searchSources(dir, false);
      expect(published.map((s) => [s.url, s.doc !== undefined])).toEqual([
        ['/places/hunan/huaihua/2023/', true],
        ['/places/hunan/huaihua/2021/', true],
      ]);
      expect(JSON.stringify(published[1].doc)).toContain('这是复议工作');
      expect((await searchSources(dir, true)).map((s) => s.year)).toEqual([2023, 2022, 2021]);
      expect(published[0].doc!.meta.place).toBe('怀化市');
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});

describe('bundles', () => {
  const sources = (year: number, n: number) => Array.from({ length: n }, (_, i) => ({ placeId: `p${i}`, url: `/places/p${i}/${year}/`, year }));

  it('splits each year into parts by place, newest year first, numbered from 1', () => {
    const bundles = planBundles([...sources(2022, 5), ...sources(2024, 25)], 10);
    expect(bundles.map((b) => [b.year, b.part])).toEqual([[2024, 1], [2024, 2], [2024, 3], [2022, 1]]);
    expect(bundles.flatMap((b) => b.sources).length).toBe(30);
    expect(bundleList(bundles).years).toEqual([
      { year: 2024, bundles: ['/pagefind/2024-1/', '/pagefind/2024-2/', '/pagefind/2024-3/'], stop: '/pagefind/2024.stop.json' },
      { year: 2022, bundles: [bundlePath({ year: 2022, part: 1 })], stop: '/pagefind/2022.stop.json' },
    ]);
  });

  it('keeps a report in its part when others change', () => {
    const before = planBundles(sources(2024, 25), 10);
    const after = planBundles(sources(2024, 25).filter((s) => s.placeId !== 'p3'), 10);
    const partOf = (bs: typeof before, id: string) => bs.find((b) => b.sources.some((s) => s.placeId === id))?.part;
    for (const s of sources(2024, 25).filter((x) => x.placeId !== 'p3')) expect(partOf(after, s.placeId), s.placeId).toBe(partOf(before, s.placeId));
  });
});

describe('stop pairs', () => {
  const doc = (text: string) => ({ meta: {}, filters: {}, blocks: [{ tag: 'p', text }] });
  const docs = [doc('法治政府建设'), doc('法治政府，依法行政'), doc('法治宣传'), doc('政府信息公开')];

  it('are the pairs in at least a share of a year’s reports, once there are enough reports', () => {
    expect(stopPairs(docs, 0.5, 2)).toEqual(['政府', '治政', '法治']);
    expect(stopPairs(docs, 0.5, 5)).toEqual([]);
  });

  it('are kept from one build to the next while the year has about as many reports', async () => {
    const work = mkdtempSync(join(tmpdir(), 'fazhi-stop-'));
    try {
      const sources = (n: number) => Array.from({ length: n }, (_, i): SearchSource => ({ id: `p${i}/2024`, url: `/places/p${i}/2024/`, year: 2024, placeId: `p${i}`, key: String(i), doc: docs[i % 4] }));
      const first = await yearStopPairs(2024, sources(120), work);
      expect(first.length).toBeGreaterThan(0);
      // Counted again only when the count moves by more than a tenth: here the pairs change with it.
      const again = await yearStopPairs(2024, sources(125).map((s) => ({ ...s, doc: doc('全新的内容') })), work);
      expect(again).toEqual(first);
      expect(await yearStopPairs(2024, sources(140).map((s) => ({ ...s, doc: doc('全新的内容') })), work)).toEqual(['全新', '内容', '新的', '的内']);
    } finally {
      rmSync(work, { recursive: true, force: true });
    }
  });
});

describe('bundle digests', () => {
  const source = (i: number, key = 'k'): SearchSource => ({ id: `p${i}/2024`, url: `/places/p${i}/2024/`, year: 2024, placeId: `p${i}`, key });
  const bundle = (sources: SearchSource[]) => ({ year: 2024, part: 1, sources });

  it('change with a report, its labels or content (its key), or the stop pairs, and not otherwise', () => {
    const base = bundleDigest(bundle([source(1), source(2)]), ['法治']);
    expect(bundleDigest(bundle([source(1), source(2)]), ['法治'])).toBe(base);
    expect(bundleDigest(bundle([source(1), source(2, 'edited')]), ['法治'])).not.toBe(base);
    expect(bundleDigest(bundle([source(1)]), ['法治'])).not.toBe(base);
    expect(bundleDigest(bundle([source(1), source(2)]), ['政府'])).not.toBe(base);
  });
});

describe('the bundle list in the search page', () => {
  it('is inert JSON whatever its values hold, and reads back unchanged', async () => {
    const { load } = await import('cheerio');
    const hostile = '/pagefind/</script><script>alert(1)</script><!--/';
    const list = { years: [{ year: 2023, bundles: [hostile], stop: hostile, tag: '"><img src=x onerror=alert(2)>' }] };
    const text = bundleListScript(list);
    expect(text).not.toContain('<');
    const $ = load(`<script type="application/json" id="l">${text}</script><p id="after">ok</p>`);
    expect($('script').length).toBe(1);
    expect($('img').length).toBe(0);
    expect($('#after').text()).toBe('ok');
    expect(JSON.parse($('#l').text())).toEqual(list);
    // Served under a base path, the same list's paths carry it.
    expect(servedList(list, (p) => `/fzbg${p}`).years[0].bundles).toEqual([`/fzbg${hostile}`]);
  });
});
