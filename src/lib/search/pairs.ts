/**
 * How common each pair of Chinese characters is in the reports, so that a search sends Pagefind
 * only the rarest pair of each Chinese term instead of all of them (see pagefindQuery).
 *
 * Why this keeps recall: a page that contains 行政复议 contains each of its pairs, so asking for any
 * one pair still returns every such page; verifyResults then drops pages without the whole term.
 * Why it pays: Pagefind loads one index chunk per pair and bundle, and a pair found in nearly every
 * report (行政) has a chunk that grows with the site, while its rarest pair (政复) is smaller and
 * matches fewer pages that verification must drop.
 *
 * The table is built from an even sample of the published reports: it only steers how much a
 * search downloads, never what it finds, so it may lag behind an edit.
 */

/** Where the search page finds the table (src/pages/search/pairs.json.ts). */
export const PAIR_TABLE_PATH = '/search/pairs.json';
/** Reports read for the table: enough for stable shares, and constant work however large the site. */
export const PAIR_SAMPLE = 1000;
/** Pairs in fewer of the sampled reports than this share are left out: the search treats them as rare. */
export const MIN_SHARE = 0.1;

/** Pairs by the percentage of sampled reports containing them: `share["97"]` is "政复复议…", two characters each. */
export interface PairTable {
  sample: number;
  share: Record<string, string>;
}

const HAN_RUN = /\p{Script=Han}+/gu;

/** The overlapping pairs of a run of characters (code points): 行政复议 -> 行政 政复 复议. */
export const pairsOf = (run: readonly string[]): string[] => run.slice(1).map((c, i) => run[i] + c);

/** An even sample of at most `size` items, always the same for the same list. */
export function evenSample<T>(items: readonly T[], size = PAIR_SAMPLE): T[] {
  if (items.length <= size) return [...items];
  return Array.from({ length: size }, (_, i) => items[Math.floor((i * items.length) / size)]);
}

/**
 * The table of `texts` (one per report): pairs of adjacent Chinese characters found in at least
 * `minShare` of them, and in at least two.
 */
export function pairTable(texts: readonly string[], minShare = MIN_SHARE): PairTable {
  const counts = new Map<string, number>();
  for (const text of texts) {
    const seen = new Set<string>();
    for (const m of text.matchAll(HAN_RUN)) {
      for (const p of pairsOf([...m[0]])) seen.add(p);
    }
    for (const p of seen) counts.set(p, (counts.get(p) ?? 0) + 1);
  }
  const least = Math.max(2, Math.ceil(minShare * texts.length));
  const share: Record<string, string> = {};
  for (const [pair, n] of [...counts].sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1))) {
    if (n < least) break;
    const pct = String(Math.round((100 * n) / texts.length));
    share[pct] = (share[pct] ?? '') + pair;
  }
  return { sample: texts.length, share };
}

/** Share (0-100) of the sampled reports containing each listed pair. */
export function pairShares(table: PairTable): Map<string, number> {
  const shares = new Map<string, number>();
  for (const [pct, pairs] of Object.entries(table.share)) {
    const chars = [...pairs];
    for (let i = 0; i + 1 < chars.length; i += 2) shares.set(chars[i] + chars[i + 1], Number(pct));
  }
  return shares;
}

/** The rarest of `pairs` (an unlisted pair counts as rarest); the first one on a tie. */
export function rarestPair(pairs: readonly string[], shares: ReadonlyMap<string, number>): string {
  let best = pairs[0];
  for (const p of pairs) if ((shares.get(p) ?? 0) < (shares.get(best) ?? 0)) best = p;
  return best;
}
