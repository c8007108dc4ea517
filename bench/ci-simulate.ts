/**
 * The CI workflow's job graph run on this machine (`npm run ci:simulate`, scripts/ci-simulate.ts),
 * as .github/workflows/site.yml and .gitlab-ci.yml run it on separate runners: a job per shard
 * (`--shards N --shard K`, K = 0…N), a search-index job (`--search`) and an assembly job
 * (`--assemble`). Each job runs in its own `git clone` of the repository's HEAD (node_modules linked
 * from this checkout, entry by entry, so Astro's caches stay in the clone), one after another, and
 * only the artifact directories pass between jobs: copied out of a job's clone into an artifacts
 * directory, then into the assembling clone's `.shards/`. A last clone builds the same content
 * whole; the assembled site must equal it file for file (./ci/compare.ts) and find the same reports
 * for every query of the recall set (./search.ts).
 */
import { closeSync, cpSync, existsSync, mkdirSync, openSync, readdirSync, readFileSync, rmSync, symlinkSync } from 'node:fs';
import { join } from 'node:path';
import { x } from 'tinyexec';
import { childEnv } from '../src/build/env';
import { reportIds } from '../src/build/scope';
import { planSite } from '../src/build/sharded';
import { compareSites, describeDiff, sameSite, type SiteDiff } from './ci/compare';
import { SEARCH_QUERIES } from './fixtures/search-queries';
import { genCorpusParallel } from './gen-corpus';
import { launchBrowser } from './browser';
import { groundTruth, ROOT, runQueries, score, verified, type Score } from './search';
import { serveDist } from './server';

export interface SimulateOptions {
  reports: number;
  shards: number;
  seed: number;
  /** Where the corpus, the clones, the artifacts and the logs go: outside the project, as each clone is a project of its own. */
  work: string;
  log: (line: string) => void;
}

/** A job of the workflow: its build arguments, the artifacts it needs (placed at `.shards/<name>/`) and the one it uploads. */
export interface CiJob {
  name: string;
  build: string[];
  needs: string[];
  /** The directory of the clone it uploads, and the artifact's name. */
  uploads: { dir: string; artifact: string };
}

/** The jobs of the workflow for `n` province shards, in an order that respects their needs, plus the whole build to compare with. */
export function ciJobs(n: number): CiJob[] {
  const s = ['--shards', String(n)];
  // Artifacts are named after their directories under .shards/, so downloading them all into
  // .shards/ (one folder per artifact) puts each where --assemble reads it.
  const shards = Array.from({ length: n + 1 }, (_, k): CiJob => ({ name: `shard ${k}`, build: [...s, '--shard', String(k)], needs: [], uploads: { dir: `.shards/${k}`, artifact: String(k) } }));
  const search: CiJob = { name: 'search', build: [...s, '--search'], needs: [], uploads: { dir: '.shards/index', artifact: 'index' } };
  const assemble: CiJob = { name: 'assemble', build: [...s, '--assemble'], needs: [...shards, search].map((j) => j.uploads.artifact), uploads: { dir: 'dist', artifact: 'site' } };
  const whole: CiJob = { name: 'whole (to compare)', build: ['--shards', '1'], needs: [], uploads: { dir: 'dist', artifact: 'whole' } };
  return [...shards, search, assemble, whole];
}

export interface JobTiming {
  name: string;
  cloneMs: number;
  buildMs: number;
}

export interface SimulateResult {
  commit: string;
  corpusMs: number;
  jobs: JobTiming[];
  diff: SiteDiff;
  recall: { assembled: Score[]; whole: Score[]; differ: string[] };
  ok: boolean;
}

const seconds = (ms: number) => `${(ms / 1000).toFixed(1)} s`;

/** `git` in `cwd`; its standard output, trimmed. */
async function git(cwd: string, args: string[]): Promise<string> {
  const r = await x('git', args, { nodeOptions: { cwd }, throwOnError: true });
  return r.stdout.trim();
}

/**
 * A fresh clone of this repository's HEAD at `dir`, with a node_modules of its own whose entries
 * link to this checkout's: the packages are shared, while the caches Astro and Vite keep in
 * node_modules (dot-entries, the content-layer store) are the clone's, as on a runner.
 */
async function cloneRepo(dir: string): Promise<void> {
  await x('git', ['clone', '--quiet', ROOT, dir], { throwOnError: true });
  const own = join(dir, 'node_modules');
  mkdirSync(own);
  for (const entry of readdirSync(join(ROOT, 'node_modules'))) {
    if (entry.startsWith('.') && entry !== '.bin') continue;
    symlinkSync(join(ROOT, 'node_modules', entry), join(own, entry));
  }
}

/** Runs `npm run build -- <args>` in `cwd`, its output to `logFile`; throws with the log's tail if it fails. */
async function npmBuild(cwd: string, args: string[], env: NodeJS.ProcessEnv, logFile: string): Promise<void> {
  const fd = openSync(logFile, 'w');
  try {
    const r = await x('npm', ['run', 'build', '--', ...args], { nodeOptions: { cwd, env, stdio: ['ignore', fd, fd] }, throwOnError: false });
    if (r.exitCode !== 0) {
      const tail = readFileSync(logFile, 'utf8').split('\n').slice(-30).join('\n');
      throw new Error(`npm run build -- ${args.join(' ')} 失败（退出码 ${r.exitCode}）/ failed (exit ${r.exitCode}); log ${logFile}:\n${tail}`);
    }
  } finally {
    closeSync(fd);
  }
}

