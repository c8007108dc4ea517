import { describe, expect, it } from 'vitest';
import { depthThatFits, PAGE_ROWS, pageLinks, pageParam, paginate, rankingEnds, splitTable } from '../src/lib/paging';

const range = (n: number) => Array.from({ length: n }, (_, i) => i);

describe('paginate', () => {
  it('cuts items into pages of at most perPage, in order, and keeps one empty page for none', () => {
    expect(paginate(range(5), 2)).toEqual([[0, 1], [2, 3], [4]]);
    expect(paginate(range(4), 2)).toEqual([[0, 1], [2, 3]]);
    expect(paginate([], 3)).toEqual([[]]);
    expect(() => paginate([1], 0)).toThrow(RangeError);
  });
});

describe('splitTable', () => {
  const rows = ['a1', 'b1', 'a2', 'c1', 'a3', 'a4', 'a5'];
  const key = (r: string) => r[0];

  it('keeps a table of at most perPage rows whole', () => {
    expect(splitTable(rows, key, 7)).toEqual({ split: false, rows });
  });

  it('splits a longer table by key, in the given order, leaving out keys without rows, and paginates each group', () => {
    const split = splitTable(rows, key, 2, ['c', 'z', 'a']);
    expect(split).toEqual({
      split: true,
      groups: [
        { key: 'c', count: 1, pages: [['c1']] },
        { key: 'a', count: 5, pages: [['a1', 'a2'], ['a3', 'a4'], ['a5']] },
        { key: 'b', count: 1, pages: [['b1']] },
      ],
    });
  });

  it('loses no row and puts none twice, and no page is over perPage, at the real page size', () => {
    const many = range(PAGE_ROWS * 7 + 3).map((i) => `${'pqrs'[i % 4]}${i}`);
    const split = splitTable(many, key, PAGE_ROWS);
    if (!split.split) throw new Error('expected a split');
    const pages = split.groups.flatMap((g) => g.pages);
    expect(pages.every((p) => p.length >= 1 && p.length <= PAGE_ROWS)).toBe(true);
    expect(pages.flat().sort()).toEqual([...many].sort());
    for (const g of split.groups) expect(g.pages.flat().length).toBe(g.count);
  });
});

describe('rankingEnds', () => {
  it('gives the whole ranking when short, else its first and last n', () => {
    expect(rankingEnds(range(6), 3)).toEqual({ top: range(6), bottom: [], whole: true });
    expect(rankingEnds(range(10), 3)).toEqual({ top: [0, 1, 2], bottom: [7, 8, 9], whole: false });
  });
});

describe('pageLinks', () => {
  it('lists every page when few', () => {
    expect(pageLinks(1, 1)).toEqual([1]);
    expect(pageLinks(2, 5)).toEqual([1, 2, 3, 4, 5]);
  });

  it('keeps the first, the last and the current page’s neighbours, with gaps between', () => {
    expect(pageLinks(10, 20)).toEqual([1, 'gap', 8, 9, 10, 11, 12, 'gap', 20]);
    expect(pageLinks(1, 20)).toEqual([1, 2, 3, 'gap', 20]);
    // A gap of one page shows the page instead.
    expect(pageLinks(5, 20)).toEqual([1, 2, 3, 4, 5, 6, 7, 'gap', 20]);
  });
});

describe('depthThatFits', () => {
  it('takes the most levels whose places fit, at least one', () => {
    expect(depthThatFits([31, 330, 2800, 40000], 1000)).toBe(2);
    expect(depthThatFits([4, 6, 3], 1000)).toBe(3);
    expect(depthThatFits([5000], 1000)).toBe(1);
  });
});

it('pageParam leaves the first page without a number, so its URL is the group’s own', () => {
  expect(pageParam(1)).toBeUndefined();
  expect(pageParam(3)).toBe('3');
});

it('PAGE_ROWS (the build configuration) lowers the rows per page, for tests, and must be a whole number', async () => {
  const { readConfig } = await import('../src/lib/config');
  expect(readConfig({}).pageRows).toBeUndefined();
  expect(readConfig({ PAGE_ROWS: '40' }).pageRows).toBe(40);
  expect(() => readConfig({ PAGE_ROWS: '0' })).toThrow(/PAGE_ROWS 应是正整数/);
  expect(() => readConfig({ PAGE_ROWS: 'many' })).toThrow(/PAGE_ROWS 应是正整数/);
});
