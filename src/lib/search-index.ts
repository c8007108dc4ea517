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
import { Worker } from 'node:worker_threads';
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
export const STOP_SHARE = 0.25;
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
 * The published reports of `contentDir` (with drafts when `drafts`), a year at a time, newest year
 * first, each with its search document unless its body uses MDX. Frontmatter is read by Astro's
 * own parser, so drafts are what the build takes them for; entries the build would reject are left
 * to the build to report (quotes, which change no text, are not marked here). `pause` is awaited
 * now and then, so the caller's timers and I/O keep running.
 */
export async function* searchSourcesByYear(contentDir: string, drafts: boolean, pause: () => Promise<unknown> = async () => {}): AsyncGenerator<SearchSource[]> {
  const places = placesOf(contentDir);
  const dir = join(contentDir, 'reports');
  const byYear = new Map<number, string[]>();
  for (const id of reportIds(dir)) {
    const year = parseEntryId(id)?.year;
    if (year) byYear.set(year, [...(byYear.get(year) ?? []), id]);
  }
  let n = 0;
  for (const [, ids] of [...byYear].sort((a, b) => b[0] - a[0])) {
    const sources: SearchSource[] = [];
    for (const id of ids) {
      if (++n % 64 === 0) await pause();
      const where = parseEntryId(id)!;
      const place = places.get(where.placeId);
      if (!place) continue;
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
    if (sources.length) yield sources;
  }
}

/** Every published report of `contentDir`, as `searchSourcesByYear` gives them. */
export async function searchSources(contentDir: string, drafts: boolean): Promise<SearchSource[]> {
  const all: SearchSource[] = [];
  for await (const year of searchSourcesByYear(contentDir, drafts)) all.push(...year);
  return all;
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
    const file = join(workDir, `stop-pairs-counted-${year}.json`);
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
 * Writes a bundle's index into `<workDir>/<year>-<part>/bundle/` with Pagefind, its reports' words
 * cut with its year's stop pairs, unless its documents are unchanged since it was last written
 * there. Every source must have its doc. Uses this thread's Pagefind service, which writes one
 * index at a time: BundleWriter runs several in worker threads.
 */
export async function writeBundle(b: Bundle<SearchSource>, stop: ReadonlySet<string>, workDir: string): Promise<BundleFigures> {
  const t = performance.now();
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
  return { bundle: bundlePath(b), reports: b.sources.length, ms: Math.round(performance.now() - t), indexed };
}

/** Closes this thread's Pagefind service. */
export const closePagefind = (): Promise<unknown> => pagefind.close();

/** A job for src/lib/bundle-worker.ts. */
export interface BundleJob {
  bundle: Bundle<SearchSource>;
  stop: string[];
  workDir: string;
}

/**
 * Writes bundles (`writeBundle`) as they are given (`add`), `concurrency` at a time, each in a
 * worker thread with its own Pagefind service: one service writes one index at a time, and a
 * bundle takes about one core while it is written. Also writes each year's stop pairs for the
 * search page. `done` resolves with every bundle's figures, or rejects with the first failure.
 */
export class BundleWriter {
  private queue: BundleJob[] = [];
  private figures: BundleFigures[] = [];
  private workers: { worker: Worker; busy: boolean }[] = [];
  private failure: unknown;
  private waiting: (() => void)[] = [];

  constructor(
    private readonly workDir: string,
    private concurrency = 2,
  ) {
    mkdirSync(workDir, { recursive: true });
  }

  /** Writes up to `n` bundles at a time from now on (fewer while other work shares the cores). */
  setConcurrency(n: number): void {
    this.concurrency = n;
    this.dispatch();
  }

  /** Queues `bundles` of `year`, whose stop pairs are `stop`. Every source must have its doc. */
  add(year: number, bundles: readonly Bundle<SearchSource>[], stop: string[]): void {
    writeFileSync(stopListWorkFile(this.workDir, year), JSON.stringify({ pairs: stop.join('') }));
    this.queue.push(...bundles.map((bundle) => ({ bundle, stop, workDir: this.workDir })));
    this.dispatch();
  }

  /** Resolves once every bundle given so far is written, with all figures; stops the workers (`add` starts them again). */
  async done(): Promise<BundleFigures[]> {
    if (this.queue.length || this.workers.some((w) => w.busy)) await new Promise<void>((ok) => this.waiting.push(ok));
    const workers = this.workers.splice(0);
    await Promise.all(workers.map(({ worker }) => new Promise((ok) => (worker.once('exit', ok), worker.postMessage('close')))));
    if (this.failure !== undefined) throw this.failure;
    return [...this.figures].sort((a, b) => a.bundle.localeCompare(b.bundle));
  }

  private dispatch(): void {
    while (this.failure === undefined && this.queue.length) {
      const busy = this.workers.filter((w) => w.busy).length;
      if (busy >= this.concurrency) return;
      let slot = this.workers.find((w) => !w.busy);
      if (!slot) {
        // Worker threads do not inherit tsx's loader: register it, then load the worker.
        const url = new URL('./bundle-worker.ts', import.meta.url).href;
        const worker = new Worker(`import('tsx/esm/api').then((tsx) => { tsx.register(); return import(${JSON.stringify(url)}); })`, { eval: true });
        slot = { worker, busy: false };
        const me = slot;
        worker.on('message', (m: { figures?: BundleFigures; error?: string }) => {
          me.busy = false;
          if (m.error !== undefined) this.failure ??= new Error(m.error);
          else this.figures.push(m.figures!);
          this.dispatch();
        });
        worker.on('error', (e) => {
          me.busy = false;
          this.failure ??= e;
          this.dispatch();
        });
        this.workers.push(slot);
      }
      if (!slot) return;
      slot.busy = true;
      slot.worker.postMessage(this.queue.shift());
    }
    if (!this.workers.some((w) => w.busy)) for (const ok of this.waiting.splice(0)) ok();
  }
}
