/**
 * The search page: reads `?q=` and filters from the URL (so a search can be shared), queries
 * Pagefind's JS API, and renders results with highlighted excerpts and per-section sub-results.
 */
import { t } from '../strings';
import { initPagefind, verifyResults, type PagefindApi, type YearEngine } from '../lib/search/engine';
import { allResults, SEARCH_HANDLE_EVENT, searchSite, type SearchHandle, type SiteIndex } from '../lib/search/site';
import { planQuery } from '../lib/search/plan';
import { describeQuery, normalizeQuery, parseQuery } from '../lib/search/query';
import { FOLD_TABLE_PATH, makeFold, noFold, type FoldTable } from '../lib/search/fold';
import { renderResult } from './search-result';
import { showCounts, tally } from './search-counts';
import { areaOf, isPlaceId, SCOPE_FILTER } from '../lib/search/scope';
import { BASE, placeDataUrl, placeUrl, withBase } from '../lib/urls';
import { PAIR_TABLE_PATH, pairShares, type PairTable } from '../lib/search/pairs';
import { SEARCH_LANGUAGE } from '../lib/search/text';
import { BUNDLE_LIST_ID, stopListPairs, type BundleList } from '../lib/search/bundles';

/** A year's stop pairs (src/lib/search/indexer.ts); none if they cannot be loaded, which only makes the search heavier. */
const loadStops = (path: string): Promise<Set<string>> =>
  fetch(path)
    .then(async (r) => new Set(r.ok ? stopListPairs(((await r.json()) as { pairs: string }).pairs) : []))
    .catch(() => new Set<string>());

const FILTERS = ['year', 'province', 'level'] as const;
const ORDERS = ['newest', 'relevance'] as const;
const FILTER_LABELS = { year: t.search.filterYear, province: t.search.filterProvince, level: t.search.filterLevel };
/** Characters of an ignored filter value shown back: enough to recognise it, too few to write a message with. */
const SHOWN_VALUE = 20;
const PAGE = 10;
// In the page, not a web worker: the runtime then fetches its wasm from the page, which has preloaded it.
// The index holds URLs from the site's root; `baseUrl` puts the site's base path (e.g. /fzbg/) before them.
const PAGEFIND_OPTIONS = { excerptLength: 40, noWorker: true, baseUrl: BASE };
/** Reports checked at most at once for a screenful. */
const MAX_BATCH = 40;

const $ = <T extends HTMLElement>(id: string) => document.getElementById(id) as T;

/**
 * One Pagefind instance for every year, so its runtime loads once: initialised from the first
 * year searched, with each later year's bundles merged in when that year is first searched.
 */
