/**
 * Chinese full-text search over Pagefind 1.6.0, done so that it finds every report that contains
 * what the reader typed, and only those. Pure functions plus a thin, injectable layer over
 * Pagefind's JS API, for the search page.
 *
 * Why Pagefind needs help here (measured by tests/site/search-recall*.test.ts):
 * - At index time Pagefind segments Chinese with jieba and indexes every segment, every pair of
 *   adjacent characters (inside long segments and across segment boundaries), but single
 *   characters only where jieba cut a one-character segment.
 * - At query time it segments the query again, with the browser's Intl.Segmenter (ICU), whose
 *   dictionary differs: 复议 becomes 复 + 议, 出庭应诉率 becomes 出庭 + 应 + 诉 + 率. Each piece is
 *   matched as a word prefix and the pieces are AND-ed, anywhere in the page.
 * - It loads only the index chunk whose word range contains a piece ("strict" chunks); prefix
 *   extensions stored in the next chunks are not loaded (Pagefind issue #795). A one-character
 *   piece (法, 议) therefore misses pages where that character is never a segment of its own.
 * - A piece with no match falls back to its longest indexed prefix, and pieces match anywhere in
 *   the page, so results need not contain the query (扫一扫 finds pages with 扫 and 一).
 *
 * What this module does instead:
 * 1. `pagefindQuery`: a Chinese term is sent as its overlapping character pairs (行政复议 ->
 *    行政 政复 复议), or, given the site's table of pair frequencies, as its rarest pair only (政复).
 *    Every pair of the text is an indexed word, so each pair's strict chunk holds it: no page
 *    containing the term can be missed. This needs Pagefind's own query segmentation off, which
 *    `initPagefind` arranges (see there).
 * 2. `preloadPrefixChunks`: for a one-character term, loads every index chunk that can hold a word
 *    starting with it, from the chunk list in Pagefind's metadata, before searching.
 * 3. `verifyResults`: keeps only results whose indexed text contains every term, so numbers are
 *    whole numbers and no result lacks the query.
 */

import { pairsOf, rarestPair } from './search-pairs';

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

/** Pagefind stores page text with U+200B between the segments it cut; readers never see them. */
export const indexedText = (content: string): string => content.replace(/\u200b/g, '');

const DIGIT = /\d/;

/**
 * True if `text` contains `term` as a reader means it: Latin letters in any case, and a number
 * only as a whole number (244 is not found in 1244 or 2440; 28.42 is not found in 128.42).
 */
