/**
 * Split builds. A site too large for one build is built as shards that can run on separate
 * machines and are then assembled into one site (sharded.ts):
 * - shard 0 holds the national pages (home, places index, years, indicators, open data, feed,
 *   search) and reads every entry's frontmatter, but renders no report;
 * - shards 1..n each hold the report and place pages of a group of provinces;
 * - the search index is built beside them from the content (src/lib/search/indexer.ts) and linked
 *   into the assembled site.
 * Provinces are the unit because a place page lists the places below it, so a province's pages
 * only ever need that province's reports. Plain functions; the plan depends only on the content.
 */

import { BUNDLE_LIST_PATH } from '../lib/search/bundles';

/** The shard this build is, from `SHARD=k/n` (k = 0 … n); undefined for a whole-site build. */
export interface ShardSpec {
  index: number;
  count: number;
}

export function parseShardSpec(raw: string | undefined): ShardSpec | undefined {
  if (!raw) return undefined;
  const m = /^(\d+)\/(\d+)$/.exec(raw.trim());
  const index = Number(m?.[1]);
  const count = Number(m?.[2]);
  if (!m || count < 1 || index > count) {
    throw new Error(`SHARD 应写作 k/n（0 ≤ k ≤ n，n ≥ 1），如 SHARD=2/8；现为“${raw}” / SHARD must be k/n with 0 ≤ k ≤ n, e.g. 2/8 (got "${raw}")`);
  }
  return { index, count };
}

/** The province of a place or entry id (`guangdong/shenzhen/baoan/2023` -> `guangdong`). */
export const provinceOf = (id: string): string => id.split('/')[0];

/**
 * Assigns provinces to shards 1..count so that report counts are balanced: the largest province
 * first, each to the shard with the fewest reports so far (ties to the lower shard). A province is
 * never split. Deterministic: the same counts give the same plan on every machine.
 */
export function planShards(reportsPerProvince: ReadonlyMap<string, number>, count: number): Map<string, number> {
  const load = Array.from({ length: count }, () => 0);
  const plan = new Map<string, number>();
  const order = [...reportsPerProvince].sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0]));
  for (const [province, n] of order) {
    let best = 0;
    for (let i = 1; i < count; i++) if (load[i] < load[best]) best = i;
    load[best] += n;
    plan.set(province, best + 1);
  }
  return plan;
}

/**
 * How many province shards to build: as many as wanted, but no more than there are provinces with
 * reports, since a province is never split and a shard without reports would be empty.
 */
export const shardCountFor = (wanted: number, provincesWithReports: number): number => Math.min(wanted, Math.max(1, provincesWithReports));

/** Reports per province, from entry ids (`<place id>/<year>`). */
export function countByProvince(entryIds: Iterable<string>): Map<string, number> {
  const counts = new Map<string, number>();
  for (const id of entryIds) counts.set(provinceOf(id), (counts.get(provinceOf(id)) ?? 0) + 1);
  return counts;
}

/** What one build renders, given its shard and the plan. */
export interface ShardScope {
  spec?: ShardSpec;
  /** True if this build renders the national pages (whole-site builds and shard 0). */
  national: boolean;
  /** True if this build renders the report and place pages of `provinceId`. */
  hasProvince(provinceId: string): boolean;
}

// /places/<p>/… (not /places/index.html) and /data/places/<p>.json or /data/places/<p>/….
const PROVINCE_PATH = /^\/places\/([^/]+)\/|^\/data\/places\/([^/.]+)(?:\/|\.json$)/;

/** The shard that owns a site path: the shard of its province for /places/<p>/… and /data/places/<p>…, else 0. */
export function ownerOfPath(pathname: string, plan: ReadonlyMap<string, number>): number {
  const m = PROVINCE_PATH.exec(pathname);
  const province = m?.[1] ?? m?.[2];
  return province ? (plan.get(province) ?? 1) : 0;
}

export function shardScope(spec: ShardSpec | undefined, plan: ReadonlyMap<string, number>): ShardScope {
  if (!spec) return { national: true, hasProvince: () => true };
  return {
    spec,
    national: spec.index === 0,
    // A province without reports has no place in the plan; its place pages go to shard 1.
    hasProvince: (p) => spec.index !== 0 && (plan.get(p) ?? 1) === spec.index,
  };
}

/** The year of a report page (`places/<place id>/<year>/index.html`, as a site-relative file), else undefined. */
export function reportPageYear(rel: string): number | undefined {
  const m = /^places\/.+\/(\d{4})\/index\.html$/.exec(rel.split('\\').join('/'));
  return m ? Number(m[1]) : undefined;
}

/**
 * True if the file `rel` (relative to shard `shard`'s output) goes into the assembled site: the
 * pages it owns, and the hashed assets every shard emits alike. Shards other
 * than 0 also render the national pages; those copies are dropped here. Search bundles are not
 * in any shard's output (only their list, from shard 0): they are built beside the shards and
 * linked in by the assembly.
 */
export function keepInAssembly(rel: string, shard: number, plan: ReadonlyMap<string, number>): boolean {
  if (rel.startsWith('_astro/')) return true;
  // The bundle list is a national page's (shard 0's, from every report); the bundles themselves are linked in.
  if (rel === BUNDLE_LIST_PATH.slice(1)) return shard === 0;
  if (rel.startsWith('pagefind/')) return false;
  return ownerOfPath(`/${rel}`, plan) === shard;
}
