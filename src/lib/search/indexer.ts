/**
 * The site's search index, built from the content directory beside the site build (src/build/search.ts
 * runs both at once): every published report's search document (src/lib/search/doc.ts), rendered
 * with the site's own Markdown renderer and labelled by the same `searchFields` as its page, is
 * given to Pagefind through its Node API, in bundles per part of a year (src/lib/search/bundles.ts).
 *
 * Why beside the build and not over its pages: indexing is about half of a large build's work, and
 * run after the pages it waits for all of them. Every body is rendered by the one body renderer the
 * reports loader uses (src/lib/content/body.ts), so the index holds exactly the text the pages show.
 * The build then checks (src/build/site-check.ts) that the indexed reports are exactly the report
 * pages built, so a report is searchable if and only if it is published.
 *
 * Pagefind's work grows with the number of distinct words per report, and the pairs found in most
 * reports of a year (法治, 政府, 复议 …) are a good part of them while telling reports apart least. So
 * each year has its stop pairs (`stopPairs`), which start no word of the index (src/lib/search/text.ts);
 * the search page finds a term through one of its other pairs, or, when all of its pairs are stop
 * pairs (and so the term itself is common), by checking the year's reports in turn
 * (src/lib/search/engine.ts). A year's stop pairs are kept from one build to the next while its
 * reports are the same, so that an edit re-indexes only its own bundle.
 */
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { buildSync } from 'esbuild';
import * as pagefind from 'pagefind';
import { renderReportBody } from '../content/body';
import { parseYaml, splitFrontmatter } from '../content/yaml';
import { buildPlaceTree, type Place } from '../places/tree';
import { loadPlaces } from '../places/load';
import { isPublished, reportIdsByYear } from '../content/published';
import { bundlePath, stopListPath, type Bundle } from './bundles';
import { searchDocHtml, searchDocOf, searchFields, type SearchDoc, type SearchFields } from './doc';
import { pairsOf } from './pairs';
import { reportUrl } from '../urls';
import { parseEntryId } from '../content/validate';

/** Bumped when search documents change for the same content in a way the code digest cannot see. */
const DOC_VERSION = 'pairs-3';

/** A pair in at least this share of a year's reports is one of its stop pairs… */
export const STOP_SHARE = 0.25;
/** …in a year with at least this many reports (a small year is indexed whole: it costs little). */
export const STOP_MIN_REPORTS = 100;

/** A published report, as the search index sees it. */
export interface SearchSource {
  id: string;
  url: string;
  year: number;
  placeId: string;
  /** Digest of what its search document is made from: its file and its place's labels. */
  key: string;
  /** Its search labels and body, while its document is not made. */
  fields?: SearchFields;
  body?: string;
  /** Its searchable parts (`makeDocs`). */
  doc?: SearchDoc;
}

/** The place tree of a content directory (its places.yaml). */
export function placesOf(contentDir: string): Map<string, Place> {
  return buildPlaceTree(loadPlaces(contentDir)).places;
}

/**
 * The published reports of `contentDir` (with drafts when `drafts`), a year at a time, newest year
 * first; their documents are made only when needed (`makeDocs`). Frontmatter is read by the content
 * YAML reader, so drafts are what the build takes them for; entries the build would reject are left
 * to the build to report. `pause` is awaited now and then, so the caller's timers and I/O keep running.
 */
export async function* searchSourcesByYear(contentDir: string, drafts: boolean, pause: () => Promise<unknown> = async () => {}): AsyncGenerator<SearchSource[]> {
  const places = placesOf(contentDir);
  const dir = join(contentDir, 'reports');
  let n = 0;
  for (const [, ids] of reportIdsByYear(contentDir)) {
    const sources: SearchSource[] = [];
    for (const id of ids) {
      if (++n % 64 === 0) await pause();
      const where = parseEntryId(id)!;
      const place = places.get(where.placeId);
      if (!place) continue;
      const file = readFileSync(join(dir, `${id}.mdx`), 'utf8');
      const parts = splitFrontmatter(file);
      const data = (parts ? (parseYaml(parts.yaml).value ?? {}) : {}) as Record<string, unknown>;
      if (!isPublished(data, drafts)) continue;
      const body = parts?.body ?? '';
      const fields = searchFields(String(data.title ?? ''), where.year, place);
      const key = createHash('sha1').update(file).update(JSON.stringify(fields)).digest('hex');
      sources.push({ id, url: reportUrl(where.placeId, where.year), year: where.year, placeId: where.placeId, key, fields, body });
    }
    if (sources.length) yield sources;
  }
}

