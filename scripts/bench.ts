/**
 * `npm run bench -- --reports N [--seed S] [--keep]`: generates an N-report corpus, builds it in a
 * temporary directory and prints wall time and peak memory of each stage (content sync, page
 * rendering, search indexing), pages per second, dist/ and index sizes, and the time to rebuild
 * after editing one report. Figures only, no assertions: these machines are shared and noisy.
 */
import { appendFileSync, mkdtempSync, readdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { runMeasured, type RunResult } from '../src/lib/proc';

const { values } = parseArgs({
  options: {
    reports: { type: 'string', default: '1000' },
    seed: { type: 'string', default: '1' },
    keep: { type: 'boolean' },
    help: { type: 'boolean', short: 'h' },
  },
});
if (values.help) {
  console.log('用法 / usage: npm run bench -- --reports N [--seed S] [--keep]');
  process.exit(0);
}

const N = Number(values.reports);
const work = mkdtempSync(join(tmpdir(), `fazhi-bench-${N}-`));
const content = join(work, 'content');
const out = join(work, 'dist');
const env = { ...process.env, CONTENT_DIR: content, NODE_OPTIONS: process.env.NODE_OPTIONS ?? '--max-old-space-size=8192' };

const mb = (b: number) => `${(b / 2 ** 20).toFixed(0)} MB`;
const s = (ms: number) => `${(ms / 1000).toFixed(1)} s`;

function dirSize(dir: string): number {
  let total = 0;
  for (const f of readdirSync(dir, { recursive: true, encoding: 'utf8' })) {
    const st = statSync(join(dir, f));
    if (st.isFile()) total += st.size;
  }
  return total;
}

/** Seconds Astro reports for its stages, read from its log. */
function astroStages(log: string) {
  const clock = (line: string | undefined) => {
    const m = line && /(\d\d):(\d\d):(\d\d)/.exec(line);
    return m ? Number(m[1]) * 3600 + Number(m[2]) * 60 + Number(m[3]) : NaN;
  };
  const lines = log.split('\n');
  const syncStart = clock(lines.find((l) => l.includes('[content] Syncing content')));
  const syncEnd = clock(lines.find((l) => l.includes('[content] Synced content')));
  const pagesLine = lines.findLast((l) => /✓ Completed in [\d.]+m?s\.$/.test(l.trim()) && !l.includes('[build]'));
  const pages = pagesLine ? /Completed in ([\d.]+)(m?s)/.exec(pagesLine) : null;
  const built = /(\d+) page\(s\) built in ([\d.]+)s/.exec(log);
  return {
    syncSec: syncEnd - syncStart,
    pagesSec: pages ? Number(pages[1]) / (pages[2] === 'ms' ? 1000 : 1) : NaN,
    pageCount: built ? Number(built[1]) : NaN,
  };
}

async function step(name: string, cmd: string, args: string[]): Promise<RunResult> {
  process.stdout.write(`… ${name}\n`);
  const r = await runMeasured(cmd, args, env);
  if (r.code !== 0) {
    console.error(r.output.slice(-4000));
    throw new Error(`${name} failed (exit ${r.code})`);
  }
  return r;
}

const gen = await step(`gen-corpus ${N}`, 'npx', ['tsx', 'scripts/gen-corpus.ts', '--reports', String(N), '--out', content, '--seed', values.seed!]);
const build = await step('astro build', 'npx', ['astro', 'build', '--outDir', out]);
const index = await step('pagefind', 'npx', ['pagefind', '--site', out]);
const stages = astroStages(build.output);

// Edit one report (append a sentence) and rebuild everything, as an official's fix would.
const reportsDir = join(content, 'reports');
const one = readdirSync(reportsDir, { recursive: true, encoding: 'utf8' }).find((f) => f.endsWith('.mdx'))!;
appendFileSync(join(reportsDir, one), '\n本段为基准测试追加的修改。\n');
const rebuild = await step('rebuild after editing one report', 'npx', ['astro', 'build', '--outDir', out]);
const reindex = await step('pagefind again', 'npx', ['pagefind', '--site', out]);

const distBytes = dirSize(out);
const indexBytes = dirSize(join(out, 'pagefind'));
const rows: [string, string][] = [
  ['reports', String(N)],
  ['corpus generation', s(gen.ms)],
  ['astro build (wall, peak)', `${s(build.ms)}, ${mb(build.peakRss)}`],
  ['  content sync', `${stages.syncSec} s`],
  ['  page rendering', `${stages.pagesSec.toFixed(1)} s for ${stages.pageCount} pages (${(stages.pageCount / stages.pagesSec).toFixed(0)} pages/s)`],
  ['pagefind index (wall, peak)', `${s(index.ms)}, ${mb(index.peakRss)}`],
  ['site + search total', s(build.ms + index.ms)],
  ['peak memory of any stage', mb(Math.max(build.peakRss, index.peakRss))],
  ['dist/ size', mb(distBytes)],
  ['search index size', mb(indexBytes)],
  ['rebuild after editing one report', `${s(rebuild.ms + reindex.ms)} (astro ${s(rebuild.ms)}, pagefind ${s(reindex.ms)})`],
];
console.log(`\n基准结果 / benchmark (${new Date().toISOString()}, ${work})`);
for (const [k, v] of rows) console.log(`${k.padEnd(36)} ${v}`);
writeFileSync(join(work, 'bench.json'), JSON.stringify(Object.fromEntries(rows), null, 1));
if (!values.keep) rmSync(work, { recursive: true, force: true });
