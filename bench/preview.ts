/**
 * Measures a scoped preview as an official sees it: `npm run dev -- --place <id>` started on a
 * content directory, the time until that place's page answers, then the time from saving an edit
 * of one of its reports until the report page shows it. The server runs in its own process group
 * and is stopped with it; the edited file is put back as it was.
 */
import { spawn } from 'node:child_process';
import { existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { createServer, type AddressInfo } from 'node:net';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { loadPlaces } from '../src/lib/places/load';
import { placeUrl, reportUrl } from '../src/lib/urls';

export interface PreviewFigures {
  place: string;
  /** From starting `npm run dev -- --place` to the place's page answering 200. */
  firstPageMs: number;
  /** From saving an edit of a report to its page showing the edit. */
  editMs: number;
}

export interface PreviewOptions {
  /** The project root, where `npm run dev` runs. */
  root: string;
  contentDir: string;
  /** The place to preview; default the first county (by id) with reports. */
  place?: string;
  log?: (line: string) => void;
  /** Longest wait for each of the two figures. */
  timeoutMs?: number;
}

/** The first county of `contentDir` (by id) with reports, and the years of its reports. */
export function countyWithReports(contentDir: string): { place: string; years: number[] } {
  for (const p of loadPlaces(contentDir).filter((p) => p.level === 'county').sort((a, b) => a.id.localeCompare(b.id))) {
    const dir = join(contentDir, 'reports', p.id);
    const years = existsSync(dir) ? readdirSync(dir).flatMap((f) => /^(\d{4})\.mdx$/.exec(f)?.[1] ?? []).map(Number) : [];
    if (years.length) return { place: p.id, years: years.sort() };
  }
  throw new Error(`${contentDir}: 没有带报告的县级地区 / no county with reports`);
}

const freePort = (): Promise<number> =>
  new Promise((done, fail) => {
    const server = createServer().listen(0, '127.0.0.1', () => {
      const { port } = server.address() as AddressInfo;
      server.close(() => done(port));
    });
    server.on('error', fail);
  });

/** Polls `url` until `ok(status, body)`; resolves with the time it took, or throws after `timeoutMs`. */
async function waitFor(url: string, ok: (status: number, body: string) => boolean, timeoutMs: number, what: string, alive: () => string | undefined): Promise<number> {
  const started = performance.now();
  for (;;) {
    const dead = alive();
    if (dead) throw new Error(`${what}: ${dead}`);
    try {
      const res = await fetch(url, { signal: AbortSignal.timeout(timeoutMs) });
      if (ok(res.status, await res.text())) return performance.now() - started;
    } catch {
      // Not listening yet.
    }
    if (performance.now() - started > timeoutMs) throw new Error(`${what}: 超时 / timed out after ${timeoutMs} ms (${url})`);
    await sleep(50);
  }
}

/** Starts a scoped preview, measures its first page and one edit, and stops it. */
export async function measureScopedPreview(o: PreviewOptions): Promise<PreviewFigures> {
  const log = o.log ?? (() => {});
  const timeoutMs = o.timeoutMs ?? 120_000;
  const county = o.place ? { place: o.place, years: [] as number[] } : countyWithReports(o.contentDir);
  const place = county.place;
  const year = county.years.at(-1) ?? Number(readdirSync(join(o.contentDir, 'reports', place)).find((f) => f.endsWith('.mdx'))!.slice(0, 4));
  const file = join(o.contentDir, 'reports', place, `${year}.mdx`);
  const port = await freePort();
  const origin = `http://127.0.0.1:${port}`;
  log(`npm run dev -- --place ${place} --port ${port} (CONTENT_DIR=${o.contentDir})`);

  const started = performance.now();
  const child = spawn('npm', ['run', 'dev', '--', '--place', place, '--port', String(port), '--host', '127.0.0.1'], {
    cwd: o.root,
    env: { ...process.env, CONTENT_DIR: o.contentDir, ASTRO_TELEMETRY_DISABLED: '1' },
    stdio: ['ignore', 'pipe', 'pipe'],
    detached: true,
  });
  let output = '';
  child.stdout.on('data', (d: Buffer) => (output += d));
  child.stderr.on('data', (d: Buffer) => (output += d));
  let exited: string | undefined;
  child.on('exit', (code, signal) => (exited = `npm run dev 已退出 / exited (${code ?? signal}):\n${output.slice(-3000)}`));
  const original = readFileSync(file);
  try {
    await waitFor(`${origin}${placeUrl(place)}`, (status) => status === 200, timeoutMs, 'first page', () => exited);
    const firstPageMs = performance.now() - started;
    log(`first page of ${place}: ${(firstPageMs / 1000).toFixed(1)} s`);
    // The report page as the official has it open before the edit.
    const page = `${origin}${reportUrl(place, year)}`;
    await waitFor(page, (status) => status === 200, timeoutMs, 'report page', () => exited);
    const marker = `基准测试修改标记${Date.now()}。`;
    const edited = performance.now();
    writeFileSync(file, `${original.toString('utf8').trimEnd()}\n\n${marker}\n`);
    await waitFor(page, (status, body) => status === 200 && body.includes(marker), timeoutMs, 'edit', () => exited);
    const editMs = performance.now() - edited;
    log(`edit of ${place}/${year} shown: ${(editMs / 1000).toFixed(2)} s`);
    return { place, firstPageMs, editMs };
  } finally {
    writeFileSync(file, original);
    if (exited === undefined && child.pid) {
      const gone = new Promise((done) => child.once('exit', done));
      process.kill(-child.pid, 'SIGTERM');
      await Promise.race([gone, sleep(10_000)]);
      if (exited === undefined) process.kill(-child.pid, 'SIGKILL');
    }
  }
}
