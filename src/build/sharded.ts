/**
 * Sharded builds (shards.ts): shard 0 the national pages, shards 1..N a group of provinces each;
 * `jobs` of them at a time, each skipped when its inputs (code, places, its provinces' reports)
 * are unchanged since its last build, then assembled with the search index into the output. On
 * separate machines each runs one shard (`--shard k`), one the index (`--search`), and one the
 * assembly (`--assemble`) over their outputs copied into the work directory.
 */
import { existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import pLimit from 'p-limit';
import { codeDigest, shardInputDigest } from './digests';
import { filesUnder, place } from './files';
import { indexWorkDir, type BuildOptions } from './options';
import { publish } from './publish';
import { countByProvince, keepInAssembly, planShards, shardCountFor } from './shards';
import { finishOptionsOf, finishSite } from './site-check';
import type { BuildStages } from './whole';
import { dropServerFiles } from './whole';

/** Sites up to this many reports build in one piece (an incremental one: a rebuild renders only what changed)… */
export const SHARD_AT = 20000;
/** …above, in shards of about this many reports, whose fixed costs (each an astro build) are worth their bounded memory. */
export const SHARD_SIZE = 10000;

/** How a site of `ids` is split: `shards` as asked (or by size), no more than there are provinces with reports. */
export interface ShardPlan {
  /** The number of province shards (shard 0, the national pages, comes on top). */
  count: number;
  /** As many as were asked for (or the size asks for). */
  wanted: number;
  /** The shard of each province with reports. */
  plan: Map<string, number>;
  provinces: number;
}

export function planSite(ids: readonly string[], shards?: number, given: unknown = shards): ShardPlan {
  const counts = countByProvince(ids);
  const wanted = shards ?? (ids.length > SHARD_AT ? Math.ceil(ids.length / SHARD_SIZE) : 1);
  if (!Number.isInteger(wanted) || wanted < 1) throw new Error(`--shards 必须是正整数 / --shards must be a positive integer (got ${given})`);
  const count = shardCountFor(wanted, counts.size);
  return { count, wanted, plan: planShards(counts, count), provinces: counts.size };
}

export interface ShardedOptions extends BuildOptions {
  /** Every report of the content directory (entry ids). */
  ids: readonly string[];
  shards: ShardPlan;
  /** Shards built at a time. */
  jobs: number;
}

/** Where shard `k` is built and kept between builds. */
export const shardDir = (o: Pick<BuildOptions, 'work'>, k: number): string => join(o.work, String(k));

/** A sharded build: its shards' digests (taken once, before building: an edit made during the build is seen by the next one). */
export class ShardedBuild {
  private readonly digests = new Map<number, string>();

  constructor(
    private readonly o: ShardedOptions,
    private readonly stages: Pick<BuildStages, 'index'> & { renderShard: (k: number, dist: string) => Promise<unknown> },
  ) {}

  private get count(): number {
    return this.o.shards.count;
  }

  /** Digest of everything shard k's output depends on. */
  inputDigest(k: number): string {
    let d = this.digests.get(k);
    if (!d) {
      d = shardInputDigest(codeDigest(this.o, { k, shardCount: this.count }), k, this.o.ids, this.o.shards.plan, join(this.o.contentDir, 'reports'));
      this.digests.set(k, d);
    }
    return d;
  }

  /** True if shard k's last output was built from the inputs it has now. */
  upToDate(k: number): boolean {
    const stamp = join(shardDir(this.o, k), 'inputs.sha256');
    return existsSync(stamp) && existsSync(join(shardDir(this.o, k), 'dist')) && readFileSync(stamp, 'utf8') === this.inputDigest(k);
  }

  /** Builds shards `ks`, `jobs` at a time. The first failure stops the queue; builds already running finish. */
  async build(ks: readonly number[]): Promise<void> {
    const limit = pLimit(Math.max(1, this.o.jobs));
    let failure: unknown;
    await Promise.all(
      ks.map((k) =>
        limit(async () => {
          if (failure !== undefined) return;
          try {
            const dir = shardDir(this.o, k);
            rmSync(dir, { recursive: true, force: true });
            mkdirSync(dir, { recursive: true });
            await this.stages.renderShard(k, join(dir, 'dist'));
            dropServerFiles(join(dir, 'dist'), this.o.log);
            // The stamp is written last: a shard whose build failed or was cut off is built again.
            writeFileSync(join(dir, 'inputs.sha256'), this.inputDigest(k));
          } catch (e) {
            failure ??= e;
          }
        }),
      ),
    );
    if (failure !== undefined) throw failure;
  }

  /** Builds shard k alone if its inputs changed (`--shard k`); true if it was built. */
  async buildOne(k: number): Promise<boolean> {
    if (!(k >= 0 && k <= this.count)) throw new Error(`--shard 应在 0 到 ${this.count} 之间 / --shard must be 0…${this.count}`);
    const changed = !this.upToDate(k);
    if (changed) await this.build([k]);
    return changed;
  }

  /** Assembles the shards' pages into `next`, a sibling of the output, which replaces it once complete and checked. */
  assemblePages(next: string): string {
    rmSync(next, { recursive: true, force: true });
    for (let k = 0; k <= this.count; k++) {
      const dist = join(shardDir(this.o, k), 'dist');
      if (!existsSync(dist)) throw new Error(`分片 ${k} 尚未构建（缺少 ${relative(this.o.root, dist)}）/ shard ${k} has not been built`);
      for (const rel of filesUnder(dist)) {
        if (keepInAssembly(rel, k, this.o.shards.plan) && !existsSync(join(next, rel))) place(join(dist, rel), join(next, rel));
      }
    }
    return next;
  }

  /**
   * Builds every changed shard (unless `assembleOnly`) with the index beside them, assembles them,
   * checks and publishes the site. Returns the time from the start of the index to publishing.
   */
  async buildAll(assembleOnly: boolean): Promise<number> {
    const next = `${this.o.out}.assembling`;
    const pagesBuilt = (async () => {
      if (!assembleOnly) {
        // Shard 0 first: it reads every entry and is the longest to sync.
        const all = Array.from({ length: this.count + 1 }, (_, k) => k);
        const changed = all.filter((k) => !this.upToDate(k));
        await this.build(changed);
        this.o.log(all.map((k) => `分片 / shard ${k}: ${changed.includes(k) ? 'built' : 'unchanged'}`).join('\n'));
      }
      return this.assemblePages(next);
    })();
    const t = Date.now();
    const { bundles } = await this.stages.index(pagesBuilt);
    await finishSite(next, bundles, { indexWork: indexWorkDir(this.o), ...finishOptionsOf(this.o.config), workName: relative(this.o.root, this.o.work) });
    publish(next, this.o.out);
    return Date.now() - t;
  }
}
