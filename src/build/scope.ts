/**
 * What this build loads and renders: the shard named by `SHARD=k/n` (see src/build/shards.ts),
 * planned from the reports of the content directory, or the whole site; and, in a scoped preview
 * (`PREVIEW_PLACE`, see src/lib/config.ts), only one place, its ancestors and its subdivisions.
 * Read once per build, by the reports loader, the data layer and the sitemap filter, so all three
 * agree.
 */
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { inPlaceScope, reportIds } from '../lib/content/published';
import { buildConfig } from '../lib/config';
import { loadPlaces, placesFile } from '../lib/places/load';
import { countByProvince, planShards, shardScope, type ShardScope } from './shards';

/** The entries of a content directory: the published-reports module's (src/lib/content/published.ts). */
export { reportIds };

export interface BuildScope extends ShardScope {
  /** In a scoped preview, the place previewed. */
  place?: string;
  /** True if this build loads the reports and renders the pages of `placeId` (every place, or the preview's). */
  hasPlace(placeId: string): boolean;
}

/**
 * Why `place` cannot be previewed from `contentDir` (Chinese, then English), or undefined when it
 * is a place of places.yaml. The preview scripts ask before Astro starts; the scope asks again.
 */
export function previewPlaceProblem(contentDir: string, place: string): string | undefined {
  // Most asks name a place that is there: a line scan finds it without reading the whole file into
  // the schema (seconds at 10,000 reports), which the places collection does anyway.
  const file = placesFile(contentDir);
  if (existsSync(file) && new RegExp(`^\\s*(?:-\\s+)?id:\\s*["']?${place.replace(/[.*+?^${}()|[\]\\/-]/g, '\\$&')}["']?\\s*(?:#.*)?$`, 'm').test(readFileSync(file, 'utf8'))) {
    return undefined;
  }
  const ids = new Set(loadPlaces(contentDir).map((p) => p.id));
  if (ids.has(place)) return undefined;
  const near = [...ids].filter((id) => id.endsWith(`/${place}`) || id.startsWith(`${place}/`) || place.startsWith(`${id}/`)).slice(0, 5);
  return (
    `地区“${place}”不在 ${join(contentDir, 'places.yaml')} 中，无法预览${near.length ? `；相近的地区：${near.join('、')}` : ''} / ` +
    `place "${place}" is not in ${join(contentDir, 'places.yaml')}, so it cannot be previewed${near.length ? `; near: ${near.join(', ')}` : ''}`
  );
}

/** The scope of a build with shard `shard` and preview place `place` (both optional), over `contentDir`. */
export function scopeOf(contentDir: string, shard: ShardScope['spec'], place?: string): BuildScope {
  if (place) {
    const problem = previewPlaceProblem(contentDir, place);
    if (problem) throw new Error(problem);
  }
  const plan = shard ? planShards(countByProvince(reportIds(join(contentDir, 'reports'))), shard.count) : new Map<string, number>();
  return { ...shardScope(shard, plan), place, hasPlace: (id) => inPlaceScope(place, id) };
}

let scope: BuildScope | undefined;

export function buildScope(): BuildScope {
  if (scope) return scope;
  const { shard, contentDir, place } = buildConfig();
  return (scope = scopeOf(contentDir, shard, place));
}
