/**
 * What this build renders: the shard named by `SHARD=k/n` (see src/build/shards.ts), planned from
 * the reports of the content directory, or the whole site. Read once per build, by the reports
 * loader, the data layer and the sitemap filter, so all three agree.
 */
import { join } from 'node:path';
import { reportIds } from '../lib/content/published';
import { buildConfig } from '../lib/config';
import { countByProvince, planShards, shardScope, type ShardScope } from './shards';

/** The entries of a content directory: the published-reports module's (src/lib/content/published.ts). */
export { reportIds };

let scope: ShardScope | undefined;

export function buildScope(): ShardScope {
  if (scope) return scope;
  const { shard: spec, contentDir } = buildConfig();
  const plan = spec ? planShards(countByProvince(reportIds(join(contentDir, 'reports'))), spec.count) : new Map<string, number>();
  return (scope = shardScope(spec, plan));
}
