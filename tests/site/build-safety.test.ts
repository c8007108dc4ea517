/**
 * `npm run build` is safe to run: it refuses, before doing anything, an --out or --work that is
 * the project's own (content/, src/, /), and two builds started at once into one output take turns
 * (a build that may not wait is refused, naming the build it waited for), leaving one complete
 * site with no Astro server file, and no Astro process sending telemetry.
 */
import { execFile, spawn } from 'node:child_process';
import { cpSync, existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import { createHash } from 'node:crypto';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { afterAll, describe, expect, it } from 'vitest';
import { BUILD_MARKER } from '../../src/build/paths-guard';
import { serverFiles } from '../../src/build/publish';

interface Run {
  code: number;
  output: string;
  ms: number;
}

/** Runs scripts/build.ts with `args` (and `env` on top of ours), to its end. */
function build(args: string[], env: Record<string, string> = {}): Promise<Run> {
  const start = Date.now();
  return new Promise((ok) => {
    execFile('npx', ['tsx', 'scripts/build.ts', ...args], { env: { ...process.env, ...env }, maxBuffer: 1 << 26 }, (error, stdout, stderr) => {
      const code = error ? (typeof error.code === 'number' ? error.code : 1) : 0;
      ok({ code, output: stdout + stderr, ms: Date.now() - start });
    });
  });
}

/** Every file under `dir` with its content, as one digest. */
function treeDigest(dir: string): string {
  const h = createHash('sha256');
  for (const f of readdirSync(dir, { recursive: true, encoding: 'utf8' }).sort()) {
    const path = join(dir, f);
    h.update(`${f}\0`);
    if (statSync(path).isFile()) h.update(readFileSync(path));
  }
  return h.digest('hex');
}

describe('refused paths', { timeout: 120_000 }, () => {
  it.each([
    [['--out', 'content'], '--out 不能是 content/', '--out must not be content/'],
    [['--out', 'content/x'], '--out 不能是 content/', '--out must not be content/'],
    [['--work', 'src'], '--work 不能是 src/', '--work must not be src/'],
    [['--out', '/'], '--out 不能是项目目录或其上级目录', '--out must not be the project directory or a directory above it'],
    [['--out', '..'], '--out 不能是项目目录或其上级目录', '--out must not be the project directory or a directory above it'],
  ])('%j: exits 1 at once, naming the option and the path, with content/ and src/ untouched', async (args, zh, en) => {
    const content = treeDigest('content');
    const pages = readdirSync('src/pages', { recursive: true }).length;
    const r = await build(args);
    expect(r.code, r.output).toBe(1);
    // Chinese first, then English, then that nothing was done.
    expect(r.output).toMatch(new RegExp(`${zh}[^\\n]* / ${en}`));
    expect(r.output).toContain('构建未开始，没有改动任何文件 / the build did not start; nothing was changed.');
    expect(r.output).not.toContain('[build]');
    expect(treeDigest('content')).toBe(content);
    expect(readdirSync('src/pages', { recursive: true }).length).toBe(pages);
    for (const lock of ['content.lock', 'content/x.lock', 'src/.lock', '/.lock', '../.lock']) expect(existsSync(lock), lock).toBe(false);
  });
});

describe('two builds into one output at once', { timeout: 300_000 }, () => {
  const dir = mkdtempSync(join(tmpdir(), 'fazhi-build-safety-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));
  cpSync('tests/fixtures/content-min', dir, { recursive: true });
  const out = join(dir, 'dist');
  const args = ['--out', out, '--work', join(dir, 'work')];
  // Telemetry's own debug log says whether it is off (and, if on, prints what it would send).
  const env = { CONTENT_DIR: dir, DEBUG: 'astro:telemetry' };

  it('take turns: the second waits for the first, one that may not wait is refused, and the site is complete', async () => {
    const first = build(args, env);
    const second = build(args, env);
    // A third, once one of them holds the output, that may not wait.
    while (!existsSync(`${out}.lock`)) await sleep(50);
    const holder = Number(readFileSync(`${out}.lock`, 'utf8').split('\n')[0]);
    const impatient = await build([...args, '--wait', '0'], env);
    expect(impatient.code, impatient.output).toBe(1);
    expect(impatient.output).toContain(`仍由进程 ${holder} 构建，本次构建退出`);
    expect(impatient.output).toContain(`still being built by process ${holder}`);
    expect(impatient.output).not.toContain('[build]');

    const runs = await Promise.all([first, second]);
    for (const r of runs) expect(r.code, r.output).toBe(0);
    const waited = runs.filter((r) => /正由进程 \d+ 构建，等待其完成.* is being built by process \d+: waiting/.test(r.output));
    expect(waited).toHaveLength(1);

    // One complete site, marked as the build's, nothing left beside it.
    for (const f of ['index.html', 'search/index.html', 'places/hunan/huaihua/2023/index.html', 'data/reports.json', 'feed.xml', 'pagefind', BUILD_MARKER]) {
      expect(existsSync(join(out, f)), f).toBe(true);
    }
    for (const f of [`${out}.lock`, `${out}.next`, `${out}.old`, join(dir, 'work/.lock')]) expect(existsSync(f), f).toBe(false);
    // No server file of either build (manifest_*.mjs holds a key), nor of Astro's shared .astro/.
    expect(serverFiles(out)).toEqual([]);
    const files = readdirSync(out, { recursive: true, encoding: 'utf8' });
    expect(files.filter((f) => /manifest_.*\.mjs$/.test(f) || (f.endsWith('.mjs') && !f.startsWith('_astro/')))).toEqual([]);

    // Every astro process had telemetry off: nothing recorded, nothing sent.
    for (const r of runs) {
      expect(r.output).toContain('astro:telemetry [record] telemetry has been disabled');
      expect(r.output).not.toContain('anonymousId');
    }
  });
});
