/**
 * `npm run build`: the production site and its search index in dist/.
 *
 * A small site is one `astro build`. A large one (more than SHARD_AT reports, or `--shards N`) is
 * built as shards (src/lib/shards.ts): shard 0 the national pages, shards 1..N a group of
 * provinces each; `--jobs` of them at a time, each skipped when its inputs (code, places, its
 * provinces' reports) are unchanged since its last build, then assembled into dist/. On separate
 * machines, each runs `--shard k` and one runs `--assemble` over the shards' outputs copied into
 * .shards/ (see README).
 *
 * Either way the report pages are then indexed with Pagefind, one search bundle per year (see
 * bundlePath); in a split build a year is indexed again only when one of its pages changed.
 */
import { createHash } from 'node:crypto';
import { copyFileSync, existsSync, linkSync, mkdirSync, readdirSync, readFileSync, renameSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import { dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { reportIds } from '../src/lib/build-scope';
import { outline, partsCovered } from '../src/lib/compliance';
import { splitFrontmatter } from '../src/lib/validate';
import { bundleDir, countByProvince, keepInAssembly, planShards, provinceOf, reportPageYear, shardCountFor, sitemapIndex } from '../src/lib/shards';
import { SITE_URL } from '../src/lib/site';
import { astroStages, runMeasured, type StepFigures } from '../src/lib/proc';

/** Sites up to this many reports build in one piece; above, in shards of about SHARD_SIZE reports. */
export const SHARD_AT = 2000;
export const SHARD_SIZE = 1500;

const USAGE = `用法 / usage: npm run build [-- --shards N] [--jobs J] [--out DIR] [--shard K | --assemble]

  --shards N   分片数（默认：报告数超过 ${SHARD_AT} 时每约 ${SHARD_SIZE} 份一片，否则不分片）
               number of shards (default: one per ~${SHARD_SIZE} reports above ${SHARD_AT} reports, else none)
  --jobs J     同时构建的分片数 / shards built at a time (default: CPU count)
  --out DIR    输出目录 / output directory (default dist)
  --shard K    只构建第 K 片（0 为全国页面）到 .shards/K/，供多台机器并行
               build only shard K (0 = national pages) into .shards/K/, for parallel runners
  --assemble   把 .shards/*/ 中已构建的分片合并到输出目录 / assemble built shards into the output
  --work DIR   分片的工作目录（须在项目内）/ where shards are built, inside the project (default .shards)

最后一行 build-steps: {…} 给出每一步的耗时与峰值内存（供 npm run bench 读取）。
The last line, build-steps: {…}, gives each step's wall time and peak memory (read by npm run bench).`;

const ROOT = fileURLToPath(new URL('..', import.meta.url));
process.chdir(ROOT);

const { values } = parseArgs({
  options: {
    shards: { type: 'string' },
    jobs: { type: 'string' },
    out: { type: 'string', default: 'dist' },
    shard: { type: 'string' },
    work: { type: 'string', default: '.shards' },
    assemble: { type: 'boolean' },
    help: { type: 'boolean', short: 'h' },
  },
});
if (values.help) {
  console.log(USAGE);
  process.exit(0);
}

const contentDir = resolve(process.env.CONTENT_DIR ?? 'content');
const reportsDir = join(contentDir, 'reports');
const ids = reportIds(reportsDir);
const counts = countByProvince(ids);
const wanted = values.shards ? Number(values.shards) : ids.length > SHARD_AT ? Math.ceil(ids.length / SHARD_SIZE) : 1;
if (!Number.isInteger(wanted) || wanted < 1) throw new Error(`--shards 必须是正整数 / --shards must be a positive integer (got ${values.shards})`);
const shardCount = shardCountFor(wanted, counts.size);
if (shardCount < wanted) console.log(`只有 ${counts.size} 个省份有报告，分为 ${shardCount} 片 / ${counts.size} provinces have reports: ${shardCount} shards`);
const out = resolve(values.out!);
const bin = (name: string) => join(ROOT, 'node_modules/.bin', name);

/** Each step's figures, printed at the end for npm run bench. */
const steps: StepFigures[] = [];

async function run(step: string, cmd: string, args: string[], env: NodeJS.ProcessEnv = {}, prefix = ''): Promise<string> {
  const r = await runMeasured(cmd, args, { ...process.env, ...env }, prefix);
  if (r.code !== 0) throw new Error(`${prefix}${step} 失败 / failed (exit ${r.code}): ${cmd} ${args.join(' ')}\n${r.output.slice(-3000)}`);
  steps.push({ step, ms: Math.round(r.ms), peakRss: r.peakRss, ...(cmd.endsWith('astro') ? astroStages(r.output) : {}) });
  return r.output;
}

/**
 * Astro bundles the whole content store as one module; for the national shard of a very large site
 * (80 MB of frontmatter at 50,000 reports) that needs more than Node's default heap of about 4 GB.
 */
const HEAP = { NODE_OPTIONS: process.env.NODE_OPTIONS ?? '--max-old-space-size=16384' };

const astro = (name: string, dist: string, env: NodeJS.ProcessEnv = {}, prefix = '') =>
  run(`astro ${name}`, bin('astro'), ['build', '--outDir', dist], { ...HEAP, ...env }, prefix);

/**
 * Indexes one year's report pages (/places/<place>/<year>/, the only pages with
 * data-pagefind-body: parsing the others is wasted work) into the search bundle at `output`.
 */
const pagefind = (year: number, site: string, output: string) =>
  run(`pagefind ${year}`, bin('pagefind'), ['--site', site, '--glob', `places/**/${year}/index.html`, '--output-path', output], {}, `[pagefind ${year}] `);

/** The report pages of a built site by year, as site-relative paths. */
function reportPagesByYear(site: string): Map<number, string[]> {
  const byYear = new Map<number, string[]>();
  const places = join(site, 'places');
  if (!existsSync(places)) return byYear;
  for (const f of readdirSync(places, { recursive: true, encoding: 'utf8' })) {
    const rel = `places/${f.split('\\').join('/')}`;
    const year = reportPageYear(rel);
    if (year !== undefined) byYear.set(year, [...(byYear.get(year) ?? []), rel]);
  }
  for (const pages of byYear.values()) pages.sort();
  return new Map([...byYear].sort((a, b) => b[0] - a[0]));
}

/**
 * Checks a built site before it replaces the old one: every report the national open data lists
 * has its page (a shard that lost entries would otherwise shrink the site and its search without
 * a word), and the search page offers exactly the years that have a search bundle.
 */
function checkSite(site: string, indexed: readonly number[]): void {
  const { reports } = JSON.parse(readFileSync(join(site, 'data/reports.json'), 'utf8')) as { reports: { url: string }[] };
  const missing = reports.map((r) => new URL(r.url).pathname).filter((path) => !existsSync(join(site, path, 'index.html')));
  if (missing.length) {
    throw new Error(
      `缺少 ${missing.length} 个报告页（分片构建不完整，请删除 ${relative(ROOT, resolve(values.work!))} 后重新构建）/ ${missing.length} report pages missing:\n${missing.slice(0, 20).join('\n')}`,
    );
  }
  const select = /<select[^>]*data-filter="year"[^>]*>([\s\S]*?)<\/select>/.exec(readFileSync(join(site, 'search/index.html'), 'utf8'));
  const offered = [...(select?.[1] ?? '').matchAll(/<option value="(\d{4})"/g)].map((m) => Number(m[1])).sort();
  if (offered.join() !== [...indexed].sort().join()) {
    throw new Error(`搜索页的年度（${offered.join('、')}）与已建索引的年度（${[...indexed].sort().join('、')}）不一致 / search page years differ from indexed years`);
  }
}

const printSteps = (extra: Record<string, number> = {}) => console.log(`build-steps: ${JSON.stringify({ steps, ...extra })}`);

if (shardCount === 1 && values.shard === undefined && !values.assemble) {
  await astro('site', out);
  const years = [...reportPagesByYear(out).keys()];
  for (const year of years) await pagefind(year, out, join(out, bundleDir(year)));
  checkSite(out, years);
  printSteps();
  process.exit(0);
}

const plan = planShards(counts, shardCount);
const work = resolve(values.work!);
if (!work.startsWith(ROOT)) throw new Error(`--work 必须在项目目录内 / --work must be inside the project (${ROOT}): Astro shares build files between outputs outside it`);
const shardDir = (k: number) => join(work, String(k));

function filesUnder(dir: string): string[] {
  return existsSync(dir) ? readdirSync(dir, { recursive: true, encoding: 'utf8' }).filter((f) => statSync(join(dir, f)).isFile()).sort() : [];
}

const digests = new Map<number, string>();

/**
 * Digest of everything shard k's output depends on; an unchanged digest means its last output
 * still holds. Taken once, before building: an edit made during the build is seen by the next one.
 */
function inputDigest(k: number): string {
  const known = digests.get(k);
  if (known) return known;
  const h = createHash('sha256');
  h.update(JSON.stringify({ k, shardCount, site: SITE_URL, drafts: process.env.INCLUDE_DRAFTS ?? '', contentDir }));
  const code = ['src', 'public'].flatMap((d) => filesUnder(d).map((f) => join(d, f)));
  for (const f of [...code, 'astro.config.mjs', 'package-lock.json', 'tsconfig.json', join(contentDir, 'places.yaml')]) {
    if (existsSync(f)) h.update(`${f}\0`).update(readFileSync(f));
  }
  for (const id of ids) {
    if (k !== 0 && plan.get(provinceOf(id)) !== k) continue;
    const file = readFileSync(join(reportsDir, `${id}.mdx`), 'utf8');
    h.update(`${id}\0`);
    if (k > 0) h.update(file);
    else {
      // National pages show frontmatter and the required parts a body covers, never the text:
      // an edit of the text alone rebuilds only the report's own shard (which also checks its quotes).
      const parts = splitFrontmatter(file);
      h.update(parts?.yaml ?? file).update(JSON.stringify(partsCovered(outline(parts?.body ?? ''))));
    }
  }
  digests.set(k, h.digest('hex'));
  return digests.get(k)!;
}

/** True if shard k's last output was built from the inputs it has now. */
function upToDate(k: number): boolean {
  const stamp = join(shardDir(k), 'inputs.sha256');
  return existsSync(stamp) && existsSync(join(shardDir(k), 'dist')) && readFileSync(stamp, 'utf8') === inputDigest(k);
}

/**
 * Builds shards `ks` (their pages; search bundles come after assembly), `jobs` at a time. The
 * first failure stops the queue; builds already running finish.
 */
async function buildShards(ks: readonly number[]): Promise<void> {
  const queue = [...ks];
  let failure: unknown;
  const worker = async () => {
    while (failure === undefined && queue.length) {
      const k = queue.shift()!;
      try {
        rmSync(shardDir(k), { recursive: true, force: true });
        mkdirSync(shardDir(k), { recursive: true });
        await astro(`${k}/${shardCount}`, join(shardDir(k), 'dist'), { SHARD: `${k}/${shardCount}` }, `[${k}/${shardCount}] `);
        // The stamp is written last: a shard whose build failed or was cut off is built again.
        writeFileSync(join(shardDir(k), 'inputs.sha256'), inputDigest(k));
      } catch (e) {
        failure ??= e;
      }
    }
  };
  await Promise.all(Array.from({ length: jobs }, worker));
  if (failure !== undefined) throw failure;
}

/** Hard links where the file system allows (fast, no extra space), copies elsewhere. */
function place(from: string, to: string) {
  mkdirSync(dirname(to), { recursive: true });
  try {
    linkSync(from, to);
  } catch {
    copyFileSync(from, to);
  }
}

/**
 * Indexes each year's report pages of the assembled site `site` into its search bundle, kept in
 * the work directory and linked into the site. A year whose pages (and code) are unchanged since
 * its last indexing keeps its bundle: after an edit of one report only its year is indexed again.
 * One Pagefind run at a time: it needs about 1.5 MB per Chinese page and more than one core.
 */
async function indexYears(site: string): Promise<{ years: number[]; indexed: number[] }> {
  const years: number[] = [];
  const indexed: number[] = [];
  for (const [year, pages] of reportPagesByYear(site)) {
    const dir = join(work, 'index', String(year));
    const h = createHash('sha256').update(readFileSync('package-lock.json'));
    for (const rel of pages) h.update(`${rel}\0`).update(readFileSync(join(site, rel)));
    const digest = h.digest('hex');
    const stamp = join(dir, 'inputs.sha256');
    if (!(existsSync(stamp) && readFileSync(stamp, 'utf8') === digest)) {
      rmSync(dir, { recursive: true, force: true });
      await pagefind(year, site, join(dir, 'bundle'));
      writeFileSync(stamp, digest);
      indexed.push(year);
    }
    for (const rel of filesUnder(join(dir, 'bundle'))) place(join(dir, 'bundle', rel), join(site, bundleDir(year), rel));
    years.push(year);
  }
  return { years, indexed };
}

/**
 * Assembles the shards' pages into a sibling directory, indexes them and swaps the result in, so
 * a failed or cut-off assembly leaves the old site as it was.
 */
async function assemble(): Promise<number[]> {
  const next = `${out}.assembling`;
  rmSync(next, { recursive: true, force: true });
  const sitemaps: string[] = [];
  for (let k = 0; k <= shardCount; k++) {
    const dist = join(shardDir(k), 'dist');
    if (!existsSync(dist)) throw new Error(`分片 ${k} 尚未构建（缺少 ${relative(ROOT, dist)}）/ shard ${k} has not been built`);
    for (const rel of filesUnder(dist)) {
      if (!keepInAssembly(rel, k, plan) || existsSync(join(next, rel))) continue;
      place(join(dist, rel), join(next, rel));
      if (/^sitemap-\d+-\d+\.xml$/.test(rel)) sitemaps.push(rel);
    }
  }
  writeFileSync(join(next, 'sitemap-index.xml'), sitemapIndex(SITE_URL, sitemaps));
  const { years, indexed } = await indexYears(next);
  checkSite(next, years);
  rmSync(out, { recursive: true, force: true });
  renameSync(next, out);
  return indexed;
}

const jobs = Math.max(1, Number(values.jobs ?? availableParallelism()));
const started = Date.now();
if (values.shard !== undefined) {
  const k = Number(values.shard);
  if (!(k >= 0 && k <= shardCount)) throw new Error(`--shard 应在 0 到 ${shardCount} 之间 / --shard must be 0…${shardCount}`);
  const changed = !upToDate(k);
  if (changed) await buildShards([k]);
  console.log(`分片 / shard ${k}/${shardCount}: ${changed ? 'built' : 'unchanged'}`);
  printSteps();
} else {
  if (!values.assemble) {
    // Shard 0 first: it reads every entry and is the longest to sync.
    const all = Array.from({ length: shardCount + 1 }, (_, k) => k);
    const changed = all.filter((k) => !upToDate(k));
    await buildShards(changed);
    console.log(all.map((k) => `分片 / shard ${k}: ${changed.includes(k) ? 'built' : 'unchanged'}`).join('\n'));
  }
  const t = Date.now();
  const indexed = await assemble();
  console.log(`搜索索引 / search bundles indexed: ${indexed.join(' ') || '(none changed)'}`);
  console.log(`${shardCount} 个分片已合并到 / shards assembled into ${relative(ROOT, out) || out} (${((Date.now() - started) / 1000).toFixed(1)} s)`);
  printSteps({ assembleMs: Date.now() - t });
}
