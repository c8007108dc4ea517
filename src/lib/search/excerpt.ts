/**
 * What the search page shows of a result: its readable text, its sections and an excerpt around
 * the query, made from the text itself (Pagefind's own excerpts are made of its index words).
 */
import { noFold, ORIGINAL_TEXT_META, type Fold } from './fold';
import type { PagefindResultData } from './pagefind-files';
import { findTerm, parseQuery, positiveTerms } from './query';
import { textFromPairs } from './text';

/** The readable text of a result as indexed (folded to Simplified, ./fold.ts), from the pairs Pagefind stores (./text.ts). */
export const resultText = (d: Pick<PagefindResultData, 'content'>): string => textFromPairs(d.content);

/** The readable text of a result in the report's own characters (the same length as `resultText`). */
export const resultShown = (d: Pick<PagefindResultData, 'content' | 'meta'>): string => d.meta?.[ORIGINAL_TEXT_META] ?? resultText(d);

/**
 * The part of `shown` (a result's own text) that `folded` (a piece of its folded text) is: the
 * folded text is found in the fold of `shown`, position for position; `folded` itself if not.
 */
export function shownPart(shown: string, folded: string, fold: Fold, from = 0): string {
  if (!folded || shown === folded) return folded;
  const at = fold(shown).indexOf(folded, from);
  return at < 0 ? folded : shown.slice(at, at + folded.length);
}

/** A section of a result's page: its heading, link and readable text (folded, for matching; `shown`, its own characters). */
export interface ResultSection {
  title: string;
  url: string;
  text: string;
  shown: string;
}

/**
 * The sections of a result (its headings with ids), each with its title, link and whole text, read
 * from the stored words between its heading and the next; the search page shows those that
 * contain the query.
 */
export function resultSections(d: Pick<PagefindResultData, 'url' | 'content' | 'anchors'> & { meta?: Record<string, string> }, fold: Fold = noFold): ResultSection[] {
  const words = d.content.split(' ');
  const anchors = [...d.anchors].sort((a, b) => a.location - b.location);
  const shown = d.meta?.[ORIGINAL_TEXT_META];
  return anchors.map((a, i) => {
    const title = textFromPairs(a.text);
    const text = textFromPairs(words.slice(a.location, anchors[i + 1]?.location ?? words.length).join(' '));
    return {
      title: shown ? shownPart(shown, title, fold) : title,
      url: `${d.url.replace(/[?#].*$/, '')}#${a.id}`,
      text,
      shown: shown ? shownPart(shown, text, fold) : text,
    };
  });
}

/**
 * The forms of the query's terms in `shown` (a result's own text), for the report page to
 * highlight: 行政復議 where the reader typed 行政复议. The terms as typed come first.
 */
export function highlightTerms(shown: string, raw: string, fold: Fold = noFold): string[] {
  const terms = positiveTerms(parseQuery(raw)).map((t) => t.text);
  const forms = new Set(terms);
  for (const term of terms) {
    for (let at = findTerm(shown, term, fold), n = 0; at >= 0 && n < 3; at = findTerm(shown, term, fold, at + 1), n++) forms.add(shown.slice(at, at + term.length));
  }
  return [...forms];
}

/** A piece of an excerpt: plain text, or a match of a query term to highlight. */
export interface ExcerptPart {
  text: string;
  match: boolean;
}

/**
 * An excerpt of `source` (a result's own text) around the first match of the query, with every
 * match of every term to include marked, built from the text itself: Pagefind's own excerpts are
 * made of its index words (行政 政复), not what the reader typed. Matches are found folded
 * (`fold`), so 行政復議 is marked for 行政复议.
 */
export function excerptFor(source: string, raw: string, radius = 40, fold: Fold = noFold): ExcerptPart[] {
  const text = source.replace(/\s+/g, ' ');
  const terms = positiveTerms(parseQuery(raw)).map((t) => t.text);
  const matches: [number, number][] = [];
  for (const term of terms) {
    for (let at = findTerm(text, term, fold); at >= 0; at = findTerm(text, term, fold, at + 1)) matches.push([at, at + term.length]);
  }
  if (!matches.length) return [{ text: text.slice(0, radius * 2), match: false }];
  matches.sort((a, b) => a[0] - b[0] || b[1] - a[1]);
  const first = matches[0][0];
  const start = Math.max(0, first - radius);
  const end = Math.min(text.length, first + radius * 2);
  const parts: ExcerptPart[] = [];
  let last = start;
  for (const [from, to] of matches) {
    if (from < last || from >= end) continue;
    if (from > last) parts.push({ text: text.slice(last, from), match: false });
    parts.push({ text: text.slice(from, Math.min(to, end)), match: true });
    last = Math.min(to, end);
  }
  if (last < end) parts.push({ text: text.slice(last, end), match: false });
  if (start > 0) parts.unshift({ text: '…', match: false });
  if (end < text.length) parts.push({ text: '…', match: false });
  return parts;
}
