/**
 * `npm run bench -- --reports N [--seed S] [--shards N] [--jobs J] [--content DIR] [--keep]`
 *
 * Generates an N-report corpus (or takes `--content`), builds it with `npm run build`'s script in
 * a work directory and prints wall time and peak memory of each stage (content sync, page
 * rendering, search indexing, per shard for a split build), pages per second, dist/ and index
 * sizes, the time to rebuild after editing one report, and, in headless Chromium, the bytes and
 * time to first results of a fixed set of first queries, and the largest HTML page (raw and
 * gzip-compressed) and the longest table (bench/pages.ts). Figures only, no assertions: these
 * machines are shared and noisy.
 */
import { appendFileSync, mkdirSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { join, relative, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { contentCachePrefix } from '../src/build/paths';
import { runMeasured, type RunResult, type StepFigures } from '../src/build/proc';
import { ROOT, siteBundles } from '../bench/search';
import { measureScopedPreview } from '../bench/preview';
import { dataBytes, printSearchFigures } from './bench-search';
import { pageBudgetRows } from '../bench/pages';

/** First queries measured on the search page: a compound, a name, a one-character term, a rate, a number. */
const QUERIES = ['行政复议', '枫桥经验', '法', '出庭应诉率', '规范性文件', '2023'];

const { values } = parseArgs({
  options: {
    reports: { type: 'string', default: '1000' },
    seed: { type: 'string', default: '1' },
    shards: { type: 'string' },
    jobs: { type: 'string' },
    content: { type: 'string' },
    keep: { type: 'boolean' },
    'no-rebuild': { type: 'boolean' },
    'no-preview': { type: 'boolean' },
    help: { type: 'boolean', short: 'h' },
  },
});
if (values.help) {
  console.log(`用法 / usage: npm run bench -- --reports N [--seed S] [--shards N] [--jobs J] [--content DIR] [--keep]

  --content DIR  用已生成的语料而不重新生成 / build this content directory instead of generating one
  --shards N, --jobs J  传给 npm run build / passed to npm run build
  --keep         保留工作目录 .tmp/bench-*/ / keep the work directory
  --no-rebuild   不测修改后的重建（50,000 份时省时间）/ skip the rebuilds after edits (saves time at 50,000)
  --no-preview   不测按地区预览（npm run dev -- --place）/ skip the scoped preview's first page and edit`);
  process.exit(0);
}

const N = Number(values.reports);
const work = join(ROOT, '.tmp', `bench-${N}-${process.pid}`);
mkdirSync(work, { recursive: true });
const content = values.content ? resolve(values.content) : join(work, 'content');
const out = join(work, 'dist');
const env = { ...process.env, CONTENT_DIR: content };

const mb = (b: number) => `${(b / 2 ** 20).toFixed(0)} MB`;
const s = (ms: number) => `${(ms / 1000).toFixed(1)} s`;

function dirSize(dir: string): number {
  let total = 0;
  for (const f of readdirSync(dir, { recursive: true, encoding: 'utf8' })) {
    const st = statSync(join(dir, f));
    if (st.isFile()) total += st.size;
  }
  return total;
}

type Step = StepFigures;

async function step(name: string, cmd: string, args: string[]): Promise<RunResult> {
  process.stdout.write(`… ${name}\n`);
  const r = await runMeasured(cmd, args, env);
  if (r.code !== 0) {
    console.error(r.output.slice(-4000));
    throw new Error(`${name} failed (exit ${r.code})`);
  }
  return r;
}

const buildArgs = ['tsx', 'scripts/build.ts', '--out', out, '--work', join(work, 'shards')];
if (values.shards) buildArgs.push('--shards', values.shards);
if (values.jobs) buildArgs.push('--jobs', values.jobs);
const stepsOf = (r: RunResult): Step[] => JSON.parse(/^build-steps: (.*)$/m.exec(r.output)![1]).steps;

// A cold first build: no content-layer cache left from an earlier run over the same directory.
const cachePrefix = contentCachePrefix(content);
for (const d of readdirSync(join(ROOT, 'node_modules'))) {
  if (`node_modules/${d}`.startsWith(cachePrefix)) rmSync(join(ROOT, 'node_modules', d), { recursive: true, force: true });
}

const gen = values.content ? undefined : await step(`gen-corpus ${N}`, 'npx', ['tsx', 'scripts/gen-corpus.ts', '--reports', String(N), '--out', content, '--seed', values.seed!]);
const build = await step('build (npm run build)', 'npx', buildArgs);
const steps = stepsOf(build);

// Edit one report's text (append a sentence) and build again, as an official's fix would; then its
// title, which national pages show and so rebuilds more in a split build.
async function rebuilds() {
  const reportsDir = join(content, 'reports');
  const one = readdirSync(reportsDir, { recursive: true, encoding: 'utf8' }).find((f) => f.endsWith('.mdx'))!;
  const file = join(reportsDir, one);
  const original = readFileSync(file);
  appendFileSync(file, '\n本段为基准测试追加的修改。\n');
  const text = await step(`rebuild after editing the text of ${one}`, 'npx', buildArgs);
  writeFileSync(file, readFileSync(file, 'utf8').replace(/^title: (.*)$/m, 'title: $1（修订）'));
  const title = await step(`rebuild after editing the title of ${one}`, 'npx', buildArgs);
  // A given corpus is left as it was found (the site built from it keeps the edits).
  if (values.content) writeFileSync(file, original);
  return { text, title };
}
const rebuild = values['no-rebuild'] ? undefined : await rebuilds();

const distBytes = dirSize(out);
const bundles = siteBundles(out);
const indexBytes = dirSize(join(out, 'pagefind'));
const astroSteps = steps.filter((x) => x.step.startsWith('astro'));
const indexStep = steps.find((x) => x.step === 'search index');
const sum = (xs: Step[], f: (x: Step) => number) => xs.reduce((a, x) => a + f(x), 0);
const pages = sum(astroSteps, (x) => x.pageCount ?? 0);
const pagesSec = sum(astroSteps, (x) => x.pagesSec ?? 0);

console.log('\nsteps of the first build (wall, peak memory of the step):');
for (const x of steps) {
  const stages = x.step.startsWith('astro') ? `  (content sync ${x.syncSec} s, ${x.pageCount} pages in ${x.pagesSec?.toFixed(1)} s)` : '';
  console.log(`  ${x.step.padEnd(20)} ${s(x.ms).padStart(8)} ${mb(x.peakRss).padStart(8)}${stages}`);
}
if (rebuild) {
  console.log(`steps rebuilt after the text edit: ${stepsOf(rebuild.text).map((x) => x.step).join(', ') || 'none'}`);
  console.log(`steps rebuilt after the title edit: ${stepsOf(rebuild.title).map((x) => x.step).join(', ') || 'none'}`);
}

const searchFigures = await printSearchFigures(out, QUERIES);

// An official's scoped preview of one county: its first page, then one edit shown (bench/preview.ts).
async function scopedPreview() {
  process.stdout.write('… scoped preview (npm run dev -- --place <county>)\n');
  return measureScopedPreview({ root: ROOT, contentDir: content, log: (l) => console.log(`  ${l}`) });
}
const preview = values['no-preview'] ? undefined : await scopedPreview();

const rows: [string, string][] = [
  ['reports', String(N)],
  ['corpus generation', gen ? s(gen.ms) : `(given: ${relative(ROOT, content)})`],
  ['shards', String(astroSteps.length === 1 ? 'none (one build)' : `${astroSteps.length - 1} + national`)],
  ['site + search build (wall, peak)', `${s(build.ms)}, ${mb(build.peakRss)}`],
  ['  astro, all steps (sum of walls)', `${s(sum(astroSteps, (x) => x.ms))}, content sync ${sum(astroSteps, (x) => x.syncSec ?? 0)} s`],
  ['  page rendering', `${pagesSec.toFixed(1)} s for ${pages} pages (${(pages / pagesSec).toFixed(0)} pages/s)`],
  ['  search index (beside the site, wall)', indexStep ? s(indexStep.ms) : '—'],
  ['dist/ size', mb(distBytes)],
  ['search index size', `${mb(indexBytes)} in ${bundles.length} bundle(s)`],
  ...pageBudgetRows(out),
  ...(rebuild
    ? ([
        ['rebuild after editing a report’s text', `${s(rebuild.text.ms)}, ${mb(rebuild.text.peakRss)}`],
        ['rebuild after editing a report’s title', `${s(rebuild.title.ms)}, ${mb(rebuild.title.peakRss)}`],
      ] as [string, string][])
    : []),
  ...(preview
    ? ([
        [`scoped preview: first page (${preview.place})`, s(preview.firstPageMs)],
        ['scoped preview: an edit shown', s(preview.editMs)],
      ] as [string, string][])
    : []),
  ...searchFigures.map((m): [string, string] => [
    `first query ${m.query}`,
    `${m.ms.toFixed(0)} ms (${m.afterLoadMs.toFixed(0)} ms after load), ${(dataBytes(m) / 1024).toFixed(0)} KiB index+fragments; count ${m.countAfterLoadMs === undefined ? '—' : `${m.countAfterLoadMs.toFixed(0)} ms after load`}`,
  ]),
];
console.log(`\n基准结果 / benchmark (${new Date().toISOString()}, ${relative(ROOT, work)})`);
for (const [k, v] of rows) console.log(`${k.padEnd(38)} ${v}`);
writeFileSync(
  join(work, 'bench.json'),
  JSON.stringify({ rows: Object.fromEntries(rows), steps, rebuildSteps: rebuild && { text: stepsOf(rebuild.text), title: stepsOf(rebuild.title) } }, null, 1),
);
if (!values.keep) rmSync(work, { recursive: true, force: true });
