/**
 * The site's search index, built from the content directory beside the site build (scripts/build.ts
 * runs both at once): every published report's search document (src/lib/search-doc.ts), rendered
 * with the site's own Markdown renderer and labelled by the same `searchFields` as its page, is
 * given to Pagefind through its Node API, in bundles per part of a year (src/lib/search-bundles.ts).
 *
 * Why beside the build and not over its pages: indexing is about half of a large build's work, and
 * run after the pages it waits for all of them. Reports whose body uses MDX components are the
 * exception: their text exists only once Astro has rendered their page, so it is read from there
 * (`docFromPage`). scripts/build.ts then checks that the indexed reports are exactly the report
 * pages built, so a report is searchable if and only if it is published.
 *
 * Pagefind's work grows with the number of distinct words per report, and the pairs found in most
 * reports of a year (法治, 政府, 复议 …) are a good part of them while telling reports apart least. So
 * each year has its stop pairs (`stopPairs`), which start no word of the index (src/lib/search-text.ts);
 * the search page finds a term through one of its other pairs, or, when all of its pairs are stop
 * pairs (and so the term itself is common), by checking the year's reports in turn
 * (src/lib/search-query.ts). A year's stop pairs are kept from one build to the next while its
 * reports are the same, so that an edit re-indexes only its own bundle.
 */
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { createMarkdownProcessor, parseFrontmatter, type MarkdownProcessor } from '@astrojs/markdown-remark';
import * as pagefind from 'pagefind';
import YAML from 'yaml';
import { reportIds } from './build-scope';
import { fastPathSupports, MARKDOWN_CONFIG, needsMdx, renderFastMarkdown } from './markdown';
import { buildPlaceTree, type Place } from './places';
import { bundlePath, stopListPath, type Bundle } from './search-bundles';
import { searchDocHtml, searchDocOf, searchDocument, searchFields, type SearchDoc } from './search-doc';
import { pairsOf } from './search-pairs';
import { reportUrl } from './urls';
import { parseEntryId } from './validate';
import type { PlaceData } from '../schemas/place';

/** Bumped when search documents change for the same content, so every bundle is indexed again. */
const DOC_VERSION = 'pairs-2';

/** A pair in at least this share of a year's reports is one of its stop pairs… */
export const STOP_SHARE = 0.4;
/** …in a year with at least this many reports (a small year is indexed whole: it costs little). */
export const STOP_MIN_REPORTS = 100;

/** A published report, as the search index sees it. */
export interface SearchSource {
  id: string;
  url: string;
  year: number;
  placeId: string;
  /** Its searchable parts; undefined until read from the built page (MDX bodies, see docFromPage). */
  doc?: SearchDoc;
}

/** The place tree of a content directory (its places.yaml). */
export function placesOf(contentDir: string): Map<string, Place> {
  const rows = YAML.parse(readFileSync(join(contentDir, 'places.yaml'), 'utf8')) as PlaceData[];
  return buildPlaceTree(rows ?? []).places;
}

let unified: Promise<MarkdownProcessor> | undefined;

/**
 * The published reports of `contentDir` (with drafts when `drafts`), each with its search document
 * unless its body uses MDX. Frontmatter is read by Astro's own parser, so drafts are what the
 * build takes them for; entries the build would reject are left to the build to report (quotes,
 * which change no text, are not marked here). `pause` is awaited now and then.
 */
export async function searchSources(contentDir: string, drafts: boolean, pause: () => Promise<unknown> = async () => {}): Promise<SearchSource[]> {
  const places = placesOf(contentDir);
  const dir = join(contentDir, 'reports');
  const sources: SearchSource[] = [];
  for (const [i, id] of reportIds(dir).entries()) {
    // Work through the entries in slices, so the caller's timers (memory sampling) keep running.
    if (i % 64 === 63) await pause();
    const where = parseEntryId(id);
    const place = where && places.get(where.placeId);
    if (!where || !place) continue;
    const { frontmatter: data, content } = parseFrontmatter(readFileSync(join(dir, `${id}.mdx`), 'utf8'));
    if (data.draft === true && !drafts) continue;
    const body = content.replace(/^(?:[ \t]*\r?\n)+/, '');
    const source: SearchSource = { id, url: reportUrl(where.placeId, where.year), year: where.year, placeId: where.placeId };
    if (!needsMdx(body)) {
      const html = fastPathSupports(body)
        ? renderFastMarkdown(body, {}, id).html
        : (await (unified ??= createMarkdownProcessor({ ...MARKDOWN_CONFIG, rehypePlugins: [] })).then((p) => p.render(body))).code;
      source.doc = searchDocOf(searchFields(String(data.title ?? ''), where.year, place), html);
    }
    sources.push(source);
  }
  return sources;
}

