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
 * | `SITE_URL` | `siteUrl` | the site's public origin: canonical links, feed, sitemap |
 */
import { parseShardSpec, type ShardSpec } from '../build/shards';

export interface BuildConfig {
  /** Content directory, without a trailing slash. */
  contentDir: string;
  /** True when drafts are built: the drafts preview build, and `astro dev`. */
  drafts: boolean;
  /** The shard this Astro build renders, in a split build. */
  shard?: ShardSpec;
  /** Directory of the incremental build's page records, when the build is incremental. */
  pageCache?: string;
  /** The site's public origin. */
  siteUrl: string;
}

export const DEFAULT_SITE_URL = 'https://fazhi-reports.example.org';

/** The configuration `env` describes; throws with what to fix when a value is wrong. */
export function readConfig(env: Readonly<Record<string, string | undefined>>, dev = false): BuildConfig {
  const siteUrl = env.SITE_URL || DEFAULT_SITE_URL;
  if (!/^https?:\/\/[^/]+/.test(siteUrl)) {
    throw new Error(`SITE_URL 必须是 http(s) 网址，如 https://www.example.gov.cn（现为“${siteUrl}”）/ SITE_URL must be an http(s) origin (got "${siteUrl}")`);
  }
  return {
    contentDir: (env.CONTENT_DIR || './content').replace(/\/+$/, ''),
    drafts: dev || env.INCLUDE_DRAFTS === 'true',
    shard: parseShardSpec(env.SHARD),
    pageCache: env.PAGE_CACHE || undefined,
    siteUrl: siteUrl.replace(/\/+$/, ''),
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
