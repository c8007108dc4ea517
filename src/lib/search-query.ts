/**
 * Chinese full-text search over Pagefind 1.6.0, done so that it finds every report that contains
 * what the reader typed, and only those. Pure functions plus a thin, injectable layer over
 * Pagefind's JS API, for the search page.
 *
 * The index holds each report's text as overlapping character pairs, under a language Pagefind
 * does not segment (src/lib/search-text.ts): every pair of adjacent characters is a word, and so
 * is the last character of each run. Pagefind alone would still miss and over-match:
 * - under the page's language (zh-CN) it segments the query with the browser's Intl.Segmenter, so
 *   复议 is searched as 复 + 议 (`initPagefind` presents the index's language instead);
 * - it loads only the index chunk whose word range contains a word ("strict" chunks); words that
 *   merely start with it, stored in the next chunks, are not loaded (Pagefind issue #795);
 * - the words of a query are matched anywhere in the page, not as a phrase.
 *
 * What this module does:
 * 1. `pagefindQuery`: a Chinese term is sent as its overlapping character pairs (行政复议 ->
 *    行政 政复 复议), or, given the site's table of pair frequencies, as its rarest pair only (政复).
 *    Every page containing the term has each of its pairs as a word, so none can be missed.
 * 2. `preloadPrefixChunks`: for a one-character term, loads every index chunk that can hold a word
 *    starting with it, from the chunk list in Pagefind's metadata, before searching.
 * 3. `verifyResults`: keeps only results whose text (read back from the pairs) contains every
 *    term, so numbers are whole numbers and no result lacks the query.
 */

import { pairsOf, rarestPair } from './search-pairs';
import { SEARCH_LANGUAGE, textFromPairs } from './search-text';
import { entryUrl } from './search-bundles';

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

/** The readable text of a result, from the pairs Pagefind stores (src/lib/search-text.ts). */
export const resultText = (d: Pick<PagefindResultData, 'content'>): string => textFromPairs(d.content);

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
    const before = hay[at - 1] ?? '';
    const after = hay[at + needle.length] ?? '';
    if (digitStart && (DIGIT.test(before) || (before === '.' && DIGIT.test(hay[at - 2] ?? '')))) continue;
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

const HAN_RUN = /\p{Script=Han}+/gu;
const WORDLIKE = /[\p{L}\p{N}]/u;

/** What to ask one year's bundles for a query (`planQuery`). */
export interface QueryPlan {
  /**
   * Words to search for, one per term that has one: Pagefind returns the reports with all of them.
   * None means the year's reports must be checked one by one (every term is made of stop pairs).
   */
  words: string[];
  /** Those looked up as prefixes (Chinese words), whose index chunks must be loaded first (`preloadPrefixes`). */
  prefixes: string[];
  /**
   * With no words: the share of the year's reports expected to contain the query (at most the
   * share of the rarest pair of each term, by the site's pair table), so the page checks enough
   * reports at once for a screenful.
   */
  expected: number;
}

/**
 * The word that finds every report containing `term` in a year with stop pairs `stop` (their first
 * characters in `stopStarts`), or undefined if there is none:
 * - a number or Latin word of the term, as Pagefind indexes it;
 * - else the rarest of its pairs that are not stop pairs (by `shares`, the site's pair table):
 *   every occurrence of the term starts an index word with that pair (src/lib/search-text.ts);
 * - else, for a single character, itself, when no stop pair starts with it.
 */
function termKey(term: string, stop: ReadonlySet<string>, stopStarts: ReadonlySet<string>, shares?: ReadonlyMap<string, number>): { word: string; prefix: boolean } | undefined {
  const other = term
    .split(HAN_RUN)
    .flatMap((s) => s.split(/\s+/))
    .find((s) => WORDLIKE.test(s));
  if (other) return { word: other, prefix: false };
  const pairs = [...term.matchAll(HAN_RUN)].flatMap((m) => pairsOf(Array.from(m[0]))).filter((p) => !stop.has(p));
  if (pairs.length) return { word: shares ? rarestPair(pairs, shares) : pairs[0], prefix: true };
  const chars = Array.from(term);
  if (chars.length === 1 && !stopStarts.has(chars[0])) return { word: chars[0], prefix: true };
  return undefined;
}

/**
 * How to search one year's bundles for what the reader typed (see QueryPlan): each term by one
 * word that every report containing it has (`termKey`); results are then checked against the
 * whole query (`verifyResults`).
 */
