/**
 * What this build renders: the shard named by `SHARD=k/n` (see src/build/shards.ts), planned from
 * the reports of the content directory, or the whole site. Read once per build, by the reports
 * loader, the data layer and the sitemap filter, so all three agree.
 */
import { join } from 'node:path';
import { listReportFiles } from '../lib/content/files';
import { buildConfig } from '../lib/config';
import { countByProvince, planShards, shardScope, type ShardScope } from './shards';

/** Entry ids (`<place id>/<year>`) of the report files under `reportsDir`, sorted (see listReportFiles). */
export const reportIds = (reportsDir: string): string[] => listReportFiles(reportsDir).ids;

let scope: ShardScope | undefined;

export function buildScope(): ShardScope {
  if (scope) return scope;
  const { shard: spec, contentDir } = buildConfig();
  const plan = spec ? planShards(countByProvince(reportIds(join(contentDir, 'reports'))), spec.count) : new Map<string, number>();
  return (scope = shardScope(spec, plan));
}
