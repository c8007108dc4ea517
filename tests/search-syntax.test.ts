/** The reader's query language (src/lib/search/query.ts) and Traditional/Simplified folding (fold.ts). */
import { describe, expect, it } from 'vitest';
import * as OpenCC from 'opencc-js/cn2t';
import { describeQuery, matchesQuery, parseQuery } from '../src/lib/search/query';
import { makeFold } from '../src/lib/search/fold';
import { buildFold, foldPairs } from '../src/lib/search/fold-table';
import { readSeed, SEEDS } from '../bench/fixtures/seeds';

const WORDS = { include: '包含', exclude: '不含', and: '和', or: '或' };
const read = (raw: string) => describeQuery(parseQuery(raw), WORDS);

describe('query syntax', () => {
  it('reads spaces as AND, quotes as phrases, - as exclusion and OR or | as alternatives', () => {
    expect(parseQuery('行政复议 枫桥经验')).toEqual({ clauses: [[{ text: '行政复议', phrase: false }], [{ text: '枫桥经验', phrase: false }]], excluded: [], ignored: [] });
    expect(parseQuery('"法治政府 建设"').clauses).toEqual([[{ text: '法治政府 建设', phrase: true }]]);
    expect(parseQuery('复议 -败诉').excluded).toEqual([{ text: '败诉', phrase: false }]);
    expect(parseQuery('复议 -"行政 诉讼"').excluded).toEqual([{ text: '行政 诉讼', phrase: true }]);
    expect(parseQuery('复议 OR 诉讼 调解').clauses.map((c) => c.map((t) => t.text))).toEqual([['复议', '诉讼'], ['调解']]);
    expect(parseQuery('复议|诉讼|调解').clauses.map((c) => c.map((t) => t.text))).toEqual([['复议', '诉讼', '调解']]);
    expect(parseQuery('复议 | 诉讼').clauses.map((c) => c.map((t) => t.text))).toEqual([['复议', '诉讼']]);
    // A hyphen inside a term is text: 2022-2023 is one term.
    expect(parseQuery('2022-2023').clauses).toEqual([[{ text: '2022-2023', phrase: false }]]);
    // Lower-case `or` is a word.
    expect(parseQuery('a or b').clauses).toHaveLength(3);
  });

  it('takes the full-width forms a Chinese keyboard types', () => {
    expect(parseQuery('复议　－败诉')).toEqual(parseQuery('复议 -败诉'));
    expect(parseQuery('“法治政府 建设”')).toEqual(parseQuery('"法治政府 建设"'));
    expect(parseQuery('复议｜诉讼')).toEqual(parseQuery('复议|诉讼'));
    expect(parseQuery('复议 ＯＲ 诉讼')).toEqual(parseQuery('复议 OR 诉讼'));
    expect(parseQuery('「枫桥经验」').clauses).toEqual([[{ text: '枫桥经验', phrase: true }]]);
  });

  it('names every part it cannot use instead of dropping it', () => {
    expect(parseQuery('复议 -').ignored).toEqual(['-']);
    expect(parseQuery('OR 复议').ignored).toEqual(['OR']);
    expect(parseQuery('复议 |').ignored).toEqual(['|']);
    expect(parseQuery('复议 "" 诉讼').ignored).toEqual(['""']);
    expect(parseQuery('复议 OR -败诉').ignored).toEqual(['OR']);
    // Excluding alone would list every other report.
    expect(parseQuery('-败诉')).toEqual({ clauses: [], excluded: [], ignored: ['-败诉'] });
    // An unclosed quote runs to the end.
    expect(parseQuery('"法治 政府').clauses).toEqual([[{ text: '法治 政府', phrase: true }]]);
  });

  it('says how it read the query', () => {
    expect(read('行政复议 -败诉')).toBe('包含 行政复议，不含 败诉');
    expect(read('行政复议 枫桥经验')).toBe('包含 行政复议 和 枫桥经验');
    expect(read('复议 OR 诉讼')).toBe('包含 复议 或 诉讼');
    expect(read('复议|诉讼 调解 -"败诉 案件"')).toBe('包含 （复议 或 诉讼） 和 调解，不含 “败诉 案件”');
  });

  it('matches as it reads', () => {
    const text = '全年办理行政复议案件568件，行政诉讼案件120件，败诉3件。推进“枫桥经验” 法治政府 建设。';
    expect(matchesQuery(text, '行政复议 -败诉')).toBe(false);
    expect(matchesQuery(text, '行政复议 -调解')).toBe(true);
    expect(matchesQuery(text, '调解 OR 诉讼')).toBe(true);
    expect(matchesQuery(text, '调解 OR 仲裁')).toBe(false);
    expect(matchesQuery(text, '"法治政府 建设"')).toBe(true);
    expect(matchesQuery(text, '"法治政府建设"')).toBe(false);
    expect(matchesQuery(text, '"案件568件，行政诉讼"')).toBe(true);
    expect(matchesQuery(text, '-败诉')).toBe(false);
  });
});