/**
 * Makes the search documents of `sources` with the site's body renderer (quotes, which change no
 * text, are not marked). A body the renderer refuses gets none: the build fails on it, with why.
 */
export async function makeDocs(sources: readonly SearchSource[]): Promise<void> {
  for (const s of sources) {
    if (s.doc || s.body === undefined || !s.fields) continue;
    const html = renderReportBody(s.body, {}, s.id).rendered?.html;
    if (html !== undefined) s.doc = searchDocOf(s.fields, html);
    s.body = undefined;
  }
}

/** Every published report of `contentDir` with its document made, as `searchSourcesByYear` and `makeDocs` give them. */
export async function searchSources(contentDir: string, drafts: boolean): Promise<SearchSource[]> {
  const all: SearchSource[] = [];
  for await (const year of searchSourcesByYear(contentDir, drafts)) all.push(...year);
  await makeDocs(all);
  return all;
}


/** Pairs in at least `share` of `docs` (none for fewer than `minReports` docs), sorted. */
export function stopPairs(docs: readonly SearchDoc[], share = STOP_SHARE, minReports = STOP_MIN_REPORTS): string[] {
  if (docs.length < minReports) return [];
  const counts = new Map<string, number>();
  for (const doc of docs) {
    const seen = new Set<string>();
    for (const block of doc.blocks) for (const m of block.text.matchAll(/\p{Script=Han}+/gu)) for (const p of pairsOf(Array.from(m[0]))) seen.add(p);
    for (const p of seen) counts.set(p, (counts.get(p) ?? 0) + 1);
  }
  const least = Math.ceil(share * docs.length);
  return [...counts].filter(([, n]) => n >= least).map(([p]) => p).sort();
}

/** A year's stop pairs and the reports they were counted over, kept between builds. */
interface StopList {
  reports: number;
  pairs: string[];
}

/**
 * The stop pairs of a year (`sources`: its reports with a Markdown body, or read from their page):
 * kept from `workDir` while the year has as many reports (within a tenth) as when they were
 * counted, so that editing a report changes no other bundle; counted again, from the documents
 * (made here), otherwise. Stop pairs only steer how much is indexed, never what is found.
 */
export async function yearStopPairs(year: number, sources: readonly SearchSource[], workDir: string): Promise<string[]> {
  const file = join(workDir, `stop-pairs-counted-${year}.json`);
  const kept = existsSync(file) ? (JSON.parse(readFileSync(file, 'utf8')) as StopList) : undefined;
  const n = sources.length;
  if (kept && Math.abs(kept.reports - n) <= kept.reports / 10 && (kept.reports >= STOP_MIN_REPORTS) === (n >= STOP_MIN_REPORTS)) return kept.pairs;
  await makeDocs(sources);
  const list: StopList = { reports: n, pairs: stopPairs(sources.flatMap((s) => s.doc ?? [])) };
  mkdirSync(workDir, { recursive: true });
  writeFileSync(file, JSON.stringify(list));
  return list.pairs;
}

/**
 * The code that makes search documents and indexes them: the modules this one and its worker
 * import, found from the import graph (an esbuild metafile, so no list is kept by hand), and the
 * lockfile (Pagefind's and markdown-it's versions). A change in any of these indexes every bundle
 * again; the search page's own code (src/lib/search/engine.ts) needs no new index.
 */
export function indexCodeFiles(): string[] {
  const { metafile } = buildSync({
    entryPoints: [fileURLToPath(import.meta.url), fileURLToPath(new URL('./bundle-worker.ts', import.meta.url))],
    bundle: true,
    write: false,
    metafile: true,
    platform: 'node',
    format: 'esm',
    packages: 'external',
    logLevel: 'silent',
    outdir: 'unused',
  });
  return [...Object.keys(metafile.inputs).sort(), 'package-lock.json'];
}

