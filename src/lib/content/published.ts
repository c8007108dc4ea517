/**
 * Which reports a build publishes, decided in one place: the entries are the report files of the
 * content directory (./files.ts), a draft is an entry whose frontmatter says `draft: true` and is
 * published only when drafts are built (`buildConfig().drafts`: `astro dev` and the drafts
 * preview, never a production build), and a split build handles only its shard's entries
 * (src/build/scope.ts). The reports loader, the data layer, the search index, `npm run check` and
 * the importer all ask here.
 */
import { join } from 'node:path';
import { provinceOf, type ShardScope } from '../../build/shards';
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

export function entryRole(scope: ShardScope, id: string): EntryRole {
  if (!scope.spec) return 'render';
  if (scope.national) return 'facts';
  return scope.hasProvince(provinceOf(id)) ? 'render' : 'skip';
}

/** The entries of a content directory by year, newest year first, each year's ids sorted. */
export function reportIdsByYear(contentDir: string): [year: number, ids: string[]][] {
  const byYear = new Map<number, string[]>();
  for (const id of reportIds(join(contentDir, 'reports'))) {
    const year = parseEntryId(id)?.year;
    if (year) byYear.set(year, [...(byYear.get(year) ?? []), id]);
  }
  return [...byYear].sort((a, b) => b[0] - a[0]);
}