describe('繁體 and 简体 alike', () => {
  const fold = buildFold();

  it('folds Traditional (and Hong Kong and Taiwan variants) to Simplified, one character for one', () => {
    expect(fold('行政復議糾錯率')).toBe('行政复议纠错率');
    expect(fold('法治政府建設年度報告')).toBe('法治政府建设年度报告');
    expect(fold('裡面')).toBe('里面');
    expect(fold('行政复议')).toBe('行政复议');
    // The page builds the same fold from the table the build writes.
    expect(makeFold(foldPairs())('負責人出庭應訴率')).toBe(fold('負責人出庭應訴率'));
  });

  it('keeps every position, on whole seed reports converted by OpenCC with its phrase tables', () => {
    const toHk = OpenCC.Converter({ from: 'cn', to: 'hk' });
    const toTw = OpenCC.Converter({ from: 'cn', to: 'twp' });
    let checked = 0;
    for (const seed of SEEDS) {
      const simplified = readSeed(seed);
      for (const traditional of [toHk(simplified), toTw(simplified)]) {
        if (traditional.length !== simplified.length) continue; // a phrase of another length (rare): positions are checked below anyway
        checked++;
        const folded = fold(traditional);
        expect(folded.length).toBe(traditional.length);
        // Every term of the search test set is found in either script.
        for (const term of ['行政复议', '枫桥经验', '负责人出庭应诉', '法治政府建设', '行政执法']) {
          expect(folded.includes(term), `${seed.file} ${term}`).toBe(simplified.includes(term));
        }
      }
    }
    expect(checked).toBeGreaterThanOrEqual(5);
  });

  it('finds Traditional text with Simplified queries and the reverse', () => {
    expect(matchesQuery('本年度行政復議案件辦結率100%', '行政复议', fold)).toBe(true);
    expect(matchesQuery('本年度行政复议案件办结率100%', '行政復議', fold)).toBe(true);
    expect(matchesQuery('本年度行政復議案件', '行政复议 -案件', fold)).toBe(false);
    expect(matchesQuery('本年度行政復議案件', '"行政復議 案件"', fold)).toBe(false);
  });
});

describe('counting and alternatives in the engine', () => {
  it('unites the lookups of alternatives by relevance, and counts the year without the reader filters', async () => {
    const { lookUpYear } = await import('../src/lib/search/engine');
    const hit = (id: string, score: number) => ({ id, score, data: async () => ({}) as never });
    const byWord: Record<string, ReturnType<typeof hit>[]> = { 复议: [hit('a', 1), hit('b', 3)], 诉讼: [hit('b', 2), hit('c', 5)] };
    const pf = {
      filters: async () => ({}),
      preload: async () => {},
      search: async (q: string, o?: { filters?: Record<string, string> }) => ({
        results: o?.filters?.province ? byWord[q].slice(0, 1) : byWord[q],
        filters: { year: { '2024': 9 }, province: { 广东省: byWord[q].length } },
      }),
    } as unknown as import('../src/lib/search/engine').PagefindApi;
    const found = await lookUpYear({ year: '2024', bundles: [] }, { lookups: [['复议'], ['诉讼']], words: ['复议'], prefixes: [], expected: 1 }, { province: '广东省' }, async () => ({ pagefind: pf }));
    expect(found.results.map((r) => r.id)).toEqual(['b', 'a']);
    expect(await found.tally()).toEqual({ yearTotal: 3, totals: { province: { 广东省: 4 } } });
  });

  it('calls a count exact only when the lookups are exactly the matching reports', async () => {
    const { exactLookup } = await import('../src/lib/search/site');
    const { planQuery } = await import('../src/lib/search/plan');
    const exact = (q: string, stop = new Set<string>()) => exactLookup(parseQuery(q), planQuery(q, stop, undefined, buildFold()), buildFold());
    expect(exact('复议')).toBe(true);
    expect(exact('法')).toBe(true);
    expect(exact('複議')).toBe(true);
    expect(exact('复议 诉讼')).toBe(true);
    expect(exact('复议 OR 诉讼')).toBe(true);
    // A longer term is found by one of its pairs: the reports with that pair may lack the rest.
    expect(exact('行政复议')).toBe(false);
    expect(exact('复议 -败诉')).toBe(false);
    expect(exact('"复议"')).toBe(true);
    expect(exact('2023')).toBe(false);
    expect(exact('复议', new Set(['复议']))).toBe(false);
    expect(exact('复议|行政诉讼 调解')).toBe(false);
  });
});

describe('Simplified reports stay as they are', () => {
  it('folds no common Simplified character, so a Simplified report is indexed as written', () => {
    const fold = buildFold();
    for (const text of ['成效显著', '着力推进', '什么', '乾隆']) expect(fold(text)).toBe(text);
    for (const seed of SEEDS) expect(fold(readSeed(seed))).toBe(readSeed(seed));
  });
});
