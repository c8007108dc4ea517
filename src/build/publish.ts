/**
 * Publishing a finished site so that a build stopped at any moment leaves a complete one: the
 * current output is renamed aside (`<out>.old`), the new site renamed into place, then the old one
 * deleted. Each rename is atomic; between the two there is no site at `<out>`, and the first thing
 * the next build does (restoreInterrupted) is put the old one back.
 *
 * Also what a static Astro build must not leave in a published site: its server files.
 */
import { createHash } from 'node:crypto';
import { cpSync, existsSync, readdirSync, renameSync, rmdirSync, rmSync, statSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { markBuilt, within } from './paths-guard';

/** Where the site being replaced waits while the new one is renamed into place. */
export const retiredDir = (out: string): string => `${out}.old`;

/**
 * Repairs what a build stopped while publishing left: the old site back at `out` if the new one
 * never arrived, or the old one deleted if it did. Returns a notice of what was done, if anything.
 * Call only while holding the output's lock (another build may be between its renames).
 */
export function restoreInterrupted(out: string): string | undefined {
  const old = retiredDir(out);
  if (!existsSync(old)) return undefined;
  if (!existsSync(out)) {
    renameSync(old, out);
    return `上次构建在发布时中断，已恢复之前的网站 / the last build was stopped while publishing: the previous site is restored at ${out}`;
  }
  rmSync(old, { recursive: true, force: true });
  return undefined;
}

/** Step 1: the current site (if any) moves aside to `<out>.old`. */
export function retire(out: string): void {
  if (!existsSync(out)) return;
  rmSync(retiredDir(out), { recursive: true, force: true });
  renameSync(out, retiredDir(out));
}

/** Step 2: the new site takes its place. */
export function promote(next: string, out: string): void {
  renameSync(next, out);
}

/** Step 3: the old site goes. */
export function dropRetired(out: string): void {
  rmSync(retiredDir(out), { recursive: true, force: true });
}

/** Replaces `out` with the finished site `next` (a sibling, so both renames stay in one file system), marked as the build's. */
export function publish(next: string, out: string): void {
  markBuilt(next);
  retire(out);
  promote(next, out);
  dropRetired(out);
}

/**
 * Where Astro should build the site meant for `next`. Given an output outside the project, Astro
 * builds in the project's shared `.astro/` and then copies all of that folder (its generated
 * modules, and the server files of any other build running at the time, manifest keys included)
 * into the output, then deletes it under the other build's feet. Such sites are built inside the
 * project, one staging directory per output, and moved out (moveDir).
 */
export function stagingDir(next: string, root: string): string {
  return within(next, root) ? next : join(root, 'node_modules', '.fazhi-staging', createHash('sha1').update(next).digest('hex').slice(0, 12));
}

/** Moves directory `from` to `to` (replacing it): a rename, or a copy where they are on different file systems. */
export function moveDir(from: string, to: string): void {
  if (from === to) return;
  rmSync(to, { recursive: true, force: true });
  try {
    renameSync(from, to);
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code !== 'EXDEV') throw e;
    cpSync(from, to, { recursive: true, verbatimSymlinks: true });
    rmSync(from, { recursive: true, force: true });
  }
}

const FILES_OF_DOT_ASTRO = new Set(['data-store.json', 'settings.json', 'types.d.ts', 'content.d.ts']);

/**
 * Files of a built site that are Astro's server side, never part of a static site: JavaScript
 * modules outside `_astro/` (the client's, which are `.js`), prerendering chunks, the manifest
 * (`manifest_*.mjs`, which holds a key), and what Astro keeps in `.astro/`. Paths relative to `site`.
 */
export function serverFiles(site: string): string[] {
  if (!existsSync(site)) return [];
  return readdirSync(site, { recursive: true, encoding: 'utf8' })
    .map((f) => f.split('\\').join('/'))
    .filter(
      (f) =>
        (/\.[mc]js(\.map)?$/.test(f) && !f.startsWith('_astro/')) || /^collections\/[^/]+\.schema\.json$/.test(f) || FILES_OF_DOT_ASTRO.has(f),
    )
    .filter((f) => statSync(join(site, f)).isFile())
    .sort();
}

/** Deletes the server files of `site` (serverFiles) and the folders they leave empty; returns what it deleted. */
export function removeServerFiles(site: string): string[] {
  const files = serverFiles(site);
  for (const f of files) {
    rmSync(join(site, f));
    for (let dir = dirname(join(site, f)); dir !== site && within(dir, site) && readdirSync(dir).length === 0; dir = dirname(dir)) rmdirSync(dir);
  }
  return files;
}
