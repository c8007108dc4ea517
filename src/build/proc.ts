/**
 * Runs a command (tinyexec) and samples the resident memory of its whole process tree (pidtree,
 * pidusage), so benchmarks can report the peak memory of a build stage (Linux; elsewhere, where
 * the tree cannot be read, peak is 0).
 */
import pidtree from 'pidtree';
import pidusage from 'pidusage';
import { x, type Result } from 'tinyexec';

export interface RunResult {
  code: number;
  ms: number;
  /** Peak of the summed RSS of the process and its descendants, in bytes. */
  peakRss: number;
  output: string;
}

/** The summed resident memory of process `root` and its descendants, in bytes; 0 once it is gone. */
export async function treeRss(root: number): Promise<number> {
  try {
    const pids = await pidtree(root, { root: true });
    // With several pids, one that ends while we look is left out rather than failing the rest.
    // History (an open /proc file per pid) kept briefly: pids are reused once processes end.
    const stats = await pidusage(pids, { maxage: 1000 });
    return Object.values(stats).reduce((sum, s) => sum + (s?.memory ?? 0), 0);
  } catch {
    return 0;
  }
}

/** Children started by runMeasured that have not ended yet. */
const running = new Set<Result>();

/**
 * Sends `signal` to every child runMeasured started that still runs: a build stopped by a signal
 * stops its astro builds too, rather than leave them writing into an output it no longer locks.
 */
export function stopChildren(signal: NodeJS.Signals = 'SIGTERM'): void {
  for (const child of running) child.kill(signal);
}

/** How often the memory of a running command is sampled, in ms. */
const SAMPLE_MS = 200;

/** Runs `cmd`; with `echo` (a line prefix, possibly empty) its output is also written to ours as it comes. */
export async function runMeasured(cmd: string, args: string[], env: NodeJS.ProcessEnv, echo?: string): Promise<RunResult> {
  const start = performance.now();
  // The environment exactly as given (no inherited variables, no node_modules/.bin added to PATH).
  const child = x(cmd, args, { nodeOptions: { env, stdio: ['ignore', 'pipe', 'pipe'] }, inheritEnv: false, nodePath: false, throwOnError: false });
  running.add(child);
  let peakRss = 0;
  let sampling = true;
  // One sample at a time: a slow one delays the next rather than piling up.
  const sampler = (async () => {
    while (sampling) {
      await new Promise((ok) => setTimeout(ok, SAMPLE_MS));
      if (sampling && child.pid) peakRss = Math.max(peakRss, await treeRss(child.pid));
    }
  })();
  let output = '';
  try {
    for await (const line of child) {
      output += `${line}\n`;
      if (echo !== undefined) process.stdout.write(`${echo}${line}\n`);
    }
  } catch (e) {
    // The command could not be started (or its streams failed): said in its output, as a failure.
    output += `${e instanceof Error ? e.message : String(e)}\n`;
  }
  sampling = false;
  await sampler;
  running.delete(child);
  return { code: child.exitCode ?? 1, ms: performance.now() - start, peakRss, output };
}

/** Seconds Astro's build log gives for content sync and page rendering, and the number of pages. */
export function astroStages(log: string): { syncSec: number; pagesSec: number; pageCount: number } {
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

/** One step of `npm run build` (an astro build or a Pagefind run), as the build reports it for npm run bench (steps.ts). */
export interface StepFigures {
  step: string;
  ms: number;
  peakRss: number;
  syncSec?: number;
  pagesSec?: number;
  pageCount?: number;
}
