/**
 * Which reports a build publishes, decided in one place: the entries are the report files of the
 * content directory (./files.ts), a draft is an entry whose frontmatter says `draft: true` and is
 * published only when drafts are built (`buildConfig().drafts`: `astro dev` and the drafts
 * preview, never a production build), a split build handles only its shard's entries and a
 * scoped preview only its place's (src/build/scope.ts). The reports loader, the data layer, the search index, `npm run check` and
 * the importer all ask here.
 */
import { join } from 'node:path';
import { provinceOf, type ShardScope } from '../../build/shards';
import { buildConfig } from '../config';
import { listReportFiles } from './files';
import { parseEntryId } from './validate';

/** Entry ids (`<place id>/<year>`) of the report files under `reportsDir`, sorted (see listReportFiles). */
export const reportIds = (reportsDir: string): string[] => listReportFiles(reportsDir).ids;

/** Whether frontmatter (as written, or as parsed) marks a draft: only `draft: true` does; anything else is published. */
export const isDraft = (frontmatter: unknown): boolean =>
  typeof frontmatter === 'object' && frontmatter !== null && (frontmatter as { draft?: unknown }).draft === true;

/** Whether a build that builds drafts or not (`drafts`, from buildConfig().drafts) publishes an entry with this frontmatter. */
export const isPublished = (frontmatter: unknown, drafts: boolean): boolean => drafts || !isDraft(frontmatter);

/**
 * What a build does with an entry: renders it (whole builds, and the shard of its province), loads
 * its frontmatter and facts without its body (the national shard, which lists every report), or
 * skips it (another shard's).
 */
export type EntryRole = 'render' | 'facts' | 'skip';

/** The place of an entry id (`hunan/huaihua/2023` -> `hunan/huaihua`). */
export const entryPlace = (id: string): string => id.slice(0, id.lastIndexOf('/'));

/**
 * True if `placeId` is in the scope of a preview of `place`: the place itself, a place above it (a
 * prefix of its id) or below it. Without a preview place, every place is.
 */
export const inPlaceScope = (place: string | undefined, placeId: string): boolean =>
  !place || placeId === place || placeId.startsWith(`${place}/`) || place.startsWith(`${placeId}/`);

/**
 * True if `placeId` belongs to a jurisdiction's site scoped to the place `root` (site.config.yaml
 * `scope`): the place itself or below it, never above. Every place does for the national collection.
 */
export const inSiteScope = (root: string | undefined, placeId: string): boolean => !root || placeId === root || placeId.startsWith(`${root}/`);

/** What decides which places a build loads: its site's scope and a scoped preview's place (BuildConfig has both). */
export interface PlaceScopes {
  site: { scope: string };
  place?: string;
}

/** The place a configuration's site is scoped to, or undefined for the national collection. */
export const siteScopeOf = (config: Pick<PlaceScopes, 'site'>): string | undefined => (config.site.scope === 'national' ? undefined : config.site.scope);

/** Whether a build with `config` (its site's scope, and a scoped preview's place) loads the reports of `placeId`. */
export const placeFilter =
  (config: PlaceScopes) =>
  (placeId: string): boolean =>
    inSiteScope(siteScopeOf(config), placeId) && inPlaceScope(config.place, placeId);

/** What a build does with an entry; a scoped preview (`hasPlace`) skips every entry outside its place's scope. */
export function entryRole(scope: ShardScope & { hasPlace?: (placeId: string) => boolean }, id: string): EntryRole {
  if (scope.hasPlace && !scope.hasPlace(entryPlace(id))) return 'skip';
  if (!scope.spec) return 'render';
  if (scope.national) return 'facts';
  return scope.hasProvince(provinceOf(id)) ? 'render' : 'skip';
}

/**
 * The entries of a content directory by year, newest year first, each year's ids sorted; only those
 * a build with `config` (by default this process's) loads: its site's scope, and a scoped preview's.
 */
export function reportIdsByYear(contentDir: string, config: PlaceScopes = buildConfig()): [year: number, ids: string[]][] {
  const byYear = new Map<number, string[]>();
  const inScope = placeFilter(config);
  for (const id of reportIds(join(contentDir, 'reports'))) {
    if (!inScope(entryPlace(id))) continue;
    const year = parseEntryId(id)?.year;
    if (year) byYear.set(year, [...(byYear.get(year) ?? []), id]);
  }
  return [...byYear].sort((a, b) => b[0] - a[0]);
}