function pagefindEngine(): (year: string, bundles: readonly string[], tag?: string) => Promise<YearEngine> {
  let engine: Promise<PagefindApi> | undefined;
  const merged = new Map<string, Promise<void>>();
  return async (year, [first, ...rest], tag) => {
    const options = { ...PAGEFIND_OPTIONS, ...(tag ? { metaCacheTag: tag } : {}) };
    engine ??= (async () => {
      const pf = (await import(/* @vite-ignore */ `${first}pagefind.js`)) as PagefindApi;
      const loading = initPagefind(pf, options, document.documentElement, rest);
      for (const path of [first, ...rest]) merged.set(path, loading);
      await loading;
      return pf;
    })();
    const pagefind = await engine;
    await Promise.all(
      [first, ...rest].map((path) => merged.get(path) ?? merged.set(path, pagefind.mergeIndex(path, { ...options, language: SEARCH_LANGUAGE })).get(path)!),
    );
    return { pagefind };
  };
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

  // Each year's search bundles, newest year first (src/lib/search/bundles.ts), as the page lists
  // them; the page also preloads the newest year's stop pairs and the pair table. Without the
  // table every pair of a term is sent (more bytes, same results).
  const fieldset = $('search-filters');
  const listed = JSON.parse(document.getElementById(BUNDLE_LIST_ID)?.textContent ?? '{"years":[]}') as BundleList;
  const byYear = new Map(listed.years.map((y) => [String(y.year), y]));
  const years = [...byYear.keys()];
  const shares = fetch(withBase(PAIR_TABLE_PATH))
    .then(async (r) => (r.ok ? pairShares((await r.json()) as PairTable) : undefined))
    .catch(() => undefined);
  // Without the fold table only queries in Simplified characters find reports in either script.
  const folding = fetch(withBase(FOLD_TABLE_PATH))
    .then(async (r) => (r.ok ? makeFold(((await r.json()) as FoldTable).pairs) : noFold))
    .catch(() => noFold);
  // A year's stop pairs and its Pagefind instance, each loaded once, when first needed.
  const once = <T>(load: (year: string) => Promise<T>) => {
    const loaded = new Map<string, Promise<T>>();
    return (year: string) => loaded.get(year) ?? loaded.set(year, load(year)).get(year)!;
  };
  const stopsOf = once((year) => loadStops(byYear.get(year)!.stop));
  const engine = pagefindEngine();
  if (!years.length) {
    status.textContent = t.search.noIndex;
    return;
  }

  // Filter selects (their options are in the page), preselected from the URL. A value the page
  // does not offer (mistyped, edited, or made up) would hide every result: it is ignored, and the
  // page says so (as text: URL parameters are never markup).
  const filters: Record<string, string> = {};
  const ignored: string[] = [];
  for (const name of FILTERS) {
    const select = fieldset.querySelector<HTMLSelectElement>(`select[data-filter="${name}"]`)!;
    const wanted = params.get(name) ?? '';
    const known = wanted !== '' && [...select.options].some((o) => o.value === wanted);
    if (known) filters[name] = wanted;
    else if (wanted) {
      const chars = [...wanted];
      ignored.push(t.search.ignoredFilter(FILTER_LABELS[name], chars.length > SHOWN_VALUE ? `${chars.slice(0, SHOWN_VALUE).join('')}…` : wanted));
    }
    select.value = known ? wanted : '';
    select.addEventListener('change', () => select.form!.requestSubmit());
  }
  // The order, kept in the URL like the filters; anything else is the default, said so.
  const sortSelect = fieldset.querySelector<HTMLSelectElement>('select[name="sort"]')!;
  const wantedOrder = params.get('sort') ?? '';
  const order = (ORDERS as readonly string[]).includes(wantedOrder) ? (wantedOrder as (typeof ORDERS)[number]) : 'newest';
  if (wantedOrder && order !== wantedOrder) ignored.push(t.search.ignoredFilter(t.search.sort, [...wantedOrder].slice(0, SHOWN_VALUE).join('')));
  sortSelect.value = order;
  sortSelect.addEventListener('change', () => sortSelect.form!.requestSubmit());
  // Within one place and its subdivisions (`?place=`, from a place page): the place must exist.
  const scope = await placeScope(params.get('place') ?? '', ignored);
  if (scope) {
    filters[SCOPE_FILTER] = areaOf(scope.id);
    $<HTMLInputElement>('search-place').value = scope.id;
  }
  fieldset.hidden = false;
  if (ignored.length) {
    const notice = $('search-notice');
    notice.textContent = t.search.ignoredFilters(ignored);
    notice.hidden = false;
  }
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
  const fold = await folding;
  const query = parseQuery(q);
  // How the query was read, and what of it was not used (never dropped silently).
  const reading = $('search-reading');
  reading.textContent = t.search.readAs(describeQuery(query, t.search.reading));
  reading.hidden = !query.clauses.length;
  if (query.ignored.length) {
    const notice = $('search-notice');
    notice.textContent = [notice.hidden ? '' : notice.textContent, t.search.ignoredParts(query.ignored)].filter(Boolean).join(' ');
    notice.hidden = false;
  }
  if (!query.clauses.length) {
    status.textContent = t.search.none(q);
    help.hidden = false;
    return;
  }
  // Whether the first year needs Pagefind is known from its stop pairs alone: start loading it
  // while the pair table (which only picks among the indexed pairs) is still coming.
  const firstYear = filters.year && byYear.has(filters.year) ? filters.year : years[0];
  void stopsOf(firstYear).then((stop) => {
    const { bundles: paths, tag } = byYear.get(firstYear)!;
    if (planQuery(query, stop, undefined, fold).lookups.length) void engine(firstYear, paths, tag).catch(() => {});
  });
  // Pagefind alone misses and over-matches Chinese (see src/lib/search/engine.ts): each year is asked
  // for one indexed word of each term (or all its reports are checked), and only results that
  // contain the whole query are kept.
  const site: SiteIndex = { years: listed.years, stops: stopsOf, shares: await shares, fold, engine };
  const search = searchSite(q, filters, site, order);
  const results = search.results;
  // Checked so far: the share that matched steers both the batch size and the estimated total.
  let checkedAll = 0;
  let keptAll = 0;
  const keptFilters: { filters: Record<string, string[]> }[] = [];
  let found = 0;
  const showMore = async () => {
    let added = 0;
    let checked = 0;
    let shown = 0;
    more.disabled = true;
    list.setAttribute('aria-busy', 'true');
    try {
      while (added < PAGE) {
        // As many candidates as a screenful needs, by the share expected (reports checked one by
        // one) or found so far to contain the query: one round of fetches in most cases.
        const first = await results.take(PAGE - added);
        if (!first.length) break;
        const share = checked ? Math.max(added / checked, 0.05) : (first[0].expected ?? 1);
        const rest = share < 1 ? await results.take(Math.min(MAX_BATCH, Math.ceil((PAGE - added) / share)) - first.length, false) : [];
        // Each result is shown as soon as it is checked.
        const batch = await verifyResults([...first, ...rest], query, {
          filters,
          fold,
          scope: scope?.id,
          batch: MAX_BATCH,
          onKept: (d) => {
            list.append(renderResult(d, q, query, fold));
            keptFilters.push({ filters: d.filters });
            status.textContent = t.search.finding(found + ++shown, q);
          },
        });
        checkedAll += batch.checked;
        keptAll += batch.kept.length;
        added += batch.kept.length;
        checked += batch.checked;
      }
    } catch {
      status.textContent = t.search.noIndex;
      return;
    } finally {
      more.disabled = false;
      list.removeAttribute('aria-busy');
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
  const all = () => allResults(searchSite(q, filters, site, order).results, query, filters, MAX_BATCH, fold, scope?.id);
  void showCounts(search, {
    fieldset,
    share: () => (checkedAll ? keptAll / checkedAll : 1),
    filtered: Object.keys(filters).some((k) => k !== SCOPE_FILTER),
    allFound: () => (results.complete && results.pending === 0 ? { n: found, byFilter: tally(keptFilters) } : undefined),
    checkAll: async () => {
      const kept = (await all()).filter((r) => r.kept);
      return { n: kept.length, byFilter: tally(kept) };
    },
  });
  const handle: SearchHandle = { query: q, all };
  document.dispatchEvent(new CustomEvent(SEARCH_HANDLE_EVENT, { detail: handle }));
}

/**
 * The full name of the place `id` (already a well-formed id), from its open-data file, or from its
 * page's heading where the site publishes no open data; undefined when the site has no such place.
 */
async function placeName(id: string): Promise<string | undefined> {
  const fromData = await fetch(placeDataUrl(id))
    .then(async (r) => (r.ok ? ((await r.json()) as { place?: { fullName?: string } }).place?.fullName : undefined))
    .catch(() => undefined);
  if (fromData) return fromData;
  return fetch(placeUrl(id))
    .then(async (r) => (r.ok ? new DOMParser().parseFromString(await r.text(), 'text/html').querySelector('[data-place-name]')?.textContent?.trim() : undefined))
    .catch(() => undefined);
}

/**
 * The place a search is kept within, from `?place=<id>`: its id and name, read from the site (so
 * only a place the site has counts); a malformed or unknown id is ignored and said so.
 */
async function placeScope(id: string, ignored: string[]): Promise<{ id: string; name: string } | undefined> {
  if (!id) return undefined;
  const fullName = isPlaceId(id) ? await placeName(id) : undefined;
  const place = fullName ? { fullName } : undefined;
  if (!place?.fullName) {
    ignored.push(t.search.ignoredFilter(t.search.scopeLabel, [...id].slice(0, SHOWN_VALUE).join('')));
    return undefined;
  }
  const shown = $('search-scope');
  shown.querySelector('span')!.textContent = t.search.scope(place.fullName);
  shown.querySelector<HTMLAnchorElement>('a')!.href = `${location.pathname}?${new URLSearchParams([...new URLSearchParams(location.search)].filter(([k]) => k !== 'place'))}`;
  shown.hidden = false;
  return { id, name: place.fullName };
}
