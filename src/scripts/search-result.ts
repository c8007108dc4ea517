/**
 * One result of the search page as DOM nodes: its title link (with the terms as the report writes
 * them, for the report page to highlight), where and when, an excerpt with the matches marked, and
 * the sections that contain the query. Text only: no HTML from the index is trusted.
 */
import { t } from '../strings';
import { excerptFor, highlightTerms, resultSections, resultShown } from '../lib/search/excerpt';
import type { Fold } from '../lib/search/fold';
import type { PagefindResultData } from '../lib/search/pagefind-files';
import { matchesParsed, type Query } from '../lib/search/query';

/** A result's link, with the terms as the report writes them for the report page to highlight (Pagefind's highlighter, `highlight` parameter). */
function linkTo(url: string, terms: readonly string[]): string {
  const [path, hash] = url.replace(/\?[^#]*/, '').split('#');
  const params = new URLSearchParams(terms.map((term) => ['highlight', term]));
  return `${path}?${params}${hash ? `#${hash}` : ''}`;
}

/** The excerpt as text nodes and <mark>s: no HTML from the index is trusted. */
function excerptNode(text: string, q: string, fold: Fold, className: string): HTMLParagraphElement {
  const p = document.createElement('p');
  p.className = className;
  for (const part of excerptFor(text, q, 40, fold)) {
    if (part.match) {
      const mark = document.createElement('mark');
      mark.textContent = part.text;
      p.append(mark);
    } else p.append(part.text);
  }
  return p;
}

export function renderResult(d: PagefindResultData, q: string, query: Query, fold: Fold): HTMLLIElement {
  const shown = resultShown(d);
  const li = document.createElement('li');
  li.className = 'search-result border-b border-line pb-4';
  const h = document.createElement('h2');
  h.className = 'text-lg font-bold';
  const a = document.createElement('a');
  a.href = linkTo(d.url, highlightTerms(shown, q, fold));
  a.textContent = d.meta.title ?? d.url;
  h.append(a);
  const meta = document.createElement('p');
  meta.className = 'text-sm text-muted';
  meta.textContent = [d.meta.place, d.filters.year?.[0] && t.date.reportYear(Number(d.filters.year[0]))].filter(Boolean).join(' · ');
  li.append(h, meta, excerptNode(shown, q, fold, 'search-excerpt mt-1'));
  // Sections that really contain the query.
  const subs = resultSections(d, fold)
    .filter((s) => matchesParsed(s.text, query, fold))
    .slice(0, 3);
  if (subs.length) {
    const ul = document.createElement('ul');
    ul.className = 'mt-2 space-y-1 border-l-2 border-line pl-3 text-sm';
    for (const s of subs) {
      const sli = document.createElement('li');
      const sa = document.createElement('a');
      sa.href = linkTo(s.url, highlightTerms(s.shown, q, fold));
      sa.textContent = s.title;
      sli.append(sa, excerptNode(s.shown, q, fold, 'search-excerpt'));
      ul.append(sli);
    }
    li.append(ul);
  }
  return li;
}
