/**
 * The search engine of the search page, over Pagefind's JS API (only the parts used here, behind
 * an injectable interface): initialising it under the index's language, loading the chunks of
 * prefix words, searching a year by its plan, checking results against the whole query, and
 * handing them out newest year first.
 */
import { noFold, type Fold } from './fold';
import { planQuery, type QueryPlan } from './plan';
import { matchesParsed, parseQuery, type Query } from './query';
import { inScope, SCOPE_FILTER } from './scope';
import type { BundleList } from './bundles';
import { fetchIndexChunks, chunksForPrefix, scanBundles, type IndexChunk, type PagefindResult, type PagefindResultData } from './pagefind-files';
import { resultText } from './excerpt';
import { SEARCH_LANGUAGE } from './text';

export interface PagefindApi {
  init(): Promise<void>;
  options(o: Record<string, unknown>): Promise<void>;
  search(
    q: string | null,
    o?: { filters?: Record<string, string>; sort?: Record<string, string> },
  ): Promise<{ results: (PagefindResult & { score?: number })[]; filters?: Record<string, Record<string, number>> }>;
  /** Loads every filter index (Pagefind reports counts only for loaded filters) and returns the counts of all pages. */
  filters(): Promise<Record<string, Record<string, number>>>;
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

/** A Pagefind instance that has a year's bundles (and maybe other years': searches keep to the year by its filter). */
export interface YearEngine {
  pagefind: PagefindApi;
}

/**
 * Searches a year's bundles (their paths and tag, see BundleList) by `plan`: with words, through Pagefind (`engine`
 * gives an instance, initialised with `initPagefind`, that has the year's bundles; if it has other
 * years' too, the search keeps to the year by its filter), after loading the chunks of its
 * prefixes; with none, every report of the year (`scanBundles`), for the caller to check, filters
 * included (`verifyResults`). `filters` are the reader's, without the year.
 */
export async function searchYear(
  bundle: { year: string; bundles: readonly string[]; tag?: string },
  plan: QueryPlan,
  filters: Record<string, string>,
  engine: () => Promise<YearEngine>,
  fetchFn: typeof fetch = fetch,
): Promise<PagefindResult[]> {
  return (await lookUpYear(bundle, plan, filters, engine, fetchFn)).results;
}

/** A year's candidates for a query, and how to count them (`lookUpYear`). */
export interface YearLookup {
  results: PagefindResult[];
  /** True when the year's reports are all candidates (checked one by one): no Pagefind lookup. */
  scanned: boolean;
  /**
   * The year's candidates without the reader's filters (a place's area still applies), in all and
   * by filter value (province, level) summed over the lookups; asked after the first results, as
   * it loads every filter index of the year.
   */
  tally(): Promise<{ yearTotal: number; totals?: Record<string, Record<string, number>> }>;
}

const united = (found: { results: (PagefindResult & { score?: number })[] }[]): PagefindResult[] => {
  if (found.length === 1) return found[0].results;
  const byId = new Map<string, PagefindResult & { score?: number }>();
  for (const r of found.flatMap((f) => f.results)) if (!byId.has(r.id) || (r.score ?? 0) > (byId.get(r.id)!.score ?? 0)) byId.set(r.id, r);
  return [...byId.values()].sort((a, b) => (b.score ?? 0) - (a.score ?? 0));
};

/**
 * `searchYear` with how to count: each lookup of the plan through Pagefind, their results united
 * (by relevance when there are several: `a OR b`), or every report of the year.
 */
export async function lookUpYear(
  { year, bundles: paths, tag }: { year: string; bundles: readonly string[]; tag?: string },
  plan: QueryPlan,
  filters: Record<string, string>,
  engine: () => Promise<YearEngine>,
  fetchFn: typeof fetch = fetch,
): Promise<YearLookup> {
  if (!plan.lookups.length) {
    const results = await scanBundles(paths, fetchFn, plan.expected, tag);
    return { results, scanned: true, tally: async () => ({ yearTotal: results.length }) };
  }
  const { pagefind } = await engine();
  if (plan.prefixes.length) {
    const chunks = (await Promise.all(paths.map((path) => fetchIndexChunks(path, fetchFn, tag)))).flat();
    await preloadPrefixes(pagefind, chunks, plan.prefixes);
  }
  const run = (words: string[], f: Record<string, string>) => pagefind.search(words.join(' '), Object.keys(f).length ? { filters: f } : undefined);
  // Always by the year's filter: the one instance may hold other years, and years are searched at once by relevance.
  const own: Record<string, string> = { year };
  // A place's area narrows the counts too; the reader's other filters do not (each option is counted).
  if (filters[SCOPE_FILTER]) own[SCOPE_FILTER] = filters[SCOPE_FILTER];
  const found = await Promise.all(plan.lookups.map((words) => run(words, { ...own, ...filters })));
  const tally = async () => {
    // Pagefind counts results by the filters it has loaded only.
    await pagefind.filters();
    const unfiltered = await Promise.all(plan.lookups.map((words) => run(words, own)));
    const totals: Record<string, Record<string, number>> = {};
    for (const f of unfiltered) {
      for (const [name, values] of Object.entries(f.filters ?? {})) {
        if (name === 'year' || name === SCOPE_FILTER) continue;
        for (const [value, n] of Object.entries(values)) (totals[name] ??= {})[value] = (totals[name][value] ?? 0) + n;
      }
    }
    return { yearTotal: united(unfiltered).length, totals };
  };
  return { results: united(found), scanned: false, tally };
}

/**
 * Loads the data of `results` (`batch` at a time, in parallel) and keeps, in order, those whose
 * text contains every term of the query and that have the reader's `filters`, handing each to
 * `onKept` as soon as it and all before it are checked. Stops once `limit` results are kept (the
 * page can ask for the next screenful later by calling again with the rest).
 */
export async function verifyResults(
  results: readonly PagefindResult[],
  raw: string | Query,
  {
    batch = 20,
    limit = Infinity,
    filters = {},
    fold = noFold,
    scope,
    onKept,
    onChecked,
  }: {
    batch?: number;
    limit?: number;
    filters?: Record<string, string>;
    /** A place id: only its reports and its subdivisions' are kept (./scope.ts). */
    scope?: string;
    /** The fold the index was made with (./fold.ts): the query is compared folded. */
    fold?: Fold;
    onKept?: (d: PagefindResultData) => void;
    /** Every result checked, with whether it was kept. */
    onChecked?: (d: PagefindResultData, kept: boolean) => void;
  } = {},
): Promise<{ kept: PagefindResultData[]; checked: number }> {
  const kept: PagefindResultData[] = [];
  let checked = 0;
  const query = typeof raw === 'string' ? parseQuery(raw) : raw;
  const filtered = (d: PagefindResultData) => Object.entries(filters).every(([k, v]) => d.filters[k]?.includes(v)) && (!scope || inScope(d.url, scope));
  while (checked < results.length && kept.length < limit) {
    const loading = results.slice(checked, checked + batch).map((r) => r.data());
    for (const next of loading) {
      const d = await next;
      checked++;
      const keep = kept.length < limit && filtered(d) && matchesParsed(resultText(d), query, fold);
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
  /** The fold the index was made with (./fold.ts); the identity if the page could not load it. */
  fold?: Fold;
  engine(year: string, bundles: readonly string[], tag?: string): Promise<YearEngine>;
}

/** The orders a reader can ask for: newest year first (the default), or by relevance. */
export type SearchOrder = 'newest' | 'relevance';

/** A search of the whole site: its results in the reader's order, and how many there are. */
export interface SiteSearch {
  query: Query;
  results: ResultStream;
  /** Counts every year's candidates (`countSite`); searches the years not searched yet. */
  count(): Promise<SiteCount>;
}

/** How many reports a search finds, before they are checked (`SiteSearch.count`). */
export interface SiteCount {
  /** Candidates with the reader's filters. */
  candidates: number;
  /** Of which from years checked one by one (all their reports are candidates). */
  scanned: number;
  /** True when the candidates are exactly the reports that match (see `exactLookup`). */
  exact: boolean;
  /** True when `byFilter` is exact too (one lookup a year: alternatives are counted by value each). */
  exactByFilter: boolean;
  /** Candidates of the query by filter value, without the reader's filters (years checked one by one counted whole). */
  byFilter: Record<string, Record<string, number>>;
}

/**
 * True when a plan's lookups return exactly the reports that match the query, so they can be
 * counted without checking them: no excluded term, and each term a one- or two-character Chinese
 * term looked up by itself (a pair that is not a stop pair starts a word at each of its
 * occurrences, and only there: ./text.ts), in one lookup of all clauses or one lookup per
 * alternative of a single clause.
 */
export function exactLookup(q: Query, plan: QueryPlan, fold: Fold = noFold): boolean {
  if (q.excluded.length || !plan.lookups.length) return false;
  const self = (t: { text: string }) => /^\p{Script=Han}{1,2}$/u.test(fold(t.text));
  const words = (ts: { text: string }[]) => ts.map((t) => fold(t.text)).sort().join(' ');
  if (!q.clauses.every((c) => c.every(self))) return false;
  if (q.clauses.every((c) => c.length === 1)) return plan.lookups.length === 1 && words(q.clauses.flat()) === [...new Set(plan.lookups[0])].sort().join(' ') && new Set(q.clauses.flat().map((t) => fold(t.text))).size === plan.lookups[0].length;
  return q.clauses.length === 1 && plan.lookups.length === q.clauses[0].length && words(q.clauses[0]) === plan.lookups.map((l) => l.join(' ')).sort().join(' ');
}

/**
 * The search page's search of the whole site for what the reader typed, with the reader's
 * `filters`: each year planned on its own stop pairs (`planQuery`) and looked up once
 * (`lookUpYear`), handed out newest year first (`searchNewestFirst`) or, by relevance, all years
 * at once by Pagefind's score (years checked one by one after, newest first). Candidates, to be
 * checked by `verifyResults`; `count` counts them all.
 */
export function searchSite(raw: string, filters: Record<string, string>, site: SiteIndex, order: SearchOrder = 'newest'): SiteSearch {
  const query = parseQuery(raw);
  const fold = site.fold ?? noFold;
  const { year: chosen, ...rest } = filters;
  const plans = new Map<string, Promise<QueryPlan>>();
  const planOf = (year: string) => plans.get(year) ?? plans.set(year, site.stops(year).then((stop) => planQuery(query, stop, site.shares, fold))).get(year)!;
  const looked = new Map<string, Promise<YearLookup>>();
  const lookUp = (year: string): Promise<YearLookup> => {
    if (!looked.has(year)) {
      const { bundles: paths, tag } = site.years.find((y) => String(y.year) === year)!;
      looked.set(year, planOf(year).then((plan) => lookUpYear({ year, bundles: paths, tag }, plan, rest, () => site.engine(year, paths, tag))));
    }
    return looked.get(year)!;
  };
  const years = site.years.map((y) => String(y.year)).sort((a, b) => Number(b) - Number(a));
  const searched = years.filter((y) => !chosen || y === chosen);
  const results =
    order === 'relevance'
      ? searchNewestFirst(
          [{ year: searched[0] ?? '', search: () => rankAll(searched.map(lookUp)) }],
          {},
        )
      : searchNewestFirst(
          searched.map((year) => ({ year, search: async () => (await lookUp(year)).results })),
          {},
        );
  const count = async (): Promise<SiteCount> => {
    const all = await Promise.all(
      years.map(async (year) => {
        const found = await lookUp(year);
        return { year, plan: await planOf(year), found, tally: await found.tally() };
      }),
    );
    const byFilter: SiteCount['byFilter'] = {};
    const add = (name: string, value: string, n: number) => ((byFilter[name] ??= {})[value] = (byFilter[name][value] ?? 0) + n);
    let candidates = 0;
    let scanned = 0;
    for (const { year, found, tally } of all) {
      add('year', year, tally.yearTotal);
      for (const [name, values] of Object.entries(tally.totals ?? {})) for (const [value, n] of Object.entries(values)) add(name, value, n);
      if (chosen && year !== chosen) continue;
      candidates += found.results.length;
      if (found.scanned) scanned += found.results.length;
    }
    const exact = all.every(({ plan }) => exactLookup(query, plan, fold));
    return { candidates, scanned, exact, exactByFilter: exact && all.every(({ plan }) => plan.lookups.length === 1), byFilter };
  };
  return { query, results, count };
}

/** Candidates of every year by Pagefind's score; those of years checked one by one after, newest first. */
async function rankAll(years: Promise<YearLookup>[]): Promise<PagefindResult[]> {
  const found = await Promise.all(years);
  const scored = found.filter((f) => !f.scanned).flatMap((f) => f.results as (PagefindResult & { score?: number })[]);
  return [...scored.sort((a, b) => (b.score ?? 0) - (a.score ?? 0)), ...found.filter((f) => f.scanned).flatMap((f) => f.results)];
}

/** A result of `allResults`: its page and whether the page shows it. */
export interface CheckedResult {
  url: string;
  kept: boolean;
  /** Its filter values (year, province, level), for counting. */
  filters: Record<string, string[]>;
}

/**
 * Every candidate of a search, checked `batch` at a time as the page checks a screenful
 * (`verifyResults`): what a reader is shown by paging to the end, in one call, with the candidates
 * the check dropped. Keeps only URLs, so it holds at any size of site.
 */
export async function allResults(stream: ResultStream, raw: string | Query, filters: Record<string, string>, batch = 40, fold: Fold = noFold, scope?: string): Promise<CheckedResult[]> {
  const out: CheckedResult[] = [];
  for (let next = await stream.take(batch); next.length; next = await stream.take(batch)) {
    await verifyResults(next, raw, { filters, batch, fold, scope, onChecked: (d, kept) => out.push({ url: d.url, kept, filters: d.filters }) });
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
