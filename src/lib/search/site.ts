/**
 * A search of the whole site, as the search page runs it: every year planned on its own stop
 * pairs and looked up once (./engine.ts), handed out newest year first or by relevance, counted,
 * and checked to the end for the recall harness.
 */
import { noFold, type Fold } from './fold';
import { planQuery, type QueryPlan } from './plan';
import { parseQuery, type Query } from './query';
import type { BundleList } from './bundles';
import type { PagefindResult } from './pagefind-files';
import { lookUpYear, verifyResults, type YearEngine, type YearLookup } from './engine';

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
  /**
   * The share of those expected to match at most: a term's share is at most its rarest pair's
   * (the pair table), which bounds an estimate made from the few checked so far.
   */
  scannedShare: number;
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
    let scannedExpected = 0;
    for (const { year, found, tally, plan } of all) {
      add('year', year, tally.yearTotal);
      for (const [name, values] of Object.entries(tally.totals ?? {})) for (const [value, n] of Object.entries(values)) add(name, value, n);
      if (chosen && year !== chosen) continue;
      candidates += found.results.length;
      if (found.scanned) {
        scanned += found.results.length;
        scannedExpected += found.results.length * plan.expected;
      }
    }
    const exact = all.every(({ plan }) => exactLookup(query, plan, fold));
    return { candidates, scanned, scannedShare: scanned ? scannedExpected / scanned : 1, exact, exactByFilter: exact && all.every(({ plan }) => plan.lookups.length === 1), byFilter };
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
