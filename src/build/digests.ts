/**
 * Digests that decide what a build may keep from the last one: the code and settings every page
 * depends on (a change renders every page again), and a shard's inputs (an unchanged digest keeps
 * its last output).
 */
import { createHash } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { outline, partsCovered } from '../lib/figures/compliance';
import { splitFrontmatter } from '../lib/content/yaml';
import type { BuildConfig } from '../lib/config';
import { filesUnder } from './files';
import { provinceOf } from './shards';

export interface CodeDigestOptions {
  /** The project root; the code is read from its src/, public/ and top-level settings. */
  root: string;
  config: Pick<BuildConfig, 'site' | 'drafts' | 'place'>;
  /** The content directory as configured (its places.yaml is part of the code). */
  contentDir: string;
}

/** Digest of the code and settings every page depends on; `extra` is anything else the caller's pages depend on. */
export function codeDigest(o: CodeDigestOptions, extra: unknown = {}): string {
  const h = createHash('sha256');
  // A scoped preview renders other pages than a whole build (`place` is left out of the JSON when unset).
  h.update(JSON.stringify({ extra, site: o.config.site, drafts: o.config.drafts, contentDir: o.contentDir, place: o.config.place }));
  // Paths as the project names them (relative to the root), so the digest is the same wherever the project is.
  const code = ['src', 'public'].flatMap((d) => filesUnder(join(o.root, d)).map((f) => join(d, f)));
  for (const f of [...code, 'astro.config.mjs', 'package-lock.json', 'tsconfig.json']) {
    const file = join(o.root, f);
    if (existsSync(file)) h.update(`${f}\0`).update(readFileSync(file));
  }
  const places = join(o.contentDir, 'places.yaml');
  if (existsSync(places)) h.update(`${places}\0`).update(readFileSync(places));
  return h.digest('hex');
}

/**
 * Digest of everything shard `k` of `shardCount` depends on (`plan`: the shard of each province;
 * `ids`: every report of `reportsDir`): the code, and its reports. Shard 0 holds the national
 * pages, which show frontmatter and the required parts a body covers, never the text: an edit of
 * the text alone rebuilds only the report's own shard (which also checks its quotes).
 */
export function shardInputDigest(code: string, k: number, ids: readonly string[], plan: ReadonlyMap<string, number>, reportsDir: string): string {
  const h = createHash('sha256').update(code);
  for (const id of ids) {
    if (k !== 0 && plan.get(provinceOf(id)) !== k) continue;
    const file = readFileSync(join(reportsDir, `${id}.mdx`), 'utf8');
    h.update(`${id}\0`);
    if (k > 0) h.update(file);
    else {
      const parts = splitFrontmatter(file);
      h.update(parts?.yaml ?? file).update(JSON.stringify(partsCovered(outline(parts?.body ?? ''))));
    }
  }
  return h.digest('hex');
}
