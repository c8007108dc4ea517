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
import { pairsOf, rarestPair } from './pairs';

/** Trims the query, folds whitespace (including the full-width space) and drops wrapping quotes. */
export function normalizeQuery(raw: string): string {
  return raw
    .replace(/[\s\u3000]+/g, ' ')
    .trim()
    .replace(/^["“”「」『』]+|["“”「」『』]+$/g, '')
    .trim();
}

/** The terms of a query: whitespace separates them, and a result must contain every one. */
export function queryTerms(raw: string): string[] {
  return normalizeQuery(raw).split(' ').filter(Boolean);
}

const DIGIT = /\d/;

/**
 * True if `text` contains `term` as a reader means it: Latin letters in any case, and a number
 * only as a whole number (244 is not found in 1244 or 2440; 28.42 is not found in 128.42).
 */
export function containsTerm(text: string, term: string): boolean {
  const hay = text.toLowerCase();
  const needle = term.toLowerCase();
  if (!needle) return true;
  const digitStart = DIGIT.test(needle[0]);
  const digitEnd = DIGIT.test(needle.at(-1)!);
  for (let at = hay.indexOf(needle); at >= 0; at = hay.indexOf(needle, at + 1)) {
    const before = hay[at - 1] ?? '';
    const after = hay[at + needle.length] ?? '';
    if (digitStart && (DIGIT.test(before) || (before === '.' && DIGIT.test(hay[at - 2] ?? '')))) continue;
    if (digitEnd && (DIGIT.test(after) || (after === '.' && DIGIT.test(hay[at + needle.length + 1] ?? '')))) continue;
    return true;
  }
  return false;
}

/** True if `text` contains every term of the query. */
export function matchesQuery(text: string, query: string): boolean {
  const terms = queryTerms(query);
  return terms.length > 0 && terms.every((t) => containsTerm(text, t));
}

const HAN_RUN = /\p{Script=Han}+/gu;
const WORDLIKE = /[\p{L}\p{N}]/u;

/** What to ask one year's bundles for a query (`planQuery`). */
export interface QueryPlan {
  /**
   * Words to search for, one per term that has one: Pagefind returns the reports with all of them.
   * None means the year's reports must be checked one by one (every term is made of stop pairs).
   */
  words: string[];
  /** Those looked up as prefixes (Chinese words), whose index chunks must be loaded first (`preloadPrefixes`). */
  prefixes: string[];
  /**
   * With no words: the share of the year's reports expected to contain the query (at most the
   * share of the rarest pair of each term, by the site's pair table), so the page checks enough
   * reports at once for a screenful.
   */
  expected: number;
}

/**
 * The word that finds every report containing `term` in a year with stop pairs `stop` (their first
 * characters in `stopStarts`), or undefined if there is none:
 * - a number or Latin word of the term, as Pagefind indexes it;
 * - else the rarest of its pairs that are not stop pairs (by `shares`, the site's pair table):
 *   every occurrence of the term starts an index word with that pair (src/lib/search-text.ts);
 * - else, for a single character, itself, when no stop pair starts with it.
 */
function termKey(term: string, stop: ReadonlySet<string>, stopStarts: ReadonlySet<string>, shares?: ReadonlyMap<string, number>): { word: string; prefix: boolean } | undefined {
  const other = term
    .split(HAN_RUN)
    .flatMap((s) => s.split(/\s+/))
    .find((s) => WORDLIKE.test(s));
  if (other) return { word: other, prefix: false };
  const pairs = [...term.matchAll(HAN_RUN)].flatMap((m) => pairsOf(Array.from(m[0]))).filter((p) => !stop.has(p));
  if (pairs.length) return { word: shares ? rarestPair(pairs, shares) : pairs[0], prefix: true };
  const chars = Array.from(term);
  if (chars.length === 1 && !stopStarts.has(chars[0])) return { word: chars[0], prefix: true };
  return undefined;
}

/**
 * How to search one year's bundles for what the reader typed (see QueryPlan): each term by one
 * word that every report containing it has (`termKey`); results are then checked against the
 * whole query (`verifyResults`).
 */
export function planQuery(raw: string, stop: ReadonlySet<string> = new Set(), shares?: ReadonlyMap<string, number>): QueryPlan {
  const stopStarts = new Set([...stop].map((p) => Array.from(p)[0]));
  const terms = queryTerms(raw);
  const keys = terms.flatMap((t) => termKey(t, stop, stopStarts, shares) ?? []);
  const words = [...new Set(keys.map((k) => k.word))];
  const pairShare = (t: string) => Math.min(100, ...[...t.matchAll(HAN_RUN)].flatMap((m) => pairsOf(Array.from(m[0]))).map((p) => shares?.get(p) ?? 100)) / 100;
  const expected = words.length ? 1 : Math.max(0.05, Math.min(1, ...terms.map(pairShare)));
  return { words, prefixes: [...new Set(keys.filter((k) => k.prefix).map((k) => k.word))], expected };
}
