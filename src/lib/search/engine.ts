/**
 * The search engine of the search page, over Pagefind's JS API (only the parts used here, behind
 * an injectable interface): initialising it under the index's language, loading the chunks of
 * prefix words, searching a year by its plan, checking results against the whole query, and
 * handing them out newest year first.
 */
import { matchesQuery, planQuery, type QueryPlan } from './plan';
import type { BundleList } from './bundles';
import { fetchIndexChunks, chunksForPrefix, scanBundles, type IndexChunk, type PagefindResult, type PagefindResultData } from './pagefind-files';
import { resultText } from './excerpt';
import { SEARCH_LANGUAGE } from './text';

export interface PagefindApi {
  init(): Promise<void>;
  options(o: Record<string, unknown>): Promise<void>;
  search(q: string | null, o?: { filters?: Record<string, string>; sort?: Record<string, string> }): Promise<{ results: PagefindResult[] }>;
  preload(q: string): Promise<void>;
  mergeIndex(path: string, o?: Record<string, unknown>): Promise<void>;
}

/**
 * Initialises Pagefind for `pagefindQuery`. Pagefind reads `<html lang>` once, synchronously, when
 * it initialises, to pick the index and decide whether to segment queries; the page's language is
 * set to the index's (SEARCH_LANGUAGE, which Pagefind does not segment) for that instant only and
 * restored before anything else runs, so assistive technology and CSS never see it. Then merges
 * the other search bundles (`merge`: their base paths), under the same language. Call before any
 * other Pagefind call.
 */
export async function initPagefind(pagefind: PagefindApi, options: Record<string, unknown>, html: { lang: string }, merge: readonly string[] = []): Promise<void> {
  await pagefind.options(options);
  const lang = html.lang;
  html.lang = SEARCH_LANGUAGE;
  let ready: Promise<unknown>;
  try {
    // The other bundles load beside the first, each told the language outright.
    ready = Promise.all([pagefind.init(), ...merge.map((path) => pagefind.mergeIndex(path, { ...options, language: SEARCH_LANGUAGE }))]);
  } finally {
    html.lang = lang;
  }
  await ready;
}

/**
 * Loads every index chunk that may hold a word starting with one of `prefixes`:
 * `pagefind.preload(chunk.from)` loads the chunk whose range holds its own first word, and Pagefind
 * then searches every loaded chunk. Works around Pagefind issue #795 (it loads only the chunk whose
 * range holds the word itself). `chunks` comes from `metaChunks` (`fetchIndexChunks`). Returns how
 * many chunks were asked for.
 */
export async function preloadPrefixes(pagefind: PagefindApi, chunks: readonly IndexChunk[], prefixes: readonly string[]): Promise<number> {
  const froms = new Set(prefixes.flatMap((p) => chunksForPrefix(chunks, p).map((c) => c.from)));
  await Promise.all([...froms].map((f) => pagefind.preload(f)));
  return froms.size;
}

/** A Pagefind instance that has a year's bundles, and whether it has other years' too. */
export interface YearEngine {
  pagefind: PagefindApi;
  otherYears: boolean;
}

/**
 * Searches a year's bundles (their paths and tag, see BundleList) by `plan`: with words, through Pagefind (`engine`
 * gives an instance, initialised with `initPagefind`, that has the year's bundles; if it has other
 * years' too, the search keeps to the year by its filter), after loading the chunks of its
 * prefixes; with none, every report of the year (`scanBundles`), for the caller to check, filters
 * included (`verifyResults`). `filters` are the reader's, without the year.
 */
export async function searchYear(
  { year, bundles: paths, tag }: { year: string; bundles: readonly string[]; tag?: string },
  plan: QueryPlan,
  filters: Record<string, string>,
  engine: () => Promise<YearEngine>,
  fetchFn: typeof fetch = fetch,
): Promise<PagefindResult[]> {
  if (!plan.words.length) return scanBundles(paths, fetchFn, plan.expected, tag);
  const { pagefind, otherYears } = await engine();
  if (plan.prefixes.length) {
    const chunks = (await Promise.all(paths.map((path) => fetchIndexChunks(path, fetchFn, tag)))).flat();
    await preloadPrefixes(pagefind, chunks, plan.prefixes);
  }
  const all = otherYears ? { ...filters, year } : filters;
  return (await pagefind.search(plan.words.join(' '), Object.keys(all).length ? { filters: all } : undefined)).results;
}

/**
 * Loads the data of `results` (`batch` at a time, in parallel) and keeps, in order, those whose
 * text contains every term of the query and that have the reader's `filters`, handing each to
 * `onKept` as soon as it and all before it are checked. Stops once `limit` results are kept (the
 * page can ask for the next screenful later by calling again with the rest).
 */
