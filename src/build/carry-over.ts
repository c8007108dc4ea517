/**
 * Page carry-over of an incremental whole-site build: the pages Astro left out because their props
 * were unchanged (the route manifests in the page state, see incremental.ts) are taken from the
 * last build's output, as hard links.
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { manifestFile, type PageManifest } from './incremental';
import { place } from './files';

/**
 * Puts into `next` every page of this build's manifests (in `state`) that it lacks, from `prev`;
 * returns how many. Throws if such a page was not in the last build's manifest with the same
 * digest, or is not in `prev`: the state and the output no longer match (`stateName` names the
 * state directory, whose deletion starts afresh).
 */
export function carryOver(state: string, prev: string, next: string, stateName = state): number {
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
        throw new Error(`增量构建的记录与上次的输出不一致，请删除 ${stateName} 后重新构建 / incremental state does not match the last output (${path})`);
      }
      place(join(prev, rel), join(next, rel));
      carried++;
    }
  }
  return carried;
}
