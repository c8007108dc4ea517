/**
 * Query-side handling of Pagefind for Chinese full-text search. Pure functions for the search page.
 * (Draft: strategies are measured by tests/site/search-recall*.test.ts.)
 */

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
    if (digitStart && at > 0 && /[\d.]/.test(hay[at - 1]) && DIGIT.test(hay[at - 1] === '.' ? (hay[at - 2] ?? '') : hay[at - 1])) continue;
    const after = hay[at + needle.length] ?? '';
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
