/**
 * `npm run build` as a function: the paths checked before anything is touched, one build at a
 * time per output and per work directory (lock files), then a whole-site build (whole.ts) or a
 * sharded one (sharded.ts), whichever the options and the site's size ask for. scripts/build.ts
 * parses the arguments and prints.
 */
import { mkdirSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { acquireLock, LockTimeout, releaseOnExit, type Lock } from './lock';
import { indexWorkDir, shownPath, type BuildOptions } from './options';
import { checkBuildPaths, markBuilt } from './paths-guard';
import { stopChildren } from './proc';
import { restoreInterrupted } from './publish';
import { entryPlace, placeFilter } from '../lib/content/published';
import { previewPlaceProblem, reportIds } from './scope';
import { searchIndex } from './search';
import { planSite, ShardedBuild } from './sharded';
import { BuildSteps } from './steps';
import { buildWhole, type BuildStages } from './whole';

/** A build that ends before it starts (unsafe paths, another build holding the lock): its message is all there is to say. */
export class BuildRefused extends Error {}

export interface RunOptions extends BuildOptions {
  /** `--shards`: the number of shards asked for (as given), else by size. */
  shards?: string;
  /** `--jobs`: shards built at a time. */
  jobs: number;
  /** `--wait`: seconds to wait for another build of the same output or work directory. */
  waitSec: number;
  /** `--shard k`: build only shard k, into the work directory. */
  shard?: number;
  /** `--search`: build only the search index, into the work directory. */
  search?: boolean;
  /** `--assemble`: assemble the built shards and index into the output. */
  assemble?: boolean;
}

/** Checks the paths and takes the locks (the output's first, so two builds never each hold one while waiting for the other). */
async function prepare(o: RunOptions, writesOut: boolean): Promise<void> {
  // Nothing is read, locked or deleted before both paths are known to be the build's to write.
  const paths = checkBuildPaths({ root: o.root, contentDir: o.contentDir, out: writesOut ? o.out : undefined, work: o.work });
  if (paths.problems.length) throw new BuildRefused(`${paths.problems.join('\n')}\n构建未开始，没有改动任何文件 / the build did not start; nothing was changed.`);
  for (const notice of paths.notices) o.log(notice);
  if (!(o.waitSec >= 0)) throw new Error(`--wait 必须是非负秒数 / --wait must be a number of seconds (got ${o.waitSec})`);
  // Released however the build ends; a signal stops the astro builds too.
  const locks: Lock[] = [];
  releaseOnExit(() => locks, (signal) => stopChildren(signal));
  try {
    if (writesOut) {
      mkdirSync(dirname(o.out), { recursive: true });
      locks.push(await acquireLock(`${o.out}.lock`, { what: shownPath(o, o.out), timeoutMs: o.waitSec * 1000, log: o.log }));
      // First, with the lock held: a build stopped between its two renames left the old site aside.
      const restored = restoreInterrupted(o.out);
      if (restored) o.log(restored);
    }
    mkdirSync(o.work, { recursive: true });
    markBuilt(o.work);
    locks.push(await acquireLock(join(o.work, '.lock'), { what: shownPath(o, o.work), timeoutMs: o.waitSec * 1000, log: o.log }));
  } catch (e) {
    if (e instanceof LockTimeout) throw new BuildRefused(e.message);
    throw e;
  }
}

/** Runs the build `o` asks for; resolves with its last line (`build-steps: {…}`, for npm run bench). */
export async function runBuild(o: RunOptions): Promise<string> {
  // `--shard` and `--search` write only into the work directory.
  const writesOut = o.shard === undefined && !o.search;
  await prepare(o, writesOut);

  // A scoped preview (PREVIEW_PLACE) builds its place's reports only: never sharded, never the others' pages.
  const place = o.config.place;
  if (place) {
    const problem = previewPlaceProblem(o.contentDir, place);
    if (problem) throw new BuildRefused(problem);
  }
  const inScope = placeFilter(o.config);
  const ids = reportIds(join(o.contentDir, 'reports')).filter((id) => inScope(entryPlace(id)));
  const shards = planSite(ids, o.shards === undefined ? undefined : Number(o.shards), o.shards);
  if (shards.count < shards.wanted) o.log(`只有 ${shards.provinces} 个省份有报告，分为 ${shards.count} 片 / ${shards.provinces} provinces have reports: ${shards.count} shards`);

  const steps = new BuildSteps(o.root, o.env);
  const stages: BuildStages = {
    renderSite: (dist, pageCache) => steps.astro('site', dist, pageCache ? { PAGE_CACHE: pageCache } : {}),
    index: (siteBuilt) => searchIndex(siteBuilt, { contentDir: o.contentDir, drafts: o.config.drafts, indexWork: indexWorkDir(o), log: o.log, steps }),
  };
  if (shards.count === 1 && o.shard === undefined && !o.assemble && !o.search) {
    await buildWhole(o, stages);
    return steps.line();
  }

  if (!o.work.startsWith(o.root)) throw new Error(`--work 必须在项目目录内 / --work must be inside the project (${o.root}): Astro shares build files between outputs outside it`);
  const n = shards.count;
  const build = new ShardedBuild(
    { ...o, ids, shards },
    { ...stages, renderShard: (k, dist) => steps.astro(`${k}/${n}`, dist, { SHARD: `${k}/${n}` }, `[${k}/${n}] `) },
  );
  const started = Date.now();
  if (o.shard !== undefined) {
    const built = await build.buildOne(o.shard);
    o.log(`分片 / shard ${o.shard}/${n}: ${built ? 'built' : 'unchanged'}`);
    return steps.line();
  }
  if (o.search) {
    // On its own runner: every bundle whose reports need no built page (the assembly does the rest).
    await stages.index(Promise.resolve(undefined));
    return steps.line();
  }
  const assembleMs = await build.buildAll(o.assemble === true);
  o.log(`${n} 个分片已合并到 / shards assembled into ${shownPath(o, o.out)} (${((Date.now() - started) / 1000).toFixed(1)} s)`);
  return steps.line({ assembleMs });
}