export function containsTerm(text: string, term: string): boolean {
  const hay = indexedText(text).toLowerCase();
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

const HAN = /\p{Script=Han}/u;
const HAN_RUN = /\p{Script=Han}+/gu;

/**
 * The words to give Pagefind for one term: each run of Chinese characters as its overlapping
 * pairs, everything else (numbers, Latin) as it is. 行政复议 -> 行政 政复 复议; 法 -> 法;
 * 2023年 -> 2023 年. With `shares` (pairShares of the site's pair table), a run gives only its
 * rarest pair (行政复议 -> 政复): any one pair finds every page with the term (src/lib/search-pairs.ts).
 */
export function termWords(term: string, shares?: ReadonlyMap<string, number>): string[] {
  const words: string[] = [];
  let last = 0;
  for (const m of term.matchAll(HAN_RUN)) {
    const rest = term.slice(last, m.index).trim();
    if (rest) words.push(rest);
    const run = [...m[0]];
    const pairs = pairsOf(run);
    if (run.length === 1) words.push(run[0]);
    else if (shares) words.push(rarestPair(pairs, shares));
    else words.push(...pairs);
    last = m.index + m[0].length;
  }
  const tail = term.slice(last).trim();
  if (tail) words.push(tail);
  return words;
}

/** The string to give `pagefind.search` (initialised with `initPagefind`) for what the reader typed. */
export function pagefindQuery(raw: string, shares?: ReadonlyMap<string, number>): string {
  return [...new Set(queryTerms(raw).flatMap((t) => termWords(t, shares)))].join(' ');
}

/** One-character Chinese terms: the ones whose prefix extensions need their chunks preloaded. */
export function singleCharacterTerms(raw: string): string[] {
  return [...new Set(queryTerms(raw).flatMap((t) => termWords(t)))].filter((w) => [...w].length === 1 && HAN.test(w));
}

// -- The layer over Pagefind's JS API (only the parts used here) -------------------------------

export interface PagefindResultData {
  url: string;
  content: string;
  excerpt: string;
  meta: Record<string, string>;
  filters: Record<string, string[]>;
  sub_results: { title: string; url: string; excerpt: string }[];
}

export interface PagefindResult {
  id: string;
  data(): Promise<PagefindResultData>;
}

export interface PagefindApi {
  init(): Promise<void>;
  options(o: Record<string, unknown>): Promise<void>;
  search(q: string, o?: { filters?: Record<string, string>; sort?: Record<string, string> }): Promise<{ results: PagefindResult[] }>;
  preload(q: string): Promise<void>;
  mergeIndex(path: string, o?: Record<string, unknown>): Promise<void>;
}

/**
 * Language tag Pagefind must believe the page has: any tag but zh/ja/th turns off its Intl.Segmenter
 * pass over the query, so `pagefindQuery`'s character pairs reach the index as they are. Pagefind
 * still loads the site's only index (zh-cn): with no index for this tag it takes the largest one.
 */
export const QUERY_LANGUAGE = 'und';

/**
 * Initialises Pagefind for `pagefindQuery`. Pagefind reads `<html lang>` once, synchronously, when
 * it initialises; the page's language is set to QUERY_LANGUAGE for that instant only and restored
 * before anything else runs, so assistive technology and CSS never see it. Then merges the other
 * search bundles (`merge`: their base paths), under the same language. Call before any other
 * Pagefind call.
 */
export async function initPagefind(pagefind: PagefindApi, options: Record<string, unknown>, html: { lang: string }, merge: readonly string[] = []): Promise<void> {
  await pagefind.options(options);
  const lang = html.lang;
  html.lang = QUERY_LANGUAGE;
  let ready: Promise<void>;
  try {
    ready = pagefind.init();
  } finally {
    html.lang = lang;
  }
  await ready;
  await Promise.all(merge.map((path) => pagefind.mergeIndex(path, { ...options, language: QUERY_LANGUAGE })));
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

/** The index chunks listed in a decompressed `pagefind.<language>_<hash>.pf_meta` file. */
export function metaChunks(decompressed: Uint8Array): IndexChunk[] {
  const sig = new TextDecoder().decode(decompressed.subarray(0, SIGNATURE.length));
  const meta = decodeCbor(sig === SIGNATURE ? decompressed.subarray(SIGNATURE.length) : decompressed) as unknown[];
  const chunks = meta[2] as [string, string, string][];
  return chunks.map(([from, to, hash]) => ({ from, to, hash }));
}

/**
 * The index chunks of a search bundle (at `basePath`, its only language), read from the metadata file Pagefind itself
 * loads (the browser serves it from cache). `fetchFn` is injectable for tests.
 */
export async function fetchIndexChunks(basePath: string, fetchFn: typeof fetch = fetch): Promise<IndexChunk[]> {
  const entry = (await (await fetchFn(`${basePath}pagefind-entry.json`)).json()) as { languages: Record<string, { hash: string; page_count: number }> };
  const [lang] = Object.values(entry.languages).sort((a, b) => b.page_count - a.page_count);
  const res = await fetchFn(`${basePath}pagefind.${lang.hash}.pf_meta`);
  const stream = res.body!.pipeThrough(new DecompressionStream('gzip'));
  return metaChunks(new Uint8Array(await new Response(stream).arrayBuffer()));
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
 * Loads, for each one-character term of the query, every index chunk that may hold a word starting
 * with it: `pagefind.preload(chunk.from)` loads the chunk whose range holds its own first word, and
 * Pagefind then searches every loaded chunk. Works around Pagefind issue #795 for those terms.
 * `chunks` comes from `metaChunks` (the page fetches the metadata file Pagefind itself loaded).
 */
export async function preloadPrefixChunks(pagefind: PagefindApi, chunks: readonly IndexChunk[], raw: string): Promise<number> {
  const froms = new Set(singleCharacterTerms(raw).flatMap((t) => chunksForPrefix(chunks, t).map((c) => c.from)));
  await Promise.all([...froms].map((f) => pagefind.preload(f)));
  return froms.size;
}

/**
 * Loads the data of `results` in order, `batch` at a time, and keeps those whose indexed text
 * contains every term of the query. Stops once `limit` results are kept (the page can ask for
 * the next screenful later by calling again with the rest).
 */
export async function verifyResults(
  results: readonly PagefindResult[],
  raw: string,
  { batch = 20, limit = Infinity }: { batch?: number; limit?: number } = {},
): Promise<{ kept: PagefindResultData[]; checked: number }> {
  const kept: PagefindResultData[] = [];
  let checked = 0;
  while (checked < results.length && kept.length < limit) {
    const data = await Promise.all(results.slice(checked, checked + batch).map((r) => r.data()));
    checked += data.length;
    for (const d of data) if (matchesQuery(d.content, raw)) kept.push(d);
  }
  return { kept: kept.slice(0, limit === Infinity ? undefined : limit), checked };
}

/** One year's search bundle (src/lib/shards.ts, bundlePath), opened (loaded and initialised) on first use. */
export interface YearBundle {
  year: string;
  open(): Promise<PagefindApi>;
}

/** A search's results in reading order, handed out a screenful at a time. */
export interface ResultStream {
  /** Results searched but not yet handed out. */
  readonly pending: number;
  /** True once every year to search has been searched. */
  readonly complete: boolean;
  /** The oldest year searched so far. */
  readonly searchedTo: string | undefined;
  /** The next `n` results; fewer (or none) once all are handed out. */
  take(n: number): Promise<PagefindResult[]>;
}

/**
 * Searches with `query` (from `pagefindQuery`) and hands out the results newest year first, by
 * relevance within a year. Each year is its own bundle, opened only when the reader pages on to
 * it: a first query loads the index of the newest year alone, which keeps it small and quick on
 * a site of any size. A chosen year filter picks that year's bundle; the other filters are passed
 * on to Pagefind.
 */
export function searchNewestFirst(bundles: readonly YearBundle[], query: string, filters: Record<string, string>): ResultStream {
  const { year, ...rest } = filters;
  const order = bundles.filter((b) => !year || b.year === year).sort((a, b) => Number(b.year) - Number(a.year));
  const options = Object.keys(rest).length ? { filters: rest } : undefined;
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
    async take(n) {
      while (queue.length < n && next < order.length) {
        const pagefind = await order[next++].open();
        queue.push(...(await pagefind.search(query, options)).results);
      }
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
 * An excerpt of `content` around the first match of the query, with every match of every term
 * marked, built from the text itself: Pagefind's own excerpts mark its index pieces (行政, 行政复),
 * not what the reader typed.
 */
export function excerptFor(content: string, raw: string, radius = 40): ExcerptPart[] {
  const text = indexedText(content).replace(/\s+/g, ' ');
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
