/**
 * What the search page shows of a result: its readable text, its sections and an excerpt around
 * the query, made from the text itself (Pagefind's own excerpts are made of its index words).
 */
import type { PagefindResultData } from './pagefind-files';
import { queryTerms } from './plan';
import { textFromPairs } from './text';

/** The readable text of a result, from the pairs Pagefind stores (src/lib/search-text.ts). */
export const resultText = (d: Pick<PagefindResultData, 'content'>): string => textFromPairs(d.content);

/** A section of a result's page: its heading, link and readable text. */
export interface ResultSection {
  title: string;
  url: string;
  text: string;
}

/**
 * The sections of a result (its headings with ids), each with its title, link and whole text, read
 * from the stored words between its heading and the next; the search page shows those that
 * contain the query.
 */
export function resultSections(d: Pick<PagefindResultData, 'url' | 'content' | 'anchors'>): ResultSection[] {
  const words = d.content.split(' ');
  const anchors = [...d.anchors].sort((a, b) => a.location - b.location);
  return anchors.map((a, i) => ({
    title: textFromPairs(a.text),
    url: `${d.url.replace(/[?#].*$/, '')}#${a.id}`,
    text: textFromPairs(words.slice(a.location, anchors[i + 1]?.location ?? words.length).join(' ')),
  }));
}

/** A piece of an excerpt: plain text, or a match of a query term to highlight. */
export interface ExcerptPart {
  text: string;
  match: boolean;
}

/**
 * An excerpt of `text` (a result's readable text) around the first match of the query, with every
 * match of every term marked, built from the text itself: Pagefind's own excerpts are made of its
 * index words (行政 政复), not what the reader typed.
 */
export function excerptFor(source: string, raw: string, radius = 40): ExcerptPart[] {
  const text = source.replace(/\s+/g, ' ');
  const terms = queryTerms(raw).filter(Boolean);
  const lower = text.toLowerCase();
  const first = Math.min(...terms.map((t) => lower.indexOf(t.toLowerCase())).filter((i) => i >= 0));
  if (!Number.isFinite(first)) return [{ text: text.slice(0, radius * 2), match: false }];
  const start = Math.max(0, first - radius);
  const end = Math.min(text.length, first + radius * 2);
  const window = text.slice(start, end);
  const pattern = new RegExp(terms.map((t) => t.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')).join('|'), 'gi');
  const parts: ExcerptPart[] = [];
  let last = 0;
  for (const m of window.matchAll(pattern)) {
    if (m.index > last) parts.push({ text: window.slice(last, m.index), match: false });
    parts.push({ text: m[0], match: true });
    last = m.index + m[0].length;
  }
  if (last < window.length) parts.push({ text: window.slice(last), match: false });
  if (start > 0) parts.unshift({ text: '…', match: false });
  if (end < text.length) parts.push({ text: '…', match: false });
  return parts;
}
