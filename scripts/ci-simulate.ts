/**
 * `npm run ci:simulate -- [--reports N] [--shards K] [--seed S] [--keep]`: runs the CI workflow's
 * job graph here (bench/ci-simulate.ts): a generated corpus of N reports built as K shards plus the
 * national one, a search-index job and an assembly, each job in its own clone with only artifacts
 * passed between them; then checks that the assembled site equals a whole build of the same corpus
 * file for file (but for build timestamps) and finds the same reports. Exits 1 on any difference.
 */
import { rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { recallLine, simulate } from '../bench/ci-simulate';
import { CORPUS_OPTIONS, corpusSize } from '../bench/gen-corpus';

const USAGE = `用法 / usage: npm run ci:simulate -- [--reports N] [--shards K] [--seed S] [--keep]

  --reports N   生成的报告数 / reports in the generated corpus (default 1000)
  --shards K    省份分片数（另加全国分片 0）/ province shards (plus the national shard 0), default 3
  --seed S      语料随机种子 / corpus seed (default 1)
  --keep        保留工作目录（语料、产物、日志）/ keep the work directory (corpus, artifacts, logs)

每个作业在仓库 HEAD 的独立克隆中运行，作业之间只传递产物目录；未提交的改动不参与模拟。
Each job runs in its own clone of the repository's HEAD and only artifact directories pass between
jobs; uncommitted changes are not simulated.`;

const { values } = parseArgs({
  options: { ...CORPUS_OPTIONS, shards: { type: 'string', default: '3' }, keep: { type: 'boolean' }, help: { type: 'boolean', short: 'h' } },
});
if (values.help) {
  console.log(USAGE);
  process.exit(0);
}
const size = corpusSize(values);
const shards = Number(values.shards);
if (!size || !(Number.isInteger(shards) && shards >= 1)) {
  console.error(USAGE);
  process.exit(2);
}

const work = join(tmpdir(), `fazhi-ci-simulate-${process.pid}`);
const started = Date.now();
let ok = false;
try {
  const r = await simulate({ ...size, shards, work, log: (line) => console.log(line) });
  const buildMs = r.jobs.slice(0, -1).reduce((a, j) => a + j.buildMs, 0);
  console.log(
    [
      '',
      `ci:simulate ${size.reports} reports, ${shards} shards, commit ${r.commit}: ${r.ok ? 'PASS' : 'FAIL'}`,
      `  workflow jobs (one after another): ${(buildMs / 1000).toFixed(1)} s of builds; whole build ${(r.jobs.at(-1)!.buildMs / 1000).toFixed(1)} s; total ${((Date.now() - started) / 1000).toFixed(0)} s`,
      `  files: ${r.diff.compared} compared byte for byte, ${r.diff.onlyA.length + r.diff.onlyB.length} in one site only, ${r.diff.differ.length} differ (nothing normalised: the build writes no timestamps)`,
      `  recall: assembled ${recallLine(r.recall.assembled)}, whole ${recallLine(r.recall.whole)}; queries with different results: ${r.recall.differ.length}`,
    ].join('\n'),
  );
  ok = r.ok;
} catch (e) {
  console.error(e instanceof Error ? e.message : e);
} finally {
  if (values.keep) console.log(`kept ${work}`);
  else rmSync(work, { recursive: true, force: true });
}
process.exit(ok ? 0 : 1);
