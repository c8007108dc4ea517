/**
 * The search page: reads `?q=` and filters from the URL (so a search can be shared), queries
 * Pagefind's JS API, and renders results with highlighted excerpts and per-section sub-results.
 */
import { t } from '../strings';
import {
  fetchIndexChunks,
  initPagefind,
  normalizeQuery,
  pagefindQuery,
  preloadPrefixChunks,
  searchNewestFirst,
  singleCharacterTerms,
  verifyResults,
  excerptFor,
  matchesQuery,
  type PagefindApi,
  type PagefindResultData,
  type YearBundle,
} from '../lib/search-query';
import { PAIR_TABLE_PATH, pairShares, type PairTable } from '../lib/search-pairs';
import { bundlePath } from '../lib/shards';

const FILTERS = ['year', 'province', 'level'] as const;
const PAGE = 10;

const $ = <T extends HTMLElement>(id: string) => document.getElementById(id) as T;

/** Loads and initialises one year's search bundle; undefined if it cannot be loaded. */
async function loadPagefind(year: string): Promise<PagefindApi | undefined> {
  try {
    // Each bundle's pagefind.js is its own module, so each year is an independent instance.
    const pf = (await import(/* @vite-ignore */ `${bundlePath(year)}pagefind.js`)) as PagefindApi;
    await initPagefind(pf, { highlightParam: 'highlight', excerptLength: 40 }, document.documentElement);
    return pf;
  } catch {
    return undefined;
  }
}

/** The excerpt as text nodes and <mark>s: no HTML from the index is trusted. */
function excerptNode(text: string, q: string, className: string): HTMLParagraphElement {
  const p = document.createElement('p');
  p.className = className;
  for (const part of excerptFor(text, q)) {
    if (part.match) {
      const mark = document.createElement('mark');
      mark.textContent = part.text;
      p.append(mark);
    } else p.append(part.text);
  }
  return p;
}

function renderResult(d: PagefindResultData, q: string): HTMLLIElement {
  const li = document.createElement('li');
  li.className = 'search-result border-b border-gray-200 pb-4';
  const h = document.createElement('h2');
  h.className = 'text-lg font-bold';
  const a = document.createElement('a');
  a.href = d.url;
  a.textContent = d.meta.title ?? d.url;
  h.append(a);
  const meta = document.createElement('p');
  meta.className = 'text-sm text-muted';
  meta.textContent = [d.meta.place, d.filters.year?.[0] && `${d.filters.year[0]}年度`].filter(Boolean).join(' · ');
  li.append(h, meta, excerptNode(d.content, q, 'search-excerpt mt-1'));
  // Sections that really contain the query; Pagefind's section excerpt is HTML, only its text is used.
  const subs = d.sub_results
    .filter((s) => s.url !== d.url && s.url.includes('#'))
    .map((s) => ({ ...s, text: new DOMParser().parseFromString(s.excerpt, 'text/html').body.textContent ?? '' }))
    .filter((s) => matchesQuery(s.text, q))
    .slice(0, 3);
  if (subs.length) {
    const ul = document.createElement('ul');
    ul.className = 'mt-2 space-y-1 border-l-2 border-gray-200 pl-3 text-sm';
    for (const s of subs) {
      const sli = document.createElement('li');
      const sa = document.createElement('a');
      sa.href = s.url;
      sa.textContent = s.title;
      sli.append(sa, excerptNode(s.text, q, 'search-excerpt'));
      ul.append(sli);
    }
    li.append(ul);
  }
  return li;
}

export async function runSearchPage(): Promise<void> {
  const params = new URLSearchParams(location.search);
  const q = normalizeQuery(params.get('q') ?? '');
  const input = $<HTMLInputElement>('search-q');
  const status = $('search-status');
  const list = $('search-results');
  const more = $<HTMLButtonElement>('search-more');
  const help = $('search-help');
  input.value = q;

  // The years of the year filter, newest first: one search bundle each. The newest one starts
  // loading now, beside the pair table; without the table every pair of a term is sent (more
  // bytes, same results).
  const fieldset = $('search-filters');
  const yearOptions = [...fieldset.querySelectorAll<HTMLOptionElement>('select[data-filter="year"] option')].map((o) => o.value).filter(Boolean);
  const years = yearOptions.sort((a, b) => Number(b) - Number(a));
  const chosenYear = params.get('year');
  const opened = new Map<string, Promise<PagefindApi | undefined>>();
  const open = (year: string) => opened.get(year) ?? opened.set(year, loadPagefind(year)).get(year)!;
  const first = chosenYear && years.includes(chosenYear) ? chosenYear : years[0];
  const shares = fetch(PAIR_TABLE_PATH)
    .then(async (r) => (r.ok ? pairShares((await r.json()) as PairTable) : undefined))
    .catch(() => undefined);
  if (!first || !(await open(first))) {
    status.textContent = t.search.noIndex;
    return;
  }

  // Filter selects (their options are in the page), preselected from the URL.
  for (const name of FILTERS) {
    const select = fieldset.querySelector<HTMLSelectElement>(`select[data-filter="${name}"]`)!;
    select.value = params.get(name) ?? '';
    select.addEventListener('change', () => select.form!.requestSubmit());
  }
  fieldset.hidden = false;
  $('clear-filters').addEventListener('click', (e) => {
    e.preventDefault();
    location.href = `${location.pathname}?q=${encodeURIComponent(q)}`;
  });

  if (!q) {
    status.textContent = t.search.empty;
    input.focus();
    return;
  }
  status.textContent = t.search.searching;
  const filters: Record<string, string> = {};
  for (const name of FILTERS) if (params.get(name)) filters[name] = params.get(name)!;
  // Pagefind alone misses and over-matches Chinese (see src/lib/search-query.ts): query a character
  // pair of each term, preload the chunks a one-character query needs, and keep only results that contain it.
  const oneCharacter = singleCharacterTerms(q).length > 0;
  const bundles: YearBundle[] = years.map((year) => ({
    year,
    async open() {
      const pagefind = await open(year);
      if (!pagefind) throw new Error(`search bundle ${bundlePath(year)} did not load`);
      if (oneCharacter) await preloadPrefixChunks(pagefind, await fetchIndexChunks(bundlePath(year)), q);
      return pagefind;
    },
  }));
  const results = searchNewestFirst(bundles, pagefindQuery(q, await shares), filters);
  let found = 0;
  const showMore = async () => {
    let added = 0;
    more.disabled = true;
    try {
      while (added < PAGE) {
        const next = await results.take(PAGE);
        if (!next.length) break;
        const batch = await verifyResults(next, q);
        for (const d of batch.kept) list.append(renderResult(d, q));
        added += batch.kept.length;
      }
    } catch {
      status.textContent = t.search.noIndex;
      return;
    } finally {
      more.disabled = false;
    }
    found += added;
    const done = results.complete && results.pending === 0;
    more.hidden = done;
    if (found === 0 && done) {
      status.textContent = t.search.none(q);
      help.hidden = false;
    } else {
      status.textContent = done ? t.search.count(found, q) : t.search.countSoFar(found, q, results.searchedTo!);
    }
  };
  more.addEventListener('click', showMore);
  await showMore();
}
