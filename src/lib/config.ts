/**
 * The build configuration: the one module that reads the environment. Read when asked (never when
 * a module loads), checked, and handed out as one typed object. The environment is how the
 * build script reaches Astro's processes, and how tests and benchmarks point a build elsewhere:
 *
 * | variable | field | meaning |
 * |---|---|---|
 * | `CONTENT_DIR` | `contentDir` | content to build (places.yaml, reports/); default `./content` |
 * | `INCLUDE_DRAFTS=true` | `drafts` | drafts are published (the drafts preview); `astro dev` always shows them |
 * | `SHARD=k/n` | `shard` | this Astro build renders shard k of n (src/build/shards.ts) |
 * | `PAGE_CACHE` | `pageCache` | the incremental build's page records (src/build/incremental.ts) |
 * | `SITE_CONFIG` | `site`, `siteFile` | the site configuration file (src/lib/site/): default site.config.yaml, else sites/national.yaml |
 * | `PREVIEW_PLACE` | `place` | a scoped preview: only this place, its ancestors and subdivisions (src/build/scope.ts) |
 * | `PAGE_ROWS` | `pageRows` | rows per page of a split table instead of PAGE_ROWS (src/lib/paging.ts): tests split a small corpus with it |
 */
import { parseShardSpec, type ShardSpec } from '../build/shards';
import { isPlaceId } from './places/id';
import { loadSiteConfig, NATIONAL_SITE_CONFIG, SITE_CONFIG_FILE } from './site/load';
import type { SiteConfig } from './site/schema';
import { existsSync, statSync } from 'node:fs';

export interface BuildConfig {
  /** Content directory, without a trailing slash. */
  contentDir: string;
  /** True when drafts are built: the drafts preview build, and `astro dev`. */
  drafts: boolean;
  /** The shard this Astro build renders, in a split build. */
  shard?: ShardSpec;
  /** Directory of the incremental build's page records, when the build is incremental. */
  pageCache?: string;
  /** The site's public origin (the site configuration's `origin`), without a trailing slash. */
  siteUrl: string;
  /** The path the site is served under (the site configuration's `base`): `/` or `/fzbg/`. */
  base: string;
  /** The site configuration, checked (src/lib/site/schema.ts). */
  site: SiteConfig;
  /** The file it was read from. */
  siteFile: string;
  /**
   * A scoped preview (`npm run dev -- --place <id>`, `npm run preview:drafts -- --place <id>`): the
   * place id whose reports, and those of its ancestors and subdivisions, are the only ones loaded.
   * Its existence in places.yaml is checked by the build scope (src/build/scope.ts).
   */
  place?: string;
  /** Rows per page of a split table, when not the default (PAGE_ROWS, src/lib/paging.ts). */
  pageRows?: number;
}

/** The site configuration file `SITE_CONFIG` names, else the deployment's own, else the national collection's. */
export const siteFileOf = (raw: string | undefined): string => raw?.trim() || (existsSync(SITE_CONFIG_FILE) ? SITE_CONFIG_FILE : NATIONAL_SITE_CONFIG);

/** A place id as `PREVIEW_PLACE` gives it: trimmed, without slashes at its ends; undefined when empty. */
function previewPlace(raw: string | undefined): string | undefined {
  const id = raw?.trim().replace(/^\/+|\/+$/g, '');
  if (!id) return undefined;
  if (!isPlaceId(id)) {
    throw new Error(`PREVIEW_PLACE 应是 places.yaml 中的地区 id，如 guangdong/shenzhen（现为“${raw}”）/ PREVIEW_PLACE must be a place id of places.yaml, e.g. guangdong/shenzhen (got "${raw}")`);
  }
  return id;
}

/** `PAGE_ROWS` as a whole number of at least 1; undefined when unset. */
function pageRowsOf(raw: string | undefined): number | undefined {
  if (!raw) return undefined;
  const n = Number(raw);
  if (!Number.isInteger(n) || n < 1) throw new Error(`PAGE_ROWS 应是正整数，如 50（现为“${raw}”）/ PAGE_ROWS must be a whole number of at least 1 (got "${raw}")`);
  return n;
}

const sites = new Map<string, { mtimeMs: number; site: SiteConfig }>();

/** The site configuration in `file`, read again only when the file has changed (buildConfig is called often). */
function siteConfigOf(file: string): SiteConfig {
  const mtimeMs = existsSync(file) ? statSync(file).mtimeMs : -1;
  const known = sites.get(file);
  if (known?.mtimeMs === mtimeMs) return known.site;
  const site = loadSiteConfig(file);
  sites.set(file, { mtimeMs, site });
  return site;
}

/** The configuration `env` describes; throws with what to fix when a value is wrong. */
export function readConfig(env: Readonly<Record<string, string | undefined>>, dev = false): BuildConfig {
  const siteFile = siteFileOf(env.SITE_CONFIG);
  const site = siteConfigOf(siteFile);
  return {
    contentDir: (env.CONTENT_DIR || './content').replace(/\/+$/, ''),
    drafts: dev || env.INCLUDE_DRAFTS === 'true',
    shard: parseShardSpec(env.SHARD),
    pageCache: env.PAGE_CACHE || undefined,
    siteUrl: site.origin,
    base: site.base,
    site,
    siteFile,
    place: previewPlace(env.PREVIEW_PLACE),
    pageRows: pageRowsOf(env.PAGE_ROWS),
  };
}

/**
 * This process's configuration. Read afresh at each call (it is cheap), so a test or script that
 * sets a variable sees it; never at module load. Inside Astro's module graph `astro dev` counts as
 * a drafts build (Vite's `import.meta.env.DEV`); a production build never does.
 */
export function buildConfig(): BuildConfig {
  return readConfig(process.env, (import.meta as { env?: { DEV?: boolean } }).env?.DEV === true);
}
