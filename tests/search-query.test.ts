/** The query side of search (src/lib/search/): what Pagefind is asked, which chunks are loaded, which results are kept. */
import { readFileSync } from 'node:fs';
import { gzipSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { pairText, SEARCH_LANGUAGE } from '../src/lib/search/text';
import { chunksForPrefix, decodeCbor, metaChunks, PAGEFIND_VERSION, type IndexChunk, type PagefindResult } from '../src/lib/search/pagefind-files';
import { containsTerm, matchesQuery, normalizeQuery, planQuery } from '../src/lib/search/plan';
import { initPagefind, preloadPrefixes, searchYear, verifyResults, type PagefindApi } from '../src/lib/search/engine';
import { searchNewestFirst, type YearBundle } from '../src/lib/search/site';
import { resultSections } from '../src/lib/search/excerpt';

describe('queries', () => {
  it('normalizes whitespace and full-width operator forms', () => {
    expect(normalizeQuery('  “行政复议”\u3000 ')).toBe('"行政复议"');
    expect(normalizeQuery('复议　－败诉 ｜ 诉讼 ＯＲ 调解')).toBe('复议 -败诉 | 诉讼 OR 调解');
    expect(normalizeQuery('行政复议\t 纠错率')).toBe('行政复议 纠错率');
  });

  it('asks for one indexed word per term: a number or Latin word as typed, else a pair of Chinese characters', () => {
    expect(planQuery('行政复议')).toMatchObject({ lookups: [['行政']], prefixes: ['行政'], expected: 1 });
    expect(planQuery('法')).toMatchObject({ lookups: [['法']], prefixes: ['法'], expected: 1 });
    expect(planQuery('2023年')).toMatchObject({ lookups: [['2023']], prefixes: [], expected: 1 });
    expect(planQuery('28.42')).toMatchObject({ lookups: [['28.42']], prefixes: [], expected: 1 });
    expect(planQuery('I调解').lookups).toEqual([['I']]);
    expect(planQuery('复议 复议案件').lookups).toEqual([['复议']]);
    expect(planQuery('')).toMatchObject({ lookups: [], prefixes: [], expected: 1 });
    // A phrase is looked up by its rarest pair like a term; punctuation and spaces in it are checked afterwards.
    expect(planQuery('"行政复议、行政诉讼"', new Set(), new Map([['行政', 90], ['政复', 20], ['复议', 30], ['政诉', 10], ['诉讼', 40]])).lookups).toEqual([['政诉']]);
  });

  it('asks for alternatives one search each, and for excluded terms nothing', () => {
    expect(planQuery('复议 OR 诉讼').lookups).toEqual([['复议'], ['诉讼']]);
    // A clause of one term narrows the search enough; the alternatives are checked afterwards.
    expect(planQuery('复议|诉讼 枫桥').lookups).toEqual([['枫桥']]);
    expect(planQuery('复议 -败诉').lookups).toEqual([['复议']]);
    // An alternative with no word of its own makes the whole clause unusable for the lookup.
    const stop = new Set(['法治']);
    expect(planQuery('法治 OR 诉讼', stop).lookups).toEqual([]);
  });

  it('never asks for a stop pair, which starts no word of the index', () => {
    const stop = new Set(['行政', '政复', '法治']);
    expect(planQuery('行政复议', stop).lookups).toEqual([['复议']]);
    // Every pair a stop pair: the year's reports are checked one by one, as many at once as the
    // pair table says a screenful needs.
    expect(planQuery('法治', stop)).toMatchObject({ lookups: [], prefixes: [], expected: 1 });
    expect(planQuery('法治 政复', stop, new Map([['法治', 90], ['政复', 40]])).expected).toBe(0.4);
    // A character that starts a stop pair is not always at the start of a word; one that starts none is.
    expect(planQuery('法', stop).lookups).toEqual([]);
    expect(planQuery('诉', stop).lookups).toEqual([['诉']]);
    // One term with a word is enough to narrow the search; the rest is checked.
    expect(planQuery('法治 诉', stop).lookups).toEqual([['诉']]);
  });
});

describe('what counts as containing the query', () => {
  it('matches numbers only as whole numbers', () => {
    expect(containsTerm('办理复议案件568宗', '568')).toBe(true);
    expect(containsTerm('办理复议案件1568宗', '568')).toBe(false);
    expect(containsTerm('办理复议案件5680宗', '568')).toBe(false);
    expect(containsTerm('综合纠错率28.42%', '28.42')).toBe(true);
    expect(containsTerm('综合纠错率128.42%', '28.42')).toBe(false);
    expect(containsTerm('综合纠错率28.425%', '28.42')).toBe(false);
    expect(containsTerm('第1.97亿条', '1.97')).toBe(true);
    expect(containsTerm('2023年，2023.', '2023')).toBe(true);
  });

  it('ignores the case of Latin letters and needs every term', () => {
    expect(containsTerm('推行i调解平台', 'I调解')).toBe(true);
    expect(matchesQuery('行政复议纠错率', '行政复议 纠错率')).toBe(true);
    expect(matchesQuery('行政复议', '行政复议 纠错率')).toBe(false);
    expect(matchesQuery('任何', '  ')).toBe(false);
  });
});

describe('Pagefind metadata', () => {
  // ["1.6.0", [], [["法一", "法制", "h1"]]] as CBOR, after Pagefind's signature.
  const enc = new TextEncoder();
  const str = (s: string) => {
    const b = enc.encode(s);
    return [0x60 + b.length, ...b];
  };
  const cbor = new Uint8Array([0x83, ...str('1.6.0'), 0x80, 0x81, 0x83, ...str('法一'), ...str('法制'), ...str('h1')]);

  it('decodes the CBOR subset and lists the chunks', async () => {
    expect(await decodeCbor(cbor)).toEqual(['1.6.0', [], [['法一', '法制', 'h1']]]);
    const signed = new Uint8Array([...enc.encode('pagefind_dcd'), ...cbor]);
    expect(await metaChunks(signed)).toEqual([{ from: '法一', to: '法制', hash: 'h1' }]);
  });

  it('refuses metadata written by another Pagefind version than the pinned one, saying so', async () => {
    const other = new Uint8Array([0x83, ...str('1.5.2'), 0x80, 0x81, 0x83, ...str('法一'), ...str('法制'), ...str('h1')]);
    await expect(metaChunks(other)).rejects.toThrow(/Pagefind 1\.5\.2.*只能读取 1\.6\.0/);
    expect(PAGEFIND_VERSION).toBe(JSON.parse(readFileSync('package.json', 'utf8')).dependencies.pagefind);
  });

  it('decodes longer lengths, maps, integers and indefinite arrays', async () => {
    const long = 'x'.repeat(300);
    const bytes = new Uint8Array([0xa2, ...str('a'), 0x19, 0x01, 0x00, ...str('b'), 0x9f, 0x20, 0xf5, 0x79, 0x01, 0x2c, ...enc.encode(long), 0xff]);
    expect(await decodeCbor(bytes)).toEqual({ a: 256, b: [-1, true, long] });
  });

  const chunks: IndexChunk[] = [
    { from: '治教', to: '法', hash: 'a' },
    { from: '法一', to: '法制', hash: 'b' },
    { from: '法力', to: '法律', hash: 'c' },
    { from: '法视', to: '注', hash: 'd' },
    { from: '注册', to: '活动', hash: 'e' },
  ];

  it('finds every chunk that may hold a word starting with a prefix (Pagefind issue #795)', () => {
    expect(chunksForPrefix(chunks, '法').map((c) => c.hash)).toEqual(['a', 'b', 'c', 'd']);
    expect(chunksForPrefix(chunks, '注').map((c) => c.hash)).toEqual(['d', 'e']);
    // A trimmed bound (法) may stand for a longer last word, so its chunk is kept: a superset is safe.
    expect(chunksForPrefix(chunks, '法律').map((c) => c.hash)).toEqual(['a', 'c']);
  });

  it('preloads those chunks through their first words', async () => {
    const preloaded: string[] = [];
    const pf = { preload: async (w: string) => void preloaded.push(w) } as unknown as PagefindApi;
    expect(await preloadPrefixes(pf, chunks, ['法', '行政'])).toBe(4);
    expect(preloaded.sort()).toEqual(['治教', '法一', '法力', '法视'].sort());
  });

  it('searches a year by its plan: the words through Pagefind after their chunks, or every report of the year without it', async () => {
    const calls: unknown[] = [];
    const pf = {
      preload: async (w: string) => void calls.push(['preload', w]),
      search: async (q: string | null, o?: unknown) => (calls.push(['search', q, o]), { results: [] }),
      filters: async () => (calls.push(['filters']), {}),
    } as unknown as PagefindApi;
    // A bundle's files as a static server gives them: gzipped, Pagefind's signature inside.
    const files: Record<string, Uint8Array | string> = {
      '/b/pagefind-entry.json': JSON.stringify({ languages: { und: { hash: 'und_m', page_count: 2 } } }),
      '/b/pagefind.und_m.pf_meta': gzipSync(new Uint8Array([...enc.encode('pagefind_dcd'), 0x86, ...str('1.6.0'), 0x82, 0x82, ...str('und_p1'), 0x01, 0x82, ...str('und_p2'), 0x02, 0x81, 0x83, ...str('法一'), ...str('法制'), ...str('h1'), 0x80, 0x80, 0x80])),
      '/b/fragment/und_p1.pf_fragment': gzipSync(enc.encode(`pagefind_dcd${JSON.stringify({ url: '/r1/', content: pairText('法律'), meta: {}, filters: { year: ['2024'] }, anchors: [] })}`)),
    };
    const fetchFn = (async (url: string) => new Response(files[url] as BodyInit, { status: files[url] ? 200 : 404 })) as typeof fetch;
    let opened = 0;
    const engine = async () => (opened++, { pagefind: pf });
    await searchYear({ year: '2024', bundles: ['/b/'] }, { lookups: [['法制']], words: ['法制'], prefixes: ['法制'], expected: 1 }, {}, engine, fetchFn);
    expect(calls).toEqual([['preload', '法一'], ['search', '法制', { filters: { year: '2024' } }]]);
    // An instance that has other years too keeps to this one by its filter.
    calls.length = 0;
    await searchYear({ year: '2024', bundles: ['/b/'] }, { lookups: [['2024']], words: ['2024'], prefixes: [], expected: 1 }, { level: '县级' }, async () => ({ pagefind: pf }), fetchFn);
    expect(calls).toEqual([['search', '2024', { filters: { level: '县级', year: '2024' } }]]);
    calls.length = 0;
    const all = await searchYear({ year: '2024', bundles: ['/b/'] }, { lookups: [], words: [], prefixes: [], expected: 0.5 }, { province: '广东省' }, engine, fetchFn);
    expect(calls).toEqual([]);
    expect(opened).toBe(1);
    expect(all.map((r) => [r.id, r.expected])).toEqual([['und_p1', 0.5], ['und_p2', 0.5]]);
    expect(await all[0].data()).toMatchObject({ url: '/r1/', content: pairText('法律'), filters: { year: ['2024'] }, sub_results: [] });
  });
});

describe('the Pagefind layer', () => {
  it('initialises Pagefind under the index language and restores the page language at once', async () => {
    const html = { lang: 'zh-CN' };
    const seen: string[] = [];
    const pf = {
      options: async () => {},
      init: () => {
        seen.push(html.lang);
        return Promise.resolve();
      },
    } as unknown as PagefindApi;
    const done = initPagefind(pf, { excerptLength: 40 }, html);
    await done;
    expect(seen).toEqual([SEARCH_LANGUAGE]);
    expect(html.lang).toBe('zh-CN');
  });

  // Results as Pagefind returns them: the stored text is the pairs of the page's text.
  const result = (url: string, text: string): PagefindResult => ({
    id: url,
    data: async () => ({ url, content: pairText(text), excerpt: '', meta: {}, filters: { year: ['2024'] }, anchors: [], sub_results: [] }),
  });

  it('keeps only results that contain the query (and have the filters), in order, up to a limit, each as soon as it is checked', async () => {
    const results = [result('/a/', '扫黑除恶'), result('/b/', '扫一扫'), result('/c/', '一扫而空，扫一扫'), result('/d/', '扫一扫')];
    const all = await verifyResults(results, '扫一扫', { batch: 2 });
    expect(all.kept.map((d) => d.url)).toEqual(['/b/', '/c/', '/d/']);
    expect(all.checked).toBe(4);
    const first = await verifyResults(results, '扫一扫', { batch: 2, limit: 1 });
    expect(first.kept.map((d) => d.url)).toEqual(['/b/']);
    expect(first.checked).toBe(2);
    const seen: string[] = [];
    const filtered = await verifyResults(results, '扫一扫', { filters: { year: '2023' }, onKept: (d) => seen.push(d.url) });
    expect(filtered.kept).toEqual([]);
    await verifyResults(results, '扫一扫', { filters: { year: '2024' }, onKept: (d) => seen.push(d.url) });
    expect(seen).toEqual(['/b/', '/c/', '/d/']);
  });
});

describe('searchNewestFirst', () => {
  // Three year bundles; each returns its pages by score, as Pagefind does.
  const pages = [
    { id: 'a', year: '2022', score: 9, province: '广东省' },
    { id: 'b', year: '2024', score: 8, province: '湖南省' },
    { id: 'c', year: '2023', score: 7, province: '广东省' },
    { id: 'e', year: '2024', score: 5, province: '广东省' },
    { id: 'f', year: '2022', score: 4, province: '广东省' },
  ];
  const years = ['2022', '2024', '2023'];
  const fake = (opened: string[], searches: Record<string, string>[]): YearBundle[] =>
    years.map((year) => ({
      year,
      search: async (filters) => {
        opened.push(year);
        searches.push(filters);
        const hits = pages.filter((p) => p.year === year && (!filters.province || p.province === filters.province));
        return hits.sort((x, y) => y.score - x.score).map((p) => ({ id: p.id, data: async () => ({}) as never }));
      },
    }));

  it('hands out results newest year first, by relevance within a year, a year at a time, opening a year only when needed', async () => {
    const opened: string[] = [];
    const stream = searchNewestFirst(fake(opened, []), {});
    expect(stream.searchedTo).toBeUndefined();
    expect((await stream.take(3)).map((r) => r.id)).toEqual(['b', 'e']);
    expect(opened).toEqual(['2024']);
    expect(stream).toMatchObject({ complete: false, pending: 0, searchedTo: '2024' });
    expect(await stream.take(3, false)).toEqual([]);
    expect(opened).toEqual(['2024']);
    expect((await stream.take(3)).map((r) => r.id)).toEqual(['c']);
    expect((await stream.take(1)).map((r) => r.id)).toEqual(['a']);
    expect(opened).toEqual(['2024', '2023', '2022']);
    expect(stream).toMatchObject({ complete: true, pending: 1, searchedTo: '2022' });
    expect((await stream.take(10)).map((r) => r.id)).toEqual(['f']);
    expect(await stream.take(10)).toEqual([]);
  });

  it('opens only a chosen year, and passes the other filters on', async () => {
    const opened: string[] = [];
    const searches: Record<string, string>[] = [];
    const stream = searchNewestFirst(fake(opened, searches), { year: '2022', province: '广东省' });
    expect((await stream.take(10)).map((r) => r.id)).toEqual(['a', 'f']);
    expect(opened).toEqual(['2022']);
    expect(searches).toEqual([{ province: '广东省' }]);
    expect(stream.complete).toBe(true);
  });
});

describe('excerptFor', () => {
  it('marks the whole query around its first match, from the text itself', async () => {
    const { excerptFor } = await import('../src/lib/search/excerpt');
    const content = '前文。'.repeat(30) + '全年共办理行政复议案件244件，行政复议纠错率28.42%。' + '后文。'.repeat(30);
    const parts = excerptFor(content, '行政复议', 20);
    expect(parts.filter((p) => p.match).map((p) => p.text)).toEqual(['行政复议', '行政复议']);
    expect(parts[0]).toEqual({ text: '…', match: false });
    expect(parts.map((p) => p.text).join('')).toContain('全年共办理行政复议案件244件');
  });

  it('falls back to the opening of the text when the query is not in it', async () => {
    const { excerptFor } = await import('../src/lib/search/excerpt');
    expect(excerptFor('甲乙丙丁', '复议')).toEqual([{ text: '甲乙丙丁', match: false }]);
  });
});

describe('resultSections', () => {
  it('reads each section whole, from its heading to the next', () => {
    const blocks = [pairText('报告标题'), pairText('一、行政复议'), pairText('办理行政复议案件244件。'), pairText('二、其他'), pairText('其他内容。')];
    const content = blocks.join(' ');
    const at = (i: number) => blocks.slice(0, i).join(' ').split(' ').length;
    const anchors = [
      { element: 'h2', id: 'one', text: blocks[1], location: at(1) },
      { element: 'h2', id: 'two', text: blocks[3], location: at(3) },
    ];
    const sections = resultSections({ url: '/r/?highlight=x', content, anchors: [anchors[1], anchors[0]] });
    expect(sections).toEqual([
      { title: '一、行政复议', url: '/r/#one', text: '一、行政复议 办理行政复议案件244件。', shown: '一、行政复议 办理行政复议案件244件。' },
      { title: '二、其他', url: '/r/#two', text: '二、其他 其他内容。', shown: '二、其他 其他内容。' },
    ]);
  });

  it('shows a Traditional report in its own characters, though it is indexed and matched folded', async () => {
    const { buildFold } = await import('../src/lib/search/fold-table');
    const { searchDocHtml, searchDocument } = await import('../src/lib/search/doc');
    const { resultShown, excerptFor, highlightTerms } = await import('../src/lib/search/excerpt');
    const fold = buildFold();
    const own = ['報告標題', '一、行政復議', '辦理行政復議案件244件。', '二、其他', '其他內容。'];
    // What Pagefind is given: the folded pairs in the body, the report's own text as metadata.
    const html = searchDocHtml({ meta: { title: '報告標題' }, filters: {}, blocks: own.map((text, i) => ({ tag: i % 2 ? 'h2' : 'p', id: i % 2 ? `s${i}` : undefined, text })) });
    const indexed = searchDocument(html)!;
    expect(indexed.blocks.map((b) => b.text).join('')).not.toMatch(/復|議|辦/);
    expect(indexed.meta.orig).toBe(own.join(' '));
    const blocks = own.map((text) => pairText(fold(text)));
    const at = (i: number) => blocks.slice(0, i).join(' ').split(' ').length;
    const d = { url: '/r/', content: blocks.join(' '), meta: indexed.meta, anchors: [{ element: 'h2', id: 's1', text: blocks[1], location: at(1) }] };
    expect(resultShown(d)).toBe(own.join(' '));
    const [section] = resultSections(d, fold);
    expect(section).toMatchObject({ title: '一、行政復議', text: '一、行政复议 办理行政复议案件244件。 二、其他 其他内容。', shown: '一、行政復議 辦理行政復議案件244件。 二、其他 其他內容。' });
    expect(excerptFor(section.shown, '行政复议', 10, fold).filter((p) => p.match).map((p) => p.text)).toEqual(['行政復議', '行政復議']);
    expect(highlightTerms(section.shown, '行政复议', fold)).toEqual(['行政复议', '行政復議']);
  });
});
