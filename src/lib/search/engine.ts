/**
 * The search engine of the search page, over Pagefind's JS API (only the parts used here, behind
 * an injectable interface): initialising it under the index's language, loading the chunks of
 * prefix words, searching a year by its plan, and checking results against the whole query (the
 * whole-site search over it: ./site.ts).
 */
import { noFold, type Fold } from './fold';
import type { QueryPlan } from './plan';
import { matchesParsed, parseQuery, type Query } from './query';
import { inScope, SCOPE_FILTER } from './scope';
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