let code: string | undefined;
function indexCodeDigest(): string {
  if (code) return code;
  const h = createHash('sha256').update(DOC_VERSION);
  for (const f of indexCodeFiles()) h.update(f).update(readFileSync(join(process.cwd(), f)));
  return (code = h.digest('hex'));
}

/**
 * Digest of what a bundle's index is made from: the code, the year's stop pairs and each report's
 * key. Known before any document is made, so
 * an unchanged bundle costs no rendering.
 */
export function bundleDigest(b: Bundle<SearchSource>, stop: readonly string[]): string {
  const h = createHash('sha256').update(`${indexCodeDigest()}\0${stop.join('')}\0`);
  for (const s of b.sources) h.update(`${s.url}\0${s.key}\0`);
  return h.digest('hex');
}

/** True if the bundle's index in `workDir` was written from inputs with this digest. */
export const bundleUpToDate = (workDir: string, b: Pick<Bundle, 'year' | 'part'>, digest: string): boolean => {
  const stamp = join(bundleWorkDir(workDir, b), 'inputs.sha256');
  return existsSync(stamp) && readFileSync(stamp, 'utf8') === digest;
};

/** Where a bundle's index is written and kept between builds: `<workDir>/<year>-<part>/bundle/`, stamped beside. */
export const bundleWorkDir = (workDir: string, b: Pick<Bundle, 'year' | 'part'>): string => join(workDir, bundlePath(b).replace(/^\/pagefind\/|\/$/g, ''));

/** Where a year's stop pairs are written for the search page, inside `workDir`. */
export const stopListWorkFile = (workDir: string, year: number): string => join(workDir, stopListPath(year).replace(/^\/pagefind\//, ''));

export interface BundleFigures {
  bundle: string;
  reports: number;
  ms: number;
  indexed: boolean;
}

/**
 * Writes a bundle's index into `<workDir>/<year>-<part>/bundle/` with Pagefind, its reports' words
 * cut with its year's stop pairs, and stamps it with `digest` (`bundleDigest`). Every source must
 * have its doc. Uses this thread's Pagefind service, which writes one index at a time:
 * BundleWriter (bundle-writer.ts) runs several in worker threads.
 */
export async function writeBundle(b: Bundle<SearchSource>, stop: ReadonlySet<string>, workDir: string, digest: string): Promise<BundleFigures> {
  const t = performance.now();
  const docs = b.sources.map((s) => {
    if (!s.doc) throw new Error(`${s.id}: 没有搜索文档 / no search document`);
    return { url: s.url, html: searchDocHtml(s.doc, stop) };
  });
  const dir = bundleWorkDir(workDir, b);
  rmSync(dir, { recursive: true, force: true });
  const { index, errors } = await pagefind.createIndex({});
  if (!index) throw new Error(`Pagefind: ${errors.join('; ')}`);
  const added = await Promise.all(docs.map((d) => index.addHTMLFile({ url: d.url, content: d.html })));
  const failed = added.flatMap((r) => r.errors);
  if (failed.length) throw new Error(`Pagefind (${bundlePath(b)}): ${failed.join('; ')}`);
  const written = await index.writeFiles({ outputPath: join(dir, 'bundle') });
  if (written.errors.length) throw new Error(`Pagefind (${bundlePath(b)}): ${written.errors.join('; ')}`);
  await index.deleteIndex();
  // The stamp is written last: a bundle cut off while writing is indexed again.
  writeFileSync(join(dir, 'inputs.sha256'), digest);
  return { bundle: bundlePath(b), reports: b.sources.length, ms: Math.round(performance.now() - t), indexed: true };
}

/** Closes this thread's Pagefind service. */
export const closePagefind = (): Promise<unknown> => pagefind.close();

/** A job for src/lib/search/bundle-worker.ts. */
export interface BundleJob {
  bundle: Bundle<SearchSource>;
  stop: string[];
  workDir: string;
  digest: string;
}
