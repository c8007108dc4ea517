/**
 * A whole-site build, incremental page by page: when the code, settings and places are what they
 * were at the last build into the output, Astro renders only the pages whose props changed
 * (incremental.ts) and the others are taken from that build (carry-over.ts). Built beside the
 * output, which it replaces once complete and checked.
 */
import { existsSync, mkdirSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import type { Bundle } from '../lib/search/bundles';
import { carryOver } from './carry-over';
import { codeDigest } from './digests';
import { indexWorkDir, type BuildOptions } from './options';
import { moveDir, publish, removeServerFiles, stagingDir } from './publish';
import { finishOptionsOf, finishSite } from './site-check';

type IndexedBundle = Bundle<{ placeId: string; url: string; year: number }>;

/** The two processes of a build, apart so that tests can stand in for them. */
export interface BuildStages {
  /** Builds the site into `dist`; with `pageCache`, an incremental build recording its pages there. */
  renderSite: (dist: string, pageCache?: string) => Promise<unknown>;
  /** Builds the search index while `siteBuilt` is on its way (src/build/search.ts). */
  index: <T>(siteBuilt: Promise<T>) => Promise<{ site: T; bundles: IndexedBundle[] }>;
}

/** Deletes what Astro may leave of its server side in a built site (see serverFiles), saying so. */
export function dropServerFiles(site: string, log: (line: string) => void): void {
  const removed = removeServerFiles(site);
  if (removed.length) log(`已删除 Astro 的服务器端文件 / removed Astro server files: ${removed.join(' ')}`);
}

/** Where the page state of whole-site builds into an output is kept (manifests and the code stamp). */
export const pageStateDir = (o: Pick<BuildOptions, 'work'>): string => join(o.work, 'pages');

export async function buildWhole(o: BuildOptions, stages: BuildStages): Promise<void> {
  const { out } = o;
  const state = pageStateDir(o);
  const code = codeDigest(o);
  const stamp = join(state, 'code.sha256');
  const incremental = existsSync(join(out, 'index.html')) && existsSync(stamp) && readFileSync(stamp, 'utf8') === code;
  if (!incremental) rmSync(state, { recursive: true, force: true });
  rmSync(join(state, 'next'), { recursive: true, force: true });
  mkdirSync(state, { recursive: true });
  const next = `${out}.next`;
  const staging = stagingDir(next, o.root);
  rmSync(next, { recursive: true, force: true });
  const built = stages.renderSite(staging, state).then(
    () => {
      moveDir(staging, next);
      dropServerFiles(next, o.log);
      if (incremental) o.log(`增量构建 / incremental: ${carryOver(state, out, next, relative(o.root, state))} pages kept from the last build`);
      return next;
    },
    (e: unknown) => {
      // A staging directory of an output outside the project is one per output: none left behind.
      if (staging !== next) rmSync(staging, { recursive: true, force: true });
      throw e;
    },
  );
  const { bundles } = await stages.index(built);
  await finishSite(next, bundles, { indexWork: indexWorkDir(o), ...finishOptionsOf(o.config), workName: relative(o.root, o.work) });
  // The stamp goes first and comes back last: a build cut off in between starts afresh.
  rmSync(stamp, { force: true });
  publish(next, out);
  rmSync(join(state, 'current'), { recursive: true, force: true });
  if (existsSync(join(state, 'next'))) renameSync(join(state, 'next'), join(state, 'current'));
  writeFileSync(stamp, code);
}
