/** Files of built sites: listing them, and placing one where another build or the index put it. */
import { copyFileSync, existsSync, linkSync, mkdirSync, readdirSync, statSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { reportPageYear } from './shards';

/** The files under `dir` (relative paths, sorted); none if it does not exist. */
export function filesUnder(dir: string): string[] {
  return existsSync(dir) ? readdirSync(dir, { recursive: true, encoding: 'utf8' }).filter((f) => statSync(join(dir, f)).isFile()).sort() : [];
}

/** Puts `from` at `to`: a hard link where the file system allows (fast, no extra space), a copy elsewhere. */
export function place(from: string, to: string): void {
  mkdirSync(dirname(to), { recursive: true });
  try {
    linkSync(from, to);
  } catch {
    copyFileSync(from, to);
  }
}

/** The report pages of a built site, as URL paths (`/places/<place id>/<year>/`), sorted. */
export function reportPages(site: string): string[] {
  const places = join(site, 'places');
  if (!existsSync(places)) return [];
  return readdirSync(places, { recursive: true, encoding: 'utf8' })
    .map((f) => `places/${f.split('\\').join('/')}`)
    .filter((rel) => reportPageYear(rel) !== undefined)
    .map((rel) => `/${rel.replace(/index\.html$/, '')}`)
    .sort();
}