/** The searchable parts of a report read from its built page (`page`: its HTML), for bodies that use MDX. */
export const docFromPage = (page: string): SearchDoc | undefined => searchDocument(page);

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
 * The stop pairs of each year of `sources`: kept from `workDir` while the year has as many reports
 * (within a tenth) as when they were counted, so that editing a report changes no other bundle;
 * counted again otherwise. Stop pairs only steer how much is indexed, never what is found.
 */
export function yearStopPairs(sources: readonly SearchSource[], workDir: string): Map<number, string[]> {
  const byYear = new Map<number, SearchDoc[]>();
  for (const s of sources) if (s.doc) byYear.set(s.year, [...(byYear.get(s.year) ?? []), s.doc]);
  const stops = new Map<number, string[]>();
  for (const [year, docs] of byYear) {
    const file = join(workDir, `${year}.stop.json`);
    const kept = existsSync(file) ? (JSON.parse(readFileSync(file, 'utf8')) as StopList) : undefined;
    const fresh = kept && Math.abs(kept.reports - docs.length) <= kept.reports / 10 && (kept.reports >= STOP_MIN_REPORTS) === (docs.length >= STOP_MIN_REPORTS);
    const list: StopList = fresh ? kept : { reports: docs.length, pairs: stopPairs(docs) };
    mkdirSync(workDir, { recursive: true });
    if (!fresh) writeFileSync(file, JSON.stringify(list));
    stops.set(year, list.pairs);
  }
  return stops;
}

/** Digest of what a bundle's index is made from. */
const digestOf = (docs: readonly { url: string; html: string }[]): string => {
  const h = createHash('sha256').update(`${DOC_VERSION}\0${pagefindVersion()}\0`);
  for (const d of docs) h.update(`${d.url}\0${d.html}\0`);
  return h.digest('hex');
};

let version: string | undefined;
const pagefindVersion = () =>
  (version ??= (JSON.parse(readFileSync(join(process.cwd(), 'node_modules/pagefind/package.json'), 'utf8')) as { version: string }).version);

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
 * Writes each bundle's index into `<workDir>/<year>-<part>/bundle/` with Pagefind, `concurrency`
 * at a time (Pagefind uses about one core per bundle while it writes), its reports' words cut
 * with the year's stop pairs (`stops`), skipping bundles whose documents are unchanged since they
 * were last written there. Also writes each year's stop pairs for the search page. Every source
 * must have its doc.
 */
export async function writeBundles(bundles: readonly Bundle<SearchSource>[], stops: ReadonlyMap<number, string[]>, workDir: string, concurrency = 2): Promise<BundleFigures[]> {
  mkdirSync(workDir, { recursive: true });
  for (const [year, pairs] of stops) writeFileSync(stopListWorkFile(workDir, year), JSON.stringify({ pairs: pairs.join('') }));
  const queue = [...bundles];
  const figures: BundleFigures[] = [];
  const worker = async () => {
    for (let b = queue.shift(); b; b = queue.shift()) {
      const t = performance.now();
      const stop = new Set(stops.get(b.year) ?? []);
      const docs = b.sources.map((s) => {
        if (!s.doc) throw new Error(`${s.id}: 没有搜索文档 / no search document`);
        return { url: s.url, html: searchDocHtml(s.doc, stop) };
      });
      const dir = bundleWorkDir(workDir, b);
      const stamp = join(dir, 'inputs.sha256');
      const digest = digestOf(docs);
      const indexed = !(existsSync(stamp) && readFileSync(stamp, 'utf8') === digest);
      if (indexed) {
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
        writeFileSync(stamp, digest);
      }
      figures.push({ bundle: bundlePath(b), reports: b.sources.length, ms: Math.round(performance.now() - t), indexed });
    }
  };
  try {
    await Promise.all(Array.from({ length: concurrency }, worker));
  } finally {
    await pagefind.close();
  }
  return figures.sort((a, b) => a.bundle.localeCompare(b.bundle));
}
