/**
 * Query planning for Chinese full-text search over Pagefind: what the reader typed, as terms, and
 * for one year's bundles, the one index word per term that every report containing it has.
 *
 * The index holds each report's text as overlapping character pairs, under a language Pagefind
 * does not segment (./text.ts): every pair of adjacent characters is a word, and so is the last
 * character of each run. A Chinese term is therefore sent as its rarest pair that is not a stop
 * pair (行政复议 -> 政复), a one-character term as a prefix, and results are checked against the
 * whole query afterwards (./engine.ts, `verifyResults`), so none is missed and none lacks it.
 * See ./README.md.
 */
import { noFold, type Fold } from './fold';
import { pairsOf, rarestPair } from './pairs';
import { parseQuery, positiveTerms, type Query } from './query';

export { containsTerm, matchesQuery, normalizeQuery } from './query';

/** The terms to include, as typed (for excerpts and highlights); see ./query.ts for the syntax. */
export const queryTerms = (raw: string): string[] => positiveTerms(parseQuery(raw)).map((t) => t.text);

const HAN_RUN = /\p{Script=Han}+/gu;
/** A number or a word of other letters, as ./text.ts cuts them for the index. */
const OTHER_WORD = /[[\p{L}\p{N}_]--\p{Script=Han}]+(?:\.\p{N}+)*/v;
const HAN = /\p{Script=Han}/u;

/** What to ask one year's bundles for a query (`planQuery`). */
export interface QueryPlan {
  /**
   * Searches to run, each a list of words Pagefind returns the reports with all of; the candidates
   * are the union of their results (more than one for alternatives, `a OR b`). None means the
   * year's reports must be checked one by one (every term is made of stop pairs).
   */
  lookups: string[][];
  /** The first lookup's words (until the page and the recall harness search every lookup). */
  words: string[];
  /** Those looked up as prefixes (Chinese words), whose index chunks must be loaded first (`preloadPrefixes`). */
  prefixes: string[];
  /**
   * With no lookups: the share of the year's reports expected to contain the query (at most the
   * share of the rarest pair of each clause, by the site's pair table), so the page checks enough
   * reports at once for a screenful.
   */
  expected: number;
}

/**
 * The word that finds every report containing `term` (folded) in a year with stop pairs `stop`
 * (their first characters in `stopStarts`), or undefined if there is none:
 * - a number or Latin word of the term, as Pagefind indexes it;
 * - else the rarest of its pairs that are not stop pairs (by `shares`, the site's pair table):
 *   every occurrence of the term starts an index word with that pair (./text.ts);
 * - else, for a single character, itself, when no stop pair starts with it.
 */
function termKey(term: string, stop: ReadonlySet<string>, stopStarts: ReadonlySet<string>, shares?: ReadonlyMap<string, number>): { word: string; prefix: boolean } | undefined {
  const other = OTHER_WORD.exec(term)?.[0];
  if (other) return { word: other, prefix: false };
  const pairs = [...term.matchAll(HAN_RUN)].flatMap((m) => pairsOf(Array.from(m[0]))).filter((p) => !stop.has(p));
  if (pairs.length) return { word: shares ? rarestPair(pairs, shares) : pairs[0], prefix: true };
  const chars = Array.from(term);
  if (chars.length === 1 && HAN.test(term) && !stopStarts.has(chars[0])) return { word: chars[0], prefix: true };
  return undefined;
}

type Key = { word: string; prefix: boolean };

/**
 * How to search one year's bundles for a query (see QueryPlan): each clause by one word per
 * alternative that every report containing it has (`termKey`). Clauses of one term are asked
 * together (Pagefind's AND); when there are none, the clause of fewest alternatives is asked one
 * search per alternative. Results are then checked against the whole query (`verifyResults`), so
 * excluded terms and the other clauses need no lookup. Terms are folded (`fold`) as the index is.
 */
export function planQuery(
  query: string | Query,
  stop: ReadonlySet<string> = new Set(),
  shares?: ReadonlyMap<string, number>,
  fold: Fold = noFold,
): QueryPlan {
  const q = typeof query === 'string' ? parseQuery(query) : query;
  const stopStarts = new Set([...stop].map((p) => Array.from(p)[0]));
  const keyed = q.clauses.map((c) => c.map((t) => termKey(fold(t.text), stop, stopStarts, shares)));
  const complete = keyed.filter((keys): keys is Key[] => keys.every(Boolean));
  const single = complete.filter((keys) => keys.length === 1).map(([k]) => k);
  const chosen: Key[][] = single.length
    ? [[...new Map(single.map((k) => [k.word, k])).values()]]
    : complete.length
      ? complete.reduce((a, b) => (b.length < a.length ? b : a)).map((k) => [k])
      : [];
  const lookups = chosen.map((keys) => keys.map((k) => k.word));
  const prefixes = [...new Set(chosen.flat().filter((k) => k.prefix).map((k) => k.word))];
  // A clause's share: its most common alternative's rarest pair.
  const termShare = (t: string) => Math.min(100, ...[...fold(t).matchAll(HAN_RUN)].flatMap((m) => pairsOf(Array.from(m[0]))).map((p) => shares?.get(p) ?? 100)) / 100;
  const clauseShare = (c: { text: string }[]) => Math.min(1, c.reduce((sum, t) => sum + termShare(t.text), 0));
  const expected = lookups.length ? 1 : Math.max(0.05, Math.min(1, ...q.clauses.map(clauseShare)));
  return { lookups, words: lookups[0] ?? [], prefixes, expected };
}
