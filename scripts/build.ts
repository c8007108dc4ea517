/**
 * `npm run build`: the production site and its search index in dist/.
 *
 * A small site is one `astro build`. A large one (more than SHARD_AT reports, or `--shards N`) is
 * built as shards (src/build/sharded.ts): shard 0 the national pages, shards 1..N a group of
 * provinces each; `--jobs` of them at a time, each skipped when its inputs (code, places, its
 * provinces' reports) are unchanged since its last build, then assembled into dist/. On separate
 * machines, each runs `--shard k` (and one `--search`) and one runs `--assemble` over their
 * outputs copied into .shards/ (see README).
 *
 * Either way the search index is built from the content beside the site, at the same time
 * (src/lib/search/indexer.ts): bundles per part of a year, each indexed again only when its reports'
 * searchable text changed, then linked into the site, which is checked before it replaces dist/.
 *
 * The build itself is src/build/run.ts (runBuild); this entry point reads the arguments and the
 * build configuration (the only place besides src/lib/config.ts that reads the environment), and
 * prints progress and the last line, `build-steps: {…}`, which npm run bench reads.
 *
 * Safe to run (src/build/): `--out` and `--work` are checked before anything is touched; one
 * build at a time per output and per work directory (lock files); the site is published by renames
 * that leave a complete site whenever the build is stopped; no Astro server file is published; and
 * no Astro process sends telemetry.
 */
import { resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { availableParallelism } from 'node:os';
import { buildConfig } from '../src/lib/config';
import { BuildRefused, runBuild } from '../src/build/run';
import { SHARD_AT, SHARD_SIZE } from '../src/build/sharded';

const USAGE = `用法 / usage: npm run build [-- --shards N] [--jobs J] [--out DIR] [--work DIR] [--wait S] [--shard K | --search | --assemble]

  --shards N   分片数（默认：报告数超过 ${SHARD_AT} 时每约 ${SHARD_SIZE} 份一片，否则不分片）
               number of shards (default: one per ~${SHARD_SIZE} reports above ${SHARD_AT} reports, else none)
  --jobs J     同时构建的分片数 / shards built at a time (default: CPU count)
  --out DIR    输出目录 / output directory (default dist)
  --shard K    只构建第 K 片（0 为全国页面）到 .shards/K/，供多台机器并行
               build only shard K (0 = national pages) into .shards/K/, for parallel runners
  --search     只构建搜索索引到 .shards/index/，供多台机器并行 / build only the search index into .shards/index/
  --assemble   把 .shards/*/ 中已构建的分片与索引合并到输出目录 / assemble built shards (and the index) into the output
  --work DIR   工作目录（分片构建时须在项目内）/ work directory, inside the project for shards (default .shards)
  --wait S     同一输出或工作目录正在构建时最多等待的秒数 / seconds to wait for another build of the same
               output or work directory (default 1800)

--out 与 --work 不能是项目目录及其上级、content/、src/ 等项目文件夹，也不能是非构建生成的非空目录。
--out and --work may not be the project or above it, content/, src/ or another project folder, nor a
non-empty directory the build did not make (it marks its own with a .fazhi-build file).

最后一行 build-steps: {…} 给出每一步的耗时与峰值内存（供 npm run bench 读取）。
The last line, build-steps: {…}, gives each step's wall time and peak memory (read by npm run bench).`;

const ROOT = fileURLToPath(new URL('..', import.meta.url));
process.chdir(ROOT);

const { values } = parseArgs({
  options: {
    shards: { type: 'string' },
    jobs: { type: 'string' },
    out: { type: 'string', default: 'dist' },
    shard: { type: 'string' },
    work: { type: 'string', default: '.shards' },
    wait: { type: 'string', default: '1800' },
    assemble: { type: 'boolean' },
    search: { type: 'boolean' },
    help: { type: 'boolean', short: 'h' },
  },
});
if (values.help) {
  console.log(USAGE);
  process.exit(0);
}

const config = buildConfig();
try {
  const last = await runBuild({
    root: ROOT,
    config,
    contentDir: resolve(config.contentDir),
    out: resolve(values.out!),
    work: resolve(values.work!),
    env: process.env,
    log: (line) => console.log(line),
    shards: values.shards || undefined,
    jobs: Math.max(1, Number(values.jobs ?? availableParallelism())),
    waitSec: Number(values.wait),
    shard: values.shard === undefined ? undefined : Number(values.shard),
    search: values.search,
    assemble: values.assemble,
  });
  console.log(last);
  process.exit(0);
} catch (e) {
  if (!(e instanceof BuildRefused)) throw e;
  console.error(e.message);
  process.exit(1);
}