export function planQuery(raw: string, stop: ReadonlySet<string> = new Set(), shares?: ReadonlyMap<string, number>): QueryPlan {
  const stopStarts = new Set([...stop].map((p) => Array.from(p)[0]));
  const terms = queryTerms(raw);
  const keys = terms.flatMap((t) => termKey(t, stop, stopStarts, shares) ?? []);
  const words = [...new Set(keys.map((k) => k.word))];
  const pairShare = (t: string) => Math.min(100, ...[...t.matchAll(HAN_RUN)].flatMap((m) => pairsOf(Array.from(m[0]))).map((p) => shares?.get(p) ?? 100)) / 100;
  const expected = words.length ? 1 : Math.max(0.05, Math.min(1, ...terms.map(pairShare)));
  return { words, prefixes: [...new Set(keys.filter((k) => k.prefix).map((k) => k.word))], expected };
}

// -- The layer over Pagefind's JS API (only the parts used here) -------------------------------

/** A heading with an id on a result's page, and the word of the stored text it starts at. */
export interface PagefindAnchor {
  element: string;
  id: string;
  text: string;
  location: number;
}

export interface PagefindResultData {
  url: string;
  content: string;
  excerpt: string;
  meta: Record<string, string>;
  filters: Record<string, string[]>;
  anchors: PagefindAnchor[];
  sub_results: { title: string; url: string; excerpt: string; anchor?: PagefindAnchor }[];
}

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

export interface PagefindResult {
  id: string;
  data(): Promise<PagefindResultData>;
  /** For a report checked one by one (`scanBundles`): the chance that it contains the query. */
  expected?: number;
}

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

// -- Pagefind's index metadata, for chunk ranges --------------------------------------------------

/** An index chunk: the first and last word it holds, and its file hash. */
export interface IndexChunk {
  from: string;
  to: string;
  hash: string;
}

/** Decodes the CBOR subset Pagefind's metadata uses (integers, strings, bytes, arrays, maps, simple values). */
export function decodeCbor(bytes: Uint8Array): unknown {
  let i = 0;
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const text = new TextDecoder();
  const length = (info: number): number => {
    if (info < 24) return info;
    if (info === 24) return bytes[i++];
    if (info === 25) return (i += 2), view.getUint16(i - 2);
    if (info === 26) return (i += 4), view.getUint32(i - 4);
    if (info === 27) return (i += 8), Number(view.getBigUint64(i - 8));
    if (info === 31) return -1;
    throw new Error(`CBOR: unsupported length ${info}`);
  };
  const BREAK = Symbol('break');
  const item = (): unknown => {
    const head = bytes[i++];
    const major = head >> 5;
    const info = head & 31;
    if (major === 7) {
      if (info === 20) return false;
      if (info === 21) return true;
      if (info === 22 || info === 23) return null;
      if (info === 25) return (i += 2), view.getUint16(i - 2); // half floats: not used by Pagefind
      if (info === 26) return (i += 4), view.getFloat32(i - 4);
      if (info === 27) return (i += 8), view.getFloat64(i - 8);
      if (info === 31) return BREAK;
      throw new Error(`CBOR: unsupported simple value ${info}`);
    }
    const n = length(info);
    switch (major) {
      case 0:
        return n;
      case 1:
        return -1 - n;
      case 2:
        return bytes.subarray(i, (i += n));
      case 3:
        return text.decode(bytes.subarray(i, (i += n)));
      case 4: {
        const out: unknown[] = [];
        if (n < 0) for (let x = item(); x !== BREAK; x = item()) out.push(x);
        else for (let k = 0; k < n; k++) out.push(item());
        return out;
      }
      case 5: {
        const out: Record<string, unknown> = {};
        for (let k = 0; k < n; k++) out[String(item())] = item();
        return out;
      }
      default:
        return item(); // tag: the tagged value
    }
  };
  return item();
}

const SIGNATURE = 'pagefind_dcd';

/** Pagefind's files are gzipped, and their content starts with this signature once unpacked. */
const unsigned = (decompressed: Uint8Array): Uint8Array =>
  new TextDecoder().decode(decompressed.subarray(0, SIGNATURE.length)) === SIGNATURE ? decompressed.subarray(SIGNATURE.length) : decompressed;

/** A search bundle's metadata: its index chunks and its pages (their fragment ids, in Pagefind's order). */
export interface BundleMeta {
  chunks: IndexChunk[];
  pages: string[];
}

