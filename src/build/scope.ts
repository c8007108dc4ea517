/**
 * What this build loads and renders: the shard named by `SHARD=k/n` (see src/build/shards.ts),
 * planned from the reports of the content directory, or the whole site; and, in a scoped preview
 * (`PREVIEW_PLACE`, see src/lib/config.ts), only one place, its ancestors and its subdivisions.
 * Read once per build, by the reports loader, the data layer and the sitemap filter, so all three
 * agree.
 */
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { entryPlace, placeFilter, reportIds, siteScopeOf } from '../lib/content/published';
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
export const previewPlaceProblem = (contentDir: string, place: string): string | undefined => placeProblem(contentDir, place, 'preview');

/** Why `place` cannot be a preview's or a site's scope (`use`), or undefined when places.yaml has it. */
function placeProblem(contentDir: string, place: string, use: 'preview' | 'site'): string | undefined {
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
    `地区“${place}”不在 ${join(contentDir, 'places.yaml')} 中，${use === 'site' ? '不能作为网站配置的范围（scope）' : '无法预览'}${near.length ? `；相近的地区：${near.join('、')}` : ''} / ` +
    `place "${place}" is not in ${join(contentDir, 'places.yaml')}, so it ${use === 'site' ? "cannot be the site configuration's scope" : 'cannot be previewed'}${near.length ? `; near: ${near.join(', ')}` : ''}`
  );
}

/**
 * The scope of a build with shard `shard` and preview place `place` (both optional), over
 * `contentDir`, for a site scoped to the place `siteRoot` (site.config.yaml `scope`; none for the
 * national collection): only that place and its subdivisions are loaded and rendered.
 */
export function scopeOf(contentDir: string, shard: ShardScope['spec'], place?: string, siteRoot?: string): BuildScope {
  if (siteRoot) {
    const problem = placeProblem(contentDir, siteRoot, 'site');
    if (problem) throw new Error(problem);
  }
  if (place) {
    const problem = previewPlaceProblem(contentDir, place);
    if (problem) throw new Error(problem);
  }
  const inScope = placeFilter({ place, site: { scope: siteRoot ?? 'national' } });
  const ids = shard ? reportIds(join(contentDir, 'reports')).filter((id) => inScope(entryPlace(id))) : [];
  const plan = shard ? planShards(countByProvince(ids), shard.count) : new Map<string, number>();
  return { ...shardScope(shard, plan), place, hasPlace: inScope };
}

let scope: BuildScope | undefined;

export function buildScope(): BuildScope {
  if (scope) return scope;
  const config = buildConfig();
  return (scope = scopeOf(config.contentDir, config.shard, config.place, siteScopeOf(config)));
}
