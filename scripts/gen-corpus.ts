/**
 * `npm run gen-corpus -- --reports N --out DIR --seed S [--material seeds|content]`
 *
 * Writes a synthetic content directory (places.yaml and reports/<place id>/<year>.mdx) that
 * `CONTENT_DIR=DIR npm run build` builds like the real one. Deterministic: the same arguments
 * (and the same material files) give byte-identical output.
 */
import { relative, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { parseArgs } from 'node:util';
import { CORPUS_OPTIONS, corpusSize, genCorpus, genCorpusParallel, type MaterialKind } from '../bench/gen-corpus';

const USAGE = `用法 / usage: npm run gen-corpus -- --reports N --out DIR [--seed S] [--material seeds|content]

  --reports N    报告数 / number of reports (default 1000)
  --out DIR      输出目录（places.yaml 与 reports/）/ output content directory
  --seed S       随机种子 / random seed (default 1); same arguments -> byte-identical files
  --material M   句子素材：seeds = bench/fixtures/seeds/*.txt（默认，固定不变），
                 content = content/reports/**/*.mdx 的正文 / sentence material (default seeds)

Then: CONTENT_DIR=DIR npm run build -- --out OUT`;

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      ...CORPUS_OPTIONS,
      out: { type: 'string' },
      material: { type: 'string', default: 'seeds' },
      help: { type: 'boolean', short: 'h' },
    },
  });
  if (values.help) {
    console.log(USAGE);
    return;
  }
  const size = corpusSize(values);
  const material = values.material as MaterialKind;
  if (!values.out || !size || !['seeds', 'content'].includes(material)) {
    console.error(USAGE);
    process.exit(2);
  }
  const started = Date.now();
  const o = { ...size, out: values.out, material };
  let summary: { places: number; reports: number; bytes: number };
  if (o.reports >= 2000) summary = await genCorpusParallel(o);
  else {
    const corpus = genCorpus(o);
    summary = { places: corpus.places.length, reports: corpus.reports.length, bytes: corpus.reports.reduce((s, r) => s + Buffer.byteLength(r.file), 0) };
  }
  console.log(
    `${summary.reports} reports, ${summary.places} places, ${(summary.bytes / 1024 / 1024).toFixed(1)} MiB -> ${relative(process.cwd(), resolve(values.out)) || '.'} (${((Date.now() - started) / 1000).toFixed(1)} s)`,
  );
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  main().catch((e: Error) => {
    console.error(e.message);
    process.exit(1);
  });
}
