/**
 * `npm run bench:recall -- (--site DIR --content DIR | --reports N [--seed S] [--keep])`: search
 * recall and precision of a built site (whole or assembled from shards), or of a generated corpus
 * of N reports built like the real site, on the search tests' query set, against the content it was
 * built from. Each query runs on the site's own search page in headless Chromium, and every result
 * the page would list as the reader pages to the end is taken from the page (bench/search.ts).
 * Prints the score table; exits 1 if any published report containing a query was not found.
 */
import { mkdirSync, rmSync } from 'node:fs';
import { join, relative, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { SEARCH_QUERIES } from '../bench/fixtures/search-queries';
import { genCorpusParallel } from '../bench/gen-corpus';
import { buildSite, groundTruth, ROOT, runQueries, score, scoreTable, verified } from '../bench/search';
import { serveDist } from '../bench/server';

const USAGE = `用法 / usage: npm run bench:recall -- (--site DIR --content DIR | --reports N [--seed S] [--keep])

  --site DIR      已构建的网站（含搜索索引）/ a built site with its search index
  --content DIR   构建它所用的内容目录 / the content directory it was built from
  --reports N     生成 N 份报告的语料并构建 / generate an N-report corpus and build it
  --seed S        随机种子 / corpus seed (default 1)
  --keep          保留 .tmp/bench-recall-*/ / keep the work directory`;

const { values } = parseArgs({
  options: {
    site: { type: 'string' },
    content: { type: 'string' },
    reports: { type: 'string' },
    seed: { type: 'string', default: '1' },
    keep: { type: 'boolean' },
    help: { type: 'boolean', short: 'h' },
  },
});
const reports = values.reports === undefined ? undefined : Number(values.reports);
const seed = Number(values.seed);
if (values.help) {
  console.log(USAGE);
  process.exit(0);
}
if ((reports === undefined ? !values.site || !values.content : values.site || values.content) || (reports !== undefined && !(Number.isInteger(reports) && reports > 0)) || !Number.isInteger(seed)) {
  console.error(USAGE);
  process.exit(2);
}

const work = join(ROOT, '.tmp', `bench-recall-${process.pid}`);
let site: string;
let content: string;
if (reports !== undefined) {
  content = join(work, 'content');
  mkdirSync(work, { recursive: true });
  let t = Date.now();
  await genCorpusParallel({ reports, seed, out: content });
  console.log(`generated ${reports} reports (seed ${seed}): ${((Date.now() - t) / 1000).toFixed(1)} s`);
  t = Date.now();
  site = await buildSite(content, work);
  console.log(`built and indexed: ${((Date.now() - t) / 1000).toFixed(1)} s`);
} else {
  site = resolve(values.site!);
  content = resolve(values.content!);
}
const server = await serveDist(site);
try {
  const t = Date.now();
  const runs = await runQueries(server.origin, SEARCH_QUERIES.map((q) => q.q));
  const scores = verified(runs).map((r) => score(r, groundTruth(content, r.query)));
  console.log(scoreTable(`recall on ${reports === undefined ? site : `${reports} reports`}, through the search page (${((Date.now() - t) / 1000).toFixed(0)} s)`, scores));
  const missed = scores.reduce((a, s) => a + s.missed.length, 0);
  const wrong = scores.reduce((a, s) => a + s.returned - s.relevant, 0);
  console.log(missed ? `${missed} report(s) not found` : 'recall 100%: every published report containing a query was found');
  console.log(wrong ? `${wrong} result(s) without the query` : 'precision 100%: every result shown contains its query');
  process.exitCode = missed ? 1 : 0;
} finally {
  await server.close();
  if (reports !== undefined && !values.keep) rmSync(work, { recursive: true, force: true });
  else if (reports !== undefined) console.log(`kept ${relative(ROOT, work)}`);
}
