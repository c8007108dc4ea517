/** The pair table: which pair of a Chinese term the search sends Pagefind. */
import { describe, expect, it } from 'vitest';
import { evenSample, pairShares, pairTable, rarestPair } from '../src/lib/search/pairs';
import { planQuery } from '../src/lib/search/plan';

const texts = [
  '全面推进行政复议体制改革，行政执法更加规范。',
  '行政复议案件办理质量提升，坚持发展“枫桥经验”。',
  '行政执法“三项制度”全面落实。',
  '行政应诉工作扎实开展，行政机关负责人出庭应诉率100%。',
];

describe('pairTable', () => {
  const table = pairTable(texts, 0.1);
  const shares = pairShares(table);

  it('gives each pair the share of texts containing it, counting a text once', () => {
    expect(table.sample).toBe(4);
    expect(shares.get('行政')).toBe(100);
    expect(shares.get('复议')).toBe(50);
    expect(shares.get('执法')).toBe(50);
    // Pairs across punctuation are not pairs of the text.
    expect(shares.has('革行')).toBe(false);
  });

  it('leaves out pairs found in fewer texts than the minimum share, and in one text only', () => {
    expect(shares.has('枫桥')).toBe(false);
    expect(pairShares(pairTable(texts, 0.6)).has('复议')).toBe(false);
    expect([...pairShares(pairTable(texts, 0.6)).keys()]).toEqual(['行政']);
  });

  it('stores characters outside the Basic Multilingual Plane as whole pairs', () => {
    const rare = pairShares(pairTable(['𠀋𠀌是', '𠀋𠀌非'], 0.1));
    expect(rare.get('𠀋𠀌')).toBe(100);
    expect(rare.size).toBe(1);
  });
});

describe('choosing pairs', () => {
  const shares = pairShares(pairTable(texts, 0.1));

  it('sends the rarest pair of each Chinese term, an unlisted pair counting as rarest', () => {
    expect(rarestPair(['行政', '政复', '复议'], shares)).toBe('政复');
    expect(planQuery('行政复议', new Set(), shares).words).toEqual(['政复']);
    expect(planQuery('枫桥经验', new Set(), shares).words).toEqual(['枫桥']);
    // A number finds its term on its own.
    expect(planQuery('行政复议 2023年', new Set(), shares).words).toEqual(['政复', '2023']);
  });

  it('sends the first pair without a table', () => {
    expect(planQuery('行政复议').words).toEqual(['行政']);
  });
});

describe('evenSample', () => {
  it('spreads a fixed-size sample over the list, the same each time', () => {
    const items = Array.from({ length: 10 }, (_, i) => i);
    expect(evenSample(items, 4)).toEqual([0, 2, 5, 7]);
    expect(evenSample(items, 20)).toEqual(items);
  });
});
