/**
 * Runs a command and samples the resident memory of its whole process tree from /proc, so
 * benchmarks can report the peak memory of a build stage (Linux only; elsewhere peak is 0).
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, readdirSync, readFileSync } from 'node:fs';

export interface RunResult {
  code: number;
  ms: number;
  /** Peak of the summed RSS of the process and its descendants, in bytes. */
  peakRss: number;
  output: string;
}

function treeRss(root: number): number {
  if (!existsSync('/proc')) return 0;
  const children = new Map<number, number[]>();
  const rss = new Map<number, number>();
  for (const name of readdirSync('/proc')) {
    if (!/^\d+$/.test(name)) continue;
    try {
      const status = readFileSync(`/proc/${name}/status`, 'utf8');
      const ppid = Number(/PPid:\s+(\d+)/.exec(status)?.[1]);
      const kb = Number(/VmRSS:\s+(\d+)/.exec(status)?.[1] ?? 0);
      rss.set(Number(name), kb * 1024);
      children.set(ppid, [...(children.get(ppid) ?? []), Number(name)]);
    } catch {
      // the process ended while we looked
    }
  }
  let total = 0;
  const stack = [root];
  while (stack.length) {
    const pid = stack.pop()!;
    total += rss.get(pid) ?? 0;
    stack.push(...(children.get(pid) ?? []));
  }
  return total;
}

/** Children started by runMeasured that have not ended yet. */
const running = new Set<ChildProcess>();

/**
 * Sends `signal` to every child runMeasured started that still runs: a build stopped by a signal
 * stops its astro builds too, rather than leave them writing into an output it no longer locks.
 */
export function stopChildren(signal: NodeJS.Signals = 'SIGTERM'): void {
  for (const child of running) child.kill(signal);
}

/** Runs `cmd`; with `echo` (a line prefix, possibly empty) its output is also written to ours as it comes. */
export function runMeasured(cmd: string, args: string[], env: NodeJS.ProcessEnv, echo?: string): Promise<RunResult> {
  return new Promise((resolve) => {
    const start = performance.now();
    const child = spawn(cmd, args, { env, stdio: ['ignore', 'pipe', 'pipe'] });
    running.add(child);
    let output = '';
    const onData = (d: Buffer) => {
      output += d.toString();
      if (echo !== undefined) process.stdout.write(echo ? d.toString().replace(/^(?=.)/gm, echo) : d);
    };
    child.on('error', (e) => {
      output += `${e.message}\n`;
    });
    child.stdout.on('data', onData);
    child.stderr.on('data', onData);
    let peakRss = 0;
    const timer = setInterval(() => {
      if (child.pid) peakRss = Math.max(peakRss, treeRss(child.pid));
    }, 200);
    child.on('close', (code) => {
      running.delete(child);
      clearInterval(timer);
      resolve({ code: code ?? 1, ms: performance.now() - start, peakRss, output });
    });
  });
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

/** One step of `npm run build` (an astro build or a Pagefind run), as scripts/build.ts reports it for npm run bench. */
export interface StepFigures {
  step: string;
  ms: number;
  peakRss: number;
  syncSec?: number;
  pagesSec?: number;
  pageCount?: number;
}
