/**
 * Page budgets: how a long table or list is split so that no page grows with the site. A table of
 * more than `perPage` rows is split by a key (the province), and a group still longer is paginated;
 * a short one stays whole, on one page. Plain functions over arrays, no Astro: the data layer
 * (src/data/) applies them and the pages render what they return.
 */

/** Rows per page of a split table. At ~600 bytes a row the longest page stays near 120 KB raw, 12 KB compressed. */
export const PAGE_ROWS = 200;

/** Items of the places index (tree and lists by level), at most. */
export const LIST_ITEMS = 1000;

/** Places shown at each end of a national ranking when it is longer than twice this. */
export const RANK_ENDS = 10;

/** `items` in pages of at most `perPage`; always at least one page (an empty one for no items). */
export function paginate<T>(items: readonly T[], perPage: number): T[][] {
  if (!(perPage >= 1)) throw new RangeError(`perPage must be at least 1 (got ${perPage})`);
  const pages: T[][] = [];
  for (let i = 0; i < items.length; i += perPage) pages.push(items.slice(i, i + perPage));
  return pages.length ? pages : [[]];
}

/** One group of a split table: its key, its row count and its pages. */
export interface TableGroup<T> {
  key: string;
  count: number;
  pages: T[][];
}

/** A table whole on one page, or split into groups of pages. */
export type TableSplit<T> = { split: false; rows: T[] } | { split: true; groups: TableGroup<T>[] };

/**
 * Splits `rows` by `keyOf` when there are more than `perPage`, each group paginated, in the order
 * of `order` (keys not in it follow, in order of first appearance); rows keep their order within a
 * group. Groups without rows are left out, so no empty page is made.
 */
export function splitTable<T>(rows: readonly T[], keyOf: (row: T) => string, perPage: number, order: readonly string[] = []): TableSplit<T> {
  if (rows.length <= perPage) return { split: false, rows: [...rows] };
  const byKey = new Map<string, T[]>(order.map((k) => [k, []]));
  for (const r of rows) {
    const k = keyOf(r);
    const list = byKey.get(k);
    if (list) list.push(r);
    else byKey.set(k, [r]);
  }
  const groups = [...byKey].filter(([, rs]) => rs.length > 0).map(([key, rs]) => ({ key, count: rs.length, pages: paginate(rs, perPage) }));
  return { split: true, groups };
}

/** The ends of a ranking: all of it when short, else the first and last `n`. */
export function rankingEnds<T>(ranked: readonly T[], n: number): { top: T[]; bottom: T[]; whole: boolean } {
  if (ranked.length <= 2 * n) return { top: [...ranked], bottom: [], whole: true };
  return { top: ranked.slice(0, n), bottom: ranked.slice(-n), whole: false };
}

/**
 * Page numbers to link from page `current` of `total`: the first, the last, and `around` either
 * side of the current one, with `'gap'` where numbers are left out. All of them when few.
 */
export function pageLinks(current: number, total: number, around = 2): (number | 'gap')[] {
  const shown = new Set([1, total]);
  for (let p = current - around; p <= current + around; p++) if (p >= 1 && p <= total) shown.add(p);
  const out: (number | 'gap')[] = [];
  let last = 0;
  for (const p of [...shown].sort((a, b) => a - b)) {
    if (p - last === 2) out.push(p - 1);
    else if (p - last > 2) out.push('gap');
    out.push(p);
    last = p;
  }
  return out;
}

/**
 * How deep a tree can be shown within `max` items, given how many nodes it has at each depth
 * (`perDepth[0]` the roots): the most levels whose nodes together fit, and at least one.
 */
export function depthThatFits(perDepth: readonly number[], max: number): number {
  let total = 0;
  let depth = 0;
  for (const n of perDepth) {
    if (total + n > max) break;
    total += n;
    depth++;
  }
  return Math.max(1, depth);
}

/** The route parameter of page `n` (1-based): none for the first page, so its URL is the group's own. */
export const pageParam = (n: number): string | undefined => (n === 1 ? undefined : String(n));