/** Recall of the sites at `assembled` and `whole` on the recall query set, in one browser; and the queries whose results differ. */
async function compareRecall(content: string, sites: { assembled: string; whole: string }): Promise<SimulateResult['recall']> {
  const queries = SEARCH_QUERIES.map((q) => q.q);
  const browser = await launchBrowser();
  try {
    const scoresOf = async (site: string) => {
      const server = await serveDist(site);
      try {
        return verified(await runQueries(server.origin, queries, { browser }));
      } finally {
        await server.close();
      }
    };
    const a = await scoresOf(sites.assembled);
    const w = await scoresOf(sites.whole);
    const differ = a.filter((r, i) => [...r.urls].sort().join() !== [...w[i].urls].sort().join()).map((r) => r.query);
    return { assembled: a.map((r) => score(r, groundTruth(content, r.query))), whole: w.map((r) => score(r, groundTruth(content, r.query))), differ };
  } finally {
    await browser.close();
  }
}

/** Generates the corpus, runs the job graph, compares the assembled site with the whole build. Never throws for a difference: `ok` says. */
export async function simulate(o: SimulateOptions): Promise<SimulateResult> {
  rmSync(o.work, { recursive: true, force: true });
  for (const d of ['artifacts', 'logs']) mkdirSync(join(o.work, d), { recursive: true });
  const content = join(o.work, 'content');
  const commit = await git(ROOT, ['rev-parse', '--short', 'HEAD']);
  o.log(`commit ${commit} (HEAD; uncommitted changes are not part of the simulation)`);

  let t = Date.now();
  await genCorpusParallel({ reports: o.reports, seed: o.seed, out: content });
  const corpusMs = Date.now() - t;
  o.log(`corpus: ${o.reports} reports (seed ${o.seed}) in ${seconds(corpusMs)}`);
  const plan = planSite(reportIds(join(content, 'reports')), o.shards);
  if (plan.count !== o.shards) {
    throw new Error(`语料只有 ${plan.provinces} 个省份，--shards ${o.shards} 的第 ${plan.count + 1}…${o.shards} 片无法构建 / only ${plan.provinces} provinces: shards ${plan.count + 1}…${o.shards} of the workflow's matrix would fail`);
  }

  // The runners' environment: CI set, the corpus as the content, nothing of this shell's build settings.
  const { INCLUDE_DRAFTS: _d, SHARD: _s, PAGE_CACHE: _p, ...base } = process.env;
  const env = childEnv(base, { CI: 'true', CONTENT_DIR: content });
  const artifacts = join(o.work, 'artifacts');
  const jobs: JobTiming[] = [];
  for (const job of ciJobs(o.shards)) {
    const slug = job.name.replace(/\W+/g, '-').replace(/-$/, '');
    const clone = join(o.work, 'jobs', slug);
    t = Date.now();
    await cloneRepo(clone);
    const cloneMs = Date.now() - t;
    for (const name of job.needs) cpSync(join(artifacts, name), join(clone, '.shards', name), { recursive: true });
    t = Date.now();
    await npmBuild(clone, job.build, env, join(o.work, 'logs', `${slug}.log`));
    const buildMs = Date.now() - t;
    const out = join(clone, job.uploads.dir);
    if (!existsSync(out)) throw new Error(`作业 ${job.name} 没有生成 ${job.uploads.dir} / job ${job.name} left no ${job.uploads.dir} to upload`);
    cpSync(out, join(artifacts, job.uploads.artifact), { recursive: true });
    rmSync(clone, { recursive: true, force: true });
    jobs.push({ name: job.name, cloneMs, buildMs });
    o.log(`job ${job.name.padEnd(20)} npm run build -- ${job.build.join(' ').padEnd(30)} ${seconds(buildMs).padStart(8)} (clone ${seconds(cloneMs)})`);
  }

  const sites = { assembled: join(artifacts, 'site'), whole: join(artifacts, 'whole') };
  const diff = compareSites(sites.assembled, sites.whole);
  o.log(`assembled vs whole: ${describeDiff(diff, ['assembled', 'whole'])}`);
  t = Date.now();
  const recall = await compareRecall(content, sites);
  o.log(`recall (${SEARCH_QUERIES.length} queries, ${seconds(Date.now() - t)}): ${recallLine(recall.assembled)} assembled, ${recallLine(recall.whole)} whole${recall.differ.length ? `; results differ for ${recall.differ.join(' ')}` : ''}`);
  const ok = sameSite(diff) && !recall.differ.length && recallLine(recall.assembled) === recallLine(recall.whole);
  return { commit, corpusMs, jobs, diff, recall, ok };
}

/** `found/expected (recall%)` over all queries. */
export function recallLine(scores: readonly Score[]): string {
  const exp = scores.reduce((a, s) => a + s.expected, 0);
  const found = scores.reduce((a, s) => a + s.found, 0);
  return `${found}/${exp} (${(exp ? (100 * found) / exp : 100).toFixed(1)}%)`;
}
