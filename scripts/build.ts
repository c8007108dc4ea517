/**
 * `npm run build`: the production site and its search index in dist/.
 *
 * A small site is one `astro build`. A large one (more than SHARD_AT reports, or `--shards N`) is
 * built as shards (src/build/shards.ts): shard 0 the national pages, shards 1..N a group of
 * provinces each; `--jobs` of them at a time, each skipped when its inputs (code, places, its
 * provinces' reports) are unchanged since its last build, then assembled into dist/. On separate
 * machines, each runs `--shard k` (and one `--search`) and one runs `--assemble` over their
 * outputs copied into .shards/ (see README).
 *
 * Either way the search index is built from the content beside the site, at the same time
 * (src/lib/search/indexer.ts): bundles per part of a year, each indexed again only when its reports'
 * searchable text changed, then linked into the site, which is checked before it replaces dist/.
 *
 * Safe to run (src/build/): `--out` and `--work` are checked before anything is touched; one
 * build at a time per output and per work directory (lock files); the site is published by renames
 * that leave a complete site whenever the build is stopped; no Astro server file is published; and
 * no Astro process sends telemetry.
 */
import { createHash } from 'node:crypto';
import { copyFileSync, existsSync, linkSync, mkdirSync, readdirSync, readFileSync, renameSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { setImmediate as tick } from 'node:timers/promises';
import { availableParallelism } from 'node:os';
import { dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { reportIds } from '../src/build/scope';
import { outline, partsCovered } from '../src/lib/figures/compliance';
import { CONTENT_PROBLEMS, splitFrontmatter } from '../src/lib/content/validate';
import { countByProvince, keepInAssembly, planShards, provinceOf, reportPageYear, shardCountFor } from '../src/build/shards';
import { manifestFile, type PageManifest } from '../src/build/incremental';
import { SitemapIndexStream, SitemapStream, streamToPromise } from 'sitemap';
import { Readable } from 'node:stream';
import { BUNDLE_LIST_ID, BUNDLE_LIST_PATH, bundleList, bundlePath, planBundles, stopListPath, type Bundle, type BundleList } from '../src/lib/search/bundles';
import { BundleWriter, bundleWorkDir, searchSourcesByYear, stopListWorkFile, yearStopPairs, type SearchSource } from '../src/lib/search/indexer';
import { buildConfig } from '../src/lib/config';
import { astroStages, runMeasured, stopChildren, type StepFigures } from '../src/build/proc';
import { acquireLock, LockTimeout, releaseOnExit, type Lock } from '../src/build/lock';
import { checkBuildPaths, markBuilt, within } from '../src/build/paths-guard';
import { moveDir, publish, removeServerFiles, restoreInterrupted, serverFiles, stagingDir } from '../src/build/publish';
import { childEnv } from '../src/build/env';

/**
 * Sites up to this many reports build in one piece (an incremental one: a rebuild renders only
 * what changed); above, in shards of about SHARD_SIZE reports, whose fixed costs (each an astro
 * build) are worth their bounded memory. `--shards N` splits any site, e.g. for parallel runners.
 */
export const SHARD_AT = 20000;
export const SHARD_SIZE = 10000;

const USAGE = `用法 / usage: npm run build [-- --shards N] [--jobs J] [--out DIR] [--work DIR] [--wait S] [--shard K | --search | --assemble]

  --shards N   分片数（默认：报告数超过 ${SHARD_AT} 时每约 ${SHARD_SIZE} 份一片，否则不分片）
               number of shards (default: one per ~${SHARD_SIZE} reports above ${SHARD_AT} reports, else none)
  --jobs J     同时构建的分片数 / shards built at a time (default: CPU count)
  --out DIR    输出目录 / output directory (default dist)
  --shard K    只构建第 K 片（0 为全国页面）到 .shards/K/，供多台机器并行
               build only shard K (0 = national pages) into .shards/K/, for parallel runners
  --search     只构建搜索索引到 .shards/index/，供多台机器并行 / build only the search index into .shards/index/
  --assemble   把 .shards/*/ 中已构建的分片与索引合并到输出目录 / assemble built shards (and the index) into the output
  --work DIR   工作目录（分片构建时须在项目内）/ work directory, inside the project for shards (default .shards)
  --wait S     同一输出或工作目录正在构建时最多等待的秒数 / seconds to wait for another build of the same
               output or work directory (default 1800)

--out 与 --work 不能是项目目录及其上级、content/、src/ 等项目文件夹，也不能是非构建生成的非空目录。
--out and --work may not be the project or above it, content/, src/ or another project folder, nor a
non-empty directory the build did not make (it marks its own with a .fazhi-build file).

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
    wait: { type: 'string', default: '1800' },
    assemble: { type: 'boolean' },
    search: { type: 'boolean' },
    help: { type: 'boolean', short: 'h' },
  },
});
if (values.help) {
  console.log(USAGE);
  process.exit(0);
}

const config = buildConfig();
const contentDir = resolve(config.contentDir);
// `--shard` and `--search` write only into the work directory.
const writesOut = values.shard === undefined && !values.search;
const out = resolve(values.out!);

// Nothing is read, locked or deleted before both paths are known to be the build's to write.
const paths = checkBuildPaths({ root: ROOT, contentDir, out: writesOut ? out : undefined, work: resolve(values.work!) });
if (paths.problems.length) {
  console.error(`${paths.problems.join('\n')}\n构建未开始，没有改动任何文件 / the build did not start; nothing was changed.`);
  process.exit(1);
}
for (const notice of paths.notices) console.log(notice);
const waitSec = Number(values.wait);
if (!(waitSec >= 0)) throw new Error(`--wait 必须是非负秒数 / --wait must be a number of seconds (got ${values.wait})`);

// One build at a time per output and per work directory (whose page state and search index a
// build rewrites); released however the build ends. Always the output first, so two builds
// never each hold one lock while waiting for the other.
const locks: Lock[] = [];
const named = (p: string) => (within(p, ROOT) && relative(ROOT, p)) || p;
releaseOnExit(() => locks, (signal) => stopChildren(signal));
try {
  if (writesOut) {
    mkdirSync(dirname(out), { recursive: true });
    locks.push(await acquireLock(`${out}.lock`, { what: named(out), timeoutMs: waitSec * 1000, log: console.log }));
    // First, with the lock held: a build stopped between its two renames left the old site aside.
    const restored = restoreInterrupted(out);
    if (restored) console.log(restored);
  }
  const workDir = resolve(values.work!);
  mkdirSync(workDir, { recursive: true });
  markBuilt(workDir);
  locks.push(await acquireLock(join(workDir, '.lock'), { what: named(workDir), timeoutMs: waitSec * 1000, log: console.log }));
} catch (e) {
  if (!(e instanceof LockTimeout)) throw e;
  console.error(e.message);
  process.exit(1);
}

const reportsDir = join(contentDir, 'reports');
const ids = reportIds(reportsDir);
const counts = countByProvince(ids);
const wanted = values.shards ? Number(values.shards) : ids.length > SHARD_AT ? Math.ceil(ids.length / SHARD_SIZE) : 1;
if (!Number.isInteger(wanted) || wanted < 1) throw new Error(`--shards 必须是正整数 / --shards must be a positive integer (got ${values.shards})`);
const shardCount = shardCountFor(wanted, counts.size);
if (shardCount < wanted) console.log(`只有 ${counts.size} 个省份有报告，分为 ${shardCount} 片 / ${counts.size} provinces have reports: ${shardCount} shards`);
const bin = (name: string) => join(ROOT, 'node_modules/.bin', name);

/** Each step's figures, printed at the end for npm run bench. */
const steps: StepFigures[] = [];

async function run(step: string, cmd: string, args: string[], env: NodeJS.ProcessEnv = {}, prefix = ''): Promise<string> {
  const r = await runMeasured(cmd, args, childEnv(process.env, env), prefix);
  if (r.code !== 0) {
    // Content problems are listed whole (every file, every line); otherwise the end of the log says why.
    const at = r.output.indexOf(CONTENT_PROBLEMS);
    const detail = at >= 0 ? r.output.slice(r.output.lastIndexOf('\n', at) + 1) : r.output.slice(-3000);
    throw new Error(`${prefix}${step} 失败 / failed (exit ${r.code}): ${cmd} ${args.join(' ')}\n${detail}`);
  }
  steps.push({ step, ms: Math.round(r.ms), peakRss: r.peakRss, ...(cmd.endsWith('astro') ? astroStages(r.output) : {}) });
  return r.output;
}

/**
 * Node settings for astro builds. Astro holds every entry's frontmatter in memory (the content
 * store; 80 MB of JSON at 50,000 reports), so very large sites need more than Node's default heap
 * of about 4 GB. Rendering thousands of pages allocates short-lived strings fast: a larger young
 * generation (semi-space) cuts garbage collection by about a third.
 */
const HEAP = { NODE_OPTIONS: process.env.NODE_OPTIONS ?? '--max-old-space-size=16384 --max-semi-space-size=64' };

const astro = (name: string, dist: string, env: NodeJS.ProcessEnv = {}, prefix = '') =>
  run(`astro ${name}`, bin('astro'), ['build', '--outDir', dist], { ...HEAP, ...env }, prefix);

/** The report pages of a built site, as URL paths (`/places/<place id>/<year>/`). */
function reportPages(site: string): string[] {
  const places = join(site, 'places');
  if (!existsSync(places)) return [];
  return readdirSync(places, { recursive: true, encoding: 'utf8' })
    .map((f) => `places/${f.split('\\').join('/')}`)
    .filter((rel) => reportPageYear(rel) !== undefined)
    .map((rel) => `/${rel.replace(/index\.html$/, '')}`)
    .sort();
}

const drafts = config.drafts;
const indexWork = () => join(resolve(values.work!), 'index');

/**
 * Builds the search bundles from the content while `siteBuilt` (the site directory, once built)
 * is on its way: year by year, newest first, each year's bundles go to Pagefind as soon as its
 * search documents are made. Resolves with the site directory and all bundles.
 */
async function searchIndex(siteBuilt: Promise<string | undefined>): Promise<{ site?: string; bundles: Bundle<SearchSource>[] }> {
  const t = performance.now();
  // One bundle at a time while the site is being built beside it (more threads than cores only
  // thrash), then as many as there are cores.
  const writer = new BundleWriter(indexWork(), 1);
  void siteBuilt.finally(() => writer.setConcurrency(availableParallelism())).catch(() => {});
  const bundles: Bundle<SearchSource>[] = [];
  let failure: unknown;
  try {
    for await (const sources of searchSourcesByYear(contentDir, drafts, tick)) {
      const planned = planBundles(sources);
      bundles.push(...planned);
      writer.add(sources[0].year, planned, await yearStopPairs(sources[0].year, sources, indexWork()));
    }
    console.log(`搜索文档 / search documents: ${bundles.reduce((n, b) => n + b.sources.length, 0)} (${((performance.now() - t) / 1000).toFixed(1)} s)`);
  } catch (e) {
    failure = e;
  }
  // The site's failure comes first: an entry that breaks the index breaks the build, with the build's message.
  const site = await siteBuilt.finally(() => writer.done().catch(() => {}));
  if (failure) throw failure;
  const figures = await writer.done();
  const indexed = figures.filter((f) => f.indexed);
  steps.push({ step: 'search index', ms: Math.round(performance.now() - t), peakRss: 0 });
  console.log(
    `搜索索引 / search bundles: ${figures.length}, indexed ${indexed.length}: ${indexed.map((f) => `${f.bundle} (${f.reports}, ${(f.ms / 1000).toFixed(1)} s)`).join(' ') || 'none changed'}`,
  );
  return { site, bundles };
}

/**
 * Links the bundles into `site` and writes their list, then checks the site before it is
 * published: it holds no Astro server file, every report the national open data lists has its
 * page (a shard that lost entries would otherwise shrink the site without a word), the indexed
 * reports are exactly the report pages, and the search page lists exactly the bundles built.
 */
function publishIndex(site: string, bundles: readonly Bundle<SearchSource>[]): void {
  const server = serverFiles(site);
  if (server.length) {
    throw new Error(`网站中有 Astro 的服务器端文件，不能发布 / the site holds Astro server files, which are never published:\n${server.slice(0, 20).join('\n')}`);
  }
  for (const b of bundles) {
    const dir = join(bundleWorkDir(indexWork(), b), 'bundle');
    for (const rel of filesUnder(dir)) place(join(dir, rel), join(site, bundlePath(b), rel));
  }
  for (const year of new Set(bundles.map((b) => b.year))) place(stopListWorkFile(indexWork(), year), join(site, stopListPath(year)));
  writeFileSync(join(site, BUNDLE_LIST_PATH), JSON.stringify(bundleList(bundles)));

  const { reports } = JSON.parse(readFileSync(join(site, 'data/reports.json'), 'utf8')) as { reports: { url: string }[] };
  const missing = reports.map((r) => new URL(r.url).pathname).filter((path) => !existsSync(join(site, path, 'index.html')));
  if (missing.length) {
    throw new Error(
      `缺少 ${missing.length} 个报告页（分片构建不完整，请删除 ${relative(ROOT, resolve(values.work!))} 后重新构建）/ ${missing.length} report pages missing:\n${missing.slice(0, 20).join('\n')}`,
    );
  }
  const pages = new Set(reportPages(site));
  const indexed = new Set(bundles.flatMap((b) => b.sources.map((s) => s.url)));
  const unindexed = [...pages].filter((u) => !indexed.has(u));
  const stray = [...indexed].filter((u) => !pages.has(u));
  if (unindexed.length || stray.length) {
    throw new Error(
      `搜索索引与报告页不一致 / the search index does not match the report pages:\n` +
        `${unindexed.slice(0, 10).map((u) => `未建索引 / not indexed: ${u}`).join('\n')}\n${stray.slice(0, 10).map((u) => `没有页面 / no page: ${u}`).join('\n')}`,
    );
  }
  // The search page lists the bundles it will open (src/data/routes.ts, searchBundleList): they must be these.
  const page = readFileSync(join(site, 'search/index.html'), 'utf8');
  const raw = new RegExp(`<script type="application/json" id="${BUNDLE_LIST_ID}">([^<]*)</script>`).exec(page)?.[1];
  // Tags are the page's own (cache keys); the bundles and stop lists must be the ones built.
  const listed = raw && JSON.stringify({ years: (JSON.parse(raw) as BundleList).years.map(({ tag: _tag, ...y }) => y) });
  const built = JSON.stringify(bundleList(bundles));
  if (listed !== built) {
    throw new Error(`搜索页列出的索引与已建索引不一致 / the search page lists other search bundles than were built:\n${listed}\n${built}`);
  }
}

const printSteps = (extra: Record<string, number> = {}) => console.log(`build-steps: ${JSON.stringify({ steps, ...extra })}`);

function filesUnder(dir: string): string[] {
  return existsSync(dir) ? readdirSync(dir, { recursive: true, encoding: 'utf8' }).filter((f) => statSync(join(dir, f)).isFile()).sort() : [];
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

/** Digest of the code and settings every page depends on; a change means every page is rendered again. */
function codeDigest(extra: unknown = {}): string {
  const h = createHash('sha256');
  h.update(JSON.stringify({ extra, site: config.siteUrl, drafts: config.drafts, contentDir }));
  const code = ['src', 'public'].flatMap((d) => filesUnder(d).map((f) => join(d, f)));
  for (const f of [...code, 'astro.config.mjs', 'package-lock.json', 'tsconfig.json', join(contentDir, 'places.yaml')]) {
    if (existsSync(f)) h.update(`${f}\0`).update(readFileSync(f));
  }
  return h.digest('hex');
}

/**
 * Writes the sitemap of a finished site (sitemap-index.xml, sitemap-0.xml …): every page but the
 * search page and the 404 page. Made from the site's files, so it lists exactly what is published,
 * however the pages were built (whole, incrementally or in shards).
 */
async function writeSitemap(site: string): Promise<void> {
  const urls = filesUnder(site)
    .filter((f) => f.endsWith('.html') && !f.startsWith('pagefind/') && f !== '404.html' && f !== 'search/index.html')
    .map((f) => ({ url: `/${f.replace(/(^|\/)index\.html$/, '$1')}` }));
  const files: string[] = [];
  // At most 50,000 URLs per sitemap file (sitemaps.org).
  for (let i = 0; i * 45000 < urls.length || i === 0; i++) {
    const xml = await streamToPromise(Readable.from(urls.slice(i * 45000, (i + 1) * 45000)).pipe(new SitemapStream({ hostname: config.siteUrl })));
    files.push(`sitemap-${i}.xml`);
    writeFileSync(join(site, files.at(-1)!), xml);
  }
  const index = await streamToPromise(Readable.from(files.map((f) => ({ url: new URL(f, config.siteUrl).href }))).pipe(new SitemapIndexStream()));
  writeFileSync(join(site, 'sitemap-index.xml'), index);
}

/** Deletes what Astro may leave of its server side in a built site (see serverFiles), saying so. */
function dropServerFiles(site: string): void {
  const removed = removeServerFiles(site);
  if (removed.length) console.log(`已删除 Astro 的服务器端文件 / removed Astro server files: ${removed.join(' ')}`);
}

/**
 * Takes from the last build (`prev`) every page the incremental build left out because its props
 * were unchanged (the route manifests in `state`, see src/build/incremental.ts).
 */
function carryOver(state: string, prev: string, next: string): number {
  let carried = 0;
  const nextDir = join(state, 'next');
  for (const f of existsSync(nextDir) ? readdirSync(nextDir) : []) {
    const route = f.replace(/\.json$/, '');
    const now = JSON.parse(readFileSync(manifestFile(state, 'next', route), 'utf8')) as PageManifest;
    const currentFile = manifestFile(state, 'current', route);
    const before = existsSync(currentFile) ? (JSON.parse(readFileSync(currentFile, 'utf8')) as PageManifest) : {};
    for (const [path, digest] of Object.entries(now)) {
      const rel = path.endsWith('/') ? `${path.slice(1)}index.html` : path.slice(1);
      if (existsSync(join(next, rel))) continue;
      if (before[path] !== digest || !existsSync(join(prev, rel))) {
        throw new Error(`增量构建的记录与上次的输出不一致，请删除 ${relative(ROOT, state)} 后重新构建 / incremental state does not match the last output (${path})`);
      }
      place(join(prev, rel), join(next, rel));
      carried++;
    }
  }
  return carried;
}

/**
 * A whole-site build, incremental page by page: when the code, settings and places are what they
 * were at the last build into the output, Astro renders only the pages whose props changed
 * (src/build/incremental.ts) and the others are taken from that build. Built beside the output,
 * which it replaces once complete and checked.
 */
async function buildWhole(): Promise<void> {
  const state = join(resolve(values.work!), 'pages');
  const code = codeDigest();
  const stamp = join(state, 'code.sha256');
  const incremental = existsSync(join(out, 'index.html')) && existsSync(stamp) && readFileSync(stamp, 'utf8') === code;
  if (!incremental) rmSync(state, { recursive: true, force: true });
  rmSync(join(state, 'next'), { recursive: true, force: true });
  mkdirSync(state, { recursive: true });
  const next = `${out}.next`;
  const staging = stagingDir(next, ROOT);
  rmSync(next, { recursive: true, force: true });
  const built = astro('site', staging, { PAGE_CACHE: state }).then(
    () => {
      moveDir(staging, next);
      dropServerFiles(next);
      if (incremental) console.log(`增量构建 / incremental: ${carryOver(state, out, next)} pages kept from the last build`);
      return next;
    },
    (e: unknown) => {
      // A staging directory of an output outside the project is one per output: none left behind.
      if (staging !== next) rmSync(staging, { recursive: true, force: true });
      throw e;
    },
  );
  const { bundles } = await searchIndex(built);
  publishIndex(next, bundles);
  await writeSitemap(next);
  // The stamp goes first and comes back last: a build cut off in between starts afresh.
  rmSync(stamp, { force: true });
  publish(next, out);
  rmSync(join(state, 'current'), { recursive: true, force: true });
  if (existsSync(join(state, 'next'))) renameSync(join(state, 'next'), join(state, 'current'));
  writeFileSync(stamp, code);
}

if (shardCount === 1 && values.shard === undefined && !values.assemble && !values.search) {
  await buildWhole();
  printSteps();
  process.exit(0);
}

const plan = planShards(counts, shardCount);
const work = resolve(values.work!);
if (!work.startsWith(ROOT)) throw new Error(`--work 必须在项目目录内 / --work must be inside the project (${ROOT}): Astro shares build files between outputs outside it`);
const shardDir = (k: number) => join(work, String(k));

const digests = new Map<number, string>();

/**
 * Digest of everything shard k's output depends on; an unchanged digest means its last output
 * still holds. Taken once, before building: an edit made during the build is seen by the next one.
 */
function inputDigest(k: number): string {
  const known = digests.get(k);
  if (known) return known;
  const h = createHash('sha256').update(codeDigest({ k, shardCount }));
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
 * Builds shards `ks` (their pages; search bundles are built beside them), `jobs` at a time. The
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
        dropServerFiles(join(shardDir(k), 'dist'));
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

/** Assembles the shards' pages into `next`, a sibling of the output, which replaces it once complete and checked. */
function assemblePages(next: string): string {
  rmSync(next, { recursive: true, force: true });
  for (let k = 0; k <= shardCount; k++) {
    const dist = join(shardDir(k), 'dist');
    if (!existsSync(dist)) throw new Error(`分片 ${k} 尚未构建（缺少 ${relative(ROOT, dist)}）/ shard ${k} has not been built`);
    for (const rel of filesUnder(dist)) {
      if (keepInAssembly(rel, k, plan) && !existsSync(join(next, rel))) place(join(dist, rel), join(next, rel));
    }
  }
  return next;
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
} else if (values.search) {
  // On its own runner: every bundle whose reports need no built page (the assembly does the rest).
  await searchIndex(Promise.resolve(undefined));
  printSteps();
} else {
  const next = `${out}.assembling`;
  const pagesBuilt = (async () => {
    if (!values.assemble) {
      // Shard 0 first: it reads every entry and is the longest to sync.
      const all = Array.from({ length: shardCount + 1 }, (_, k) => k);
      const changed = all.filter((k) => !upToDate(k));
      await buildShards(changed);
      console.log(all.map((k) => `分片 / shard ${k}: ${changed.includes(k) ? 'built' : 'unchanged'}`).join('\n'));
    }
    return assemblePages(next);
  })();
  const t = Date.now();
  const { bundles } = await searchIndex(pagesBuilt);
  publishIndex(next, bundles);
  await writeSitemap(next);
  publish(next, out);
  console.log(`${shardCount} 个分片已合并到 / shards assembled into ${named(out)} (${((Date.now() - started) / 1000).toFixed(1)} s)`);
  printSteps({ assembleMs: Date.now() - t });
}
