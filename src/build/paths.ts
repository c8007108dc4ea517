import { createHash } from 'node:crypto';
import { resolve } from 'node:path';
import { buildConfig } from '../lib/config';

/**
 * Where content lives. `CONTENT_DIR` lets tests and benchmarks build the site from a generated
 * corpus (same layout: places.yaml and reports/) without touching `content/`.
 */
export const contentDir = (): string => buildConfig().contentDir;

/**
 * The content-layer cache of builds from `dir` (a CONTENT_DIR): its own per content directory, so
 * builds of generated corpora or test fixtures never read (or clobber) the data store of another.
 * Each shard of a split build adds its suffix (see astro.config.mjs).
 */
export const contentCachePrefix = (dir: string): string =>
  `node_modules/.astro-content-${createHash('sha1').update(resolve(dir)).digest('hex').slice(0, 10)}`;