/** The metadata in a decompressed `pagefind.<language>_<hash>.pf_meta` file. */
export function decodeMeta(decompressed: Uint8Array): BundleMeta {
  const meta = decodeCbor(unsigned(decompressed)) as unknown[];
  const chunks = meta[2] as [string, string, string][];
  const pages = meta[1] as [string, ...unknown[]][];
  return { chunks: chunks.map(([from, to, hash]) => ({ from, to, hash })), pages: pages.map(([id]) => id) };
}

/** The index chunks listed in a decompressed `pagefind.<language>_<hash>.pf_meta` file. */
export const metaChunks = (decompressed: Uint8Array): IndexChunk[] => decodeMeta(decompressed).chunks;

/** The body of a gzipped file of a search bundle, unpacked. */
async function gunzipped(res: Response): Promise<Uint8Array> {
  if (!res.ok) throw new Error(`${res.url}: ${res.status}`);
  return new Uint8Array(await new Response(res.body!.pipeThrough(new DecompressionStream('gzip'))).arrayBuffer());
}

/**
 * The metadata of a search bundle (at `basePath`, its only language), read from the file Pagefind
 * itself loads (the browser serves it from cache). `fetchFn` is injectable for tests.
 */
export async function fetchBundleMeta(basePath: string, fetchFn: typeof fetch = fetch, tag?: string): Promise<BundleMeta> {
  const entry = (await (await fetchFn(entryUrl(basePath, tag))).json()) as { languages: Record<string, { hash: string; page_count: number }> };
  const [lang] = Object.values(entry.languages).sort((a, b) => b.page_count - a.page_count);
  return decodeMeta(await gunzipped(await fetchFn(`${basePath}pagefind.${lang.hash}.pf_meta`)));
}

/** The index chunks of a search bundle (see fetchBundleMeta). */
export const fetchIndexChunks = async (basePath: string, fetchFn: typeof fetch = fetch, tag?: string): Promise<IndexChunk[]> =>
  (await fetchBundleMeta(basePath, fetchFn, tag)).chunks;

/**
 * A page of a search bundle as a result, its data read straight from its fragment file (as
 * Pagefind reads it), without Pagefind's runtime. No excerpt or sub-results: the search page makes
 * its own (`excerptFor`, `resultSections`).
 */
export function fragmentResult(basePath: string, id: string, fetchFn: typeof fetch = fetch, expected?: number): PagefindResult {
  return {
    id,
    expected,
    async data() {
      const json = new TextDecoder().decode(unsigned(await gunzipped(await fetchFn(`${basePath}fragment/${id}.pf_fragment`))));
      const d = JSON.parse(json) as Omit<PagefindResultData, 'excerpt' | 'sub_results'>;
      return { ...d, anchors: d.anchors ?? [], excerpt: '', sub_results: [] };
    },
  };
}

/**
 * Every report of a year's bundles (`paths`) as a result, for checking one by one: the search of a
 * query whose terms have no word in the index (all their pairs are stop pairs, so the terms are
 * common). Needs only the bundles' metadata, not Pagefind's runtime.
 */
export async function scanBundles(paths: readonly string[], fetchFn: typeof fetch = fetch, expected = 1, tag?: string): Promise<PagefindResult[]> {
  const metas = await Promise.all(paths.map((path) => fetchBundleMeta(path, fetchFn, tag)));
  return metas.flatMap((meta, i) => meta.pages.map((id) => fragmentResult(paths[i], id, fetchFn, expected)));
}

/**
 * Chunks that may hold a word starting with `prefix`. Chunk bounds are trimmed words, so a bound
 * that is itself a prefix of `prefix` counts as reaching it.
 */
export function chunksForPrefix(chunks: readonly IndexChunk[], prefix: string): IndexChunk[] {
  return chunks.filter((c) => {
    const startsBeforeEnd = c.from <= prefix || c.from.startsWith(prefix);
    const endsAfterStart = c.to >= prefix || prefix.startsWith(c.to);
    return startsBeforeEnd && endsAfterStart;
  });
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
  }: { batch?: number; limit?: number; filters?: Record<string, string>; onKept?: (d: PagefindResultData) => void } = {},
): Promise<{ kept: PagefindResultData[]; checked: number }> {
  const kept: PagefindResultData[] = [];
  let checked = 0;
  const filtered = (d: PagefindResultData) => Object.entries(filters).every(([k, v]) => d.filters[k]?.includes(v));
  while (checked < results.length && kept.length < limit) {
    const loading = results.slice(checked, checked + batch).map((r) => r.data());
    for (const next of loading) {
      const d = await next;
      checked++;
      if (kept.length < limit && filtered(d) && matchesQuery(resultText(d), raw)) {
        kept.push(d);
        onKept?.(d);
      }
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
