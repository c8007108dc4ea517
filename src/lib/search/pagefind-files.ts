/**
 * The only module that knows Pagefind's file formats: the bundle entry, the gzipped and signed
 * metadata (CBOR, decoded with cborg) and fragment files. Written for the Pagefind version the
 * project pins (PAGEFIND_VERSION); a bundle written by another version fails with a clear message
 * instead of being misread.
 */
import { entryUrl } from './bundles';

/** The Pagefind version whose file formats this module reads (package.json pins it exactly). */
export const PAGEFIND_VERSION = '1.6.0';

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

export interface PagefindResult {
  id: string;
  data(): Promise<PagefindResultData>;
  /** For a report checked one by one (`scanBundles`): the chance that it contains the query. */
  expected?: number;
}

/** An index chunk: the first and last word it holds, and its file hash. */
export interface IndexChunk {
  from: string;
  to: string;
  hash: string;
}

/**
 * Decodes CBOR as Pagefind's metadata uses it, with cborg (indefinite lengths and non-canonical
 * forms allowed). Loaded on first use: only queries that need the chunk list or a scan of a year
 * read metadata, so the search page's first script stays small.
 */
export async function decodeCbor(bytes: Uint8Array): Promise<unknown> {
  const { decode } = await import('cborg');
  return decode(bytes, { strict: false, allowIndefinite: true, allowUndefined: true, useMaps: false });
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
export async function decodeMeta(decompressed: Uint8Array): Promise<BundleMeta> {
  const meta = (await decodeCbor(unsigned(decompressed))) as unknown[];
  if (meta[0] !== PAGEFIND_VERSION) {
    throw new Error(
      `搜索索引由 Pagefind ${String(meta[0])} 生成，本站只能读取 ${PAGEFIND_VERSION} 的格式；请重新构建 / the search index was written by Pagefind ${String(meta[0])}; this code reads ${PAGEFIND_VERSION}'s format: rebuild the site, or update src/lib/search/pagefind-files.ts`,
    );
  }
  const chunks = meta[2] as [string, string, string][];
  const pages = meta[1] as [string, ...unknown[]][];
  return { chunks: chunks.map(([from, to, hash]) => ({ from, to, hash })), pages: pages.map(([id]) => id) };
}

/** The index chunks listed in a decompressed `pagefind.<language>_<hash>.pf_meta` file. */
export const metaChunks = async (decompressed: Uint8Array): Promise<IndexChunk[]> => (await decodeMeta(decompressed)).chunks;

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