export async function verifyResults(
  results: readonly PagefindResult[],
  raw: string,
  {
    batch = 20,
    limit = Infinity,
    filters = {},
    onKept,
    onChecked,
  }: {
    batch?: number;
    limit?: number;
    filters?: Record<string, string>;
    onKept?: (d: PagefindResultData) => void;
    /** Every result checked, with whether it was kept. */
    onChecked?: (d: PagefindResultData, kept: boolean) => void;
  } = {},
): Promise<{ kept: PagefindResultData[]; checked: number }> {
  const kept: PagefindResultData[] = [];
  let checked = 0;
  const filtered = (d: PagefindResultData) => Object.entries(filters).every(([k, v]) => d.filters[k]?.includes(v));
  while (checked < results.length && kept.length < limit) {
    const loading = results.slice(checked, checked + batch).map((r) => r.data());
    for (const next of loading) {
      const d = await next;
      checked++;
      const keep = kept.length < limit && filtered(d) && matchesQuery(resultText(d), raw);
      if (keep) {
        kept.push(d);
        onKept?.(d);
      }
      onChecked?.(d, keep);
    }
  }
  return { kept: kept.slice(0, limit === Infinity ? undefined : limit), checked };
}

/** One year's search bundles (src/lib/search-bundles.ts), loaded on first use. */
export interface YearBundle {
  year: string;
  /** Searches the year for the query with the reader's `filters` (not the year): results in Pagefind's order. */
  search(filters: Record<string, string>): Promise<PagefindResult[]>;
}

/** A search's results in reading order, handed out a screenful at a time. */
export interface ResultStream {
  /** Results searched but not yet handed out. */
  readonly pending: number;
  /** True once every year to search has been searched. */
  readonly complete: boolean;
  /** The oldest year searched so far. */
  readonly searchedTo: string | undefined;
  /**
   * The next `n` results, from the year being searched: a next year is searched only once the
   * results of the years before it are all handed out (and, with `openNext` false, not at all).
   * Fewer (or none) once all are handed out.
   */
  take(n: number, openNext?: boolean): Promise<PagefindResult[]>;
}

/**
 * Hands out a search's results newest year first, in Pagefind's order (relevance) within a year.
 * Each year is searched only when the reader pages on to it: a first query loads the index of the
 * newest year alone, which keeps it small and quick on a site of any size. A chosen year filter
 * picks that year; the other filters are passed on.
 */
export function searchNewestFirst(bundles: readonly YearBundle[], filters: Record<string, string>): ResultStream {
  const { year, ...rest } = filters;
  const order = bundles.filter((b) => !year || b.year === year).sort((a, b) => Number(b.year) - Number(a.year));
  const queue: PagefindResult[] = [];
  let next = 0;
  return {
    get pending() {
      return queue.length;
    },
    get complete() {
      return next >= order.length;
    },
    get searchedTo() {
      return next ? order[next - 1].year : undefined;
    },
    async take(n, openNext = true) {
      while (openNext && !queue.length && next < order.length) queue.push(...(await order[next++].search(rest)));
      return queue.splice(0, n);
    },
  };
}

/** The site's search index as the page loads it: each year's bundles, and a year's stop pairs and Pagefind instance, each loaded once. */
export interface SiteIndex {
  years: BundleList['years'];
  stops(year: string): Promise<ReadonlySet<string>>;
  /** The pair table's shares; without it every pair of a term is sent (more bytes, same results). */
  shares?: ReadonlyMap<string, number>;
  engine(year: string, bundles: readonly string[], tag?: string): Promise<YearEngine>;
}

/**
 * The search page's search of the whole site for what the reader typed, with the reader's
 * `filters`: each year planned on its own stop pairs (`planQuery`), searched by `searchYear`, and
 * handed out newest year first (`searchNewestFirst`). Candidates, to be checked by `verifyResults`.
 */
export function searchSite(raw: string, filters: Record<string, string>, site: SiteIndex): ResultStream {
  const bundles = site.years.map(({ year, bundles: paths, tag }): YearBundle => ({
    year: String(year),
    async search(rest) {
      const plan = planQuery(raw, await site.stops(String(year)), site.shares);
      return searchYear({ year: String(year), bundles: paths, tag }, plan, rest, () => site.engine(String(year), paths, tag));
    },
  }));
  return searchNewestFirst(bundles, filters);
}

/** A result of `allResults`: its page and whether the page shows it. */
export interface CheckedResult {
  url: string;
  kept: boolean;
}

/**
 * Every candidate of a search, checked `batch` at a time as the page checks a screenful
 * (`verifyResults`): what a reader is shown by paging to the end, in one call, with the candidates
 * the check dropped. Keeps only URLs, so it holds at any size of site.
 */
export async function allResults(stream: ResultStream, raw: string, filters: Record<string, string>, batch = 40): Promise<CheckedResult[]> {
  const out: CheckedResult[] = [];
  for (let next = await stream.take(batch); next.length; next = await stream.take(batch)) {
    await verifyResults(next, raw, { filters, batch, onChecked: (d, kept) => out.push({ url: d.url, kept }) });
  }
  return out;
}

/**
 * The event on `document` by which the search page, once its first screenful is shown, hands its
 * search to a measuring harness (bench/search.ts, which listens from before the page loads; a
 * reader's page has no listener): recall is measured through the page itself, not a copy of it.
 */
export const SEARCH_HANDLE_EVENT = 'fazhi:search';

/** The `detail` of SEARCH_HANDLE_EVENT. */
export interface SearchHandle {
  /** The query as the page normalised it. */
  query: string;
  /** Every result of the query as the page lists them, by a fresh search (`allResults`). */
  all(): Promise<CheckedResult[]>;
}
