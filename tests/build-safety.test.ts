/**
 * Builds are safe to run (src/build/): the lock (one build per output: wait, give up, take
 * over a stale one, released on exit, error and signals), the guard of --out and --work, the
 * publishing renames with a build stopped between them, Astro's server files kept out of a site,
 * and telemetry off for every astro process the scripts start.
 */
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { acquireLock, isAlive, lockText, LockTimeout, processStart, readHolder } from '../src/build/lock';
import { BUILD_MARKER, checkBuildPaths, markBuilt, PROTECTED } from '../src/build/paths-guard';
import { dropRetired, moveDir, promote, publish, removeServerFiles, restoreInterrupted, retire, retiredDir, serverFiles, stagingDir } from '../src/build/publish';
import { childEnv, TELEMETRY_OFF } from '../src/build/env';

const ROOT = fileURLToPath(new URL('..', import.meta.url));
const tmp = mkdtempSync(join(tmpdir(), 'fazhi-build-safety-'));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));
let n = 0;
const fresh = (name: string) => {
  const dir = join(tmp, `${n++}-${name}`);
  mkdirSync(dir, { recursive: true });
  return dir;
};
const write = (file: string, text = 'x') => {
  mkdirSync(dirname(file), { recursive: true });
  writeFileSync(file, text);
};

describe('lock', () => {
  const LOCK_MODULE = join(ROOT, 'src/build/lock.ts');

  /**
   * A separate process that takes `file` (announcing "held" on stdout), then, per `then`: lets go
   * after some ms, waits for a signal, or throws.
   */
  function holder(file: string, then: number | 'forever' | 'throw'): Promise<ChildProcess> {
    const script = join(fresh('holder'), 'hold.mts');
    writeFileSync(
      script,
      `import { acquireLock, releaseOnExit } from ${JSON.stringify(LOCK_MODULE)};
const lock = await acquireLock(${JSON.stringify(file)}, { what: 'test', timeoutMs: 5000 });
releaseOnExit(() => [lock]);
console.log('held');
${then === 'forever' ? 'setInterval(() => {}, 1000);' : then === 'throw' ? "await new Promise((r) => setTimeout(r, 100)); throw new Error('build failed');" : `setTimeout(() => process.exit(0), ${then});`}
`,
    );
    const child = spawn(process.execPath, ['--import', 'tsx', script], { cwd: ROOT, stdio: ['ignore', 'pipe', 'pipe'] });
    return new Promise((ok, fail) => {
      let out = '';
      child.stdout!.on('data', (d: Buffer) => {
        out += d.toString();
        if (out.includes('held')) ok(child);
      });
      child.stderr!.on('data', (d: Buffer) => (out += d.toString()));
      child.on('exit', () => fail(new Error(`holder ended before holding the lock:\n${out}`)));
    });
  }
  const exited = (child: ChildProcess) =>
    new Promise<number | null>((ok) => (child.exitCode !== null ? ok(child.exitCode) : child.on('exit', (code, signal) => ok(code ?? (signal ? 128 : null)))));

  /** The PID of a process that has ended. */
  const deadPid = () => spawnSync(process.execPath, ['-e', '']).pid!;

  it('a free lock is taken at once, holds our PID, and is released', async () => {
    const file = join(fresh('free'), 'dist.lock');
    const lock = await acquireLock(file, { what: 'dist', timeoutMs: 0 });
    expect(readHolder(file)).toMatchObject({ pid: process.pid });
    lock.release();
    expect(existsSync(file)).toBe(false);
  });

  it('waits while a live build holds it, saying which process, then takes it', { timeout: 20_000 }, async () => {
    const file = join(fresh('wait'), 'dist.lock');
    const child = await holder(file, 1500);
    const log: string[] = [];
    const started = Date.now();
    const lock = await acquireLock(file, { what: 'dist', timeoutMs: 15_000, pollMs: 100, log: (l) => log.push(l) });
    expect(Date.now() - started).toBeGreaterThan(500);
    expect(log.join('\n')).toContain(`dist 正由进程 ${child.pid} 构建，等待其完成`);
    expect(log.join('\n')).toContain(`is being built by process ${child.pid}`);
    expect(readHolder(file)).toMatchObject({ pid: process.pid });
    expect(await exited(child)).toBe(0);
    lock.release();
  });

  it('gives up after the limit with a bilingual message naming the holder, leaving its lock', { timeout: 20_000 }, async () => {
    const file = join(fresh('timeout'), 'dist.lock');
    const child = await holder(file, 'forever');
    try {
      const error = await acquireLock(file, { what: 'dist', timeoutMs: 400, pollMs: 100 }).catch((e: unknown) => e);
      expect(error).toBeInstanceOf(LockTimeout);
      const message = (error as Error).message;
      expect(message).toMatch(new RegExp(`^等待 0 秒后，dist 仍由进程 ${child.pid} 构建[^]*\\nGave up after 0 s: dist is still being built by process ${child.pid}`));
      expect(message).toContain(file);
      expect(readHolder(file)).toMatchObject({ pid: child.pid });
    } finally {
      child.kill('SIGTERM');
      await exited(child);
    }
  });

  it('takes over a lock whose holder has died, with a notice', async () => {
    const file = join(fresh('stale'), 'dist.lock');
    const pid = deadPid();
    writeFileSync(file, `${pid}\n\n`);
    const log: string[] = [];
    const lock = await acquireLock(file, { what: 'dist', timeoutMs: 0, log: (l) => log.push(l) });
    expect(log.join('\n')).toContain(`持有进程 ${pid} 已不存在`);
    expect(log.join('\n')).toContain(`process ${pid}, is gone`);
    expect(readHolder(file)).toMatchObject({ pid: process.pid });
    lock.release();
  });

  it('takes for dead a PID now used by another process (its start time differs)', async () => {
    expect(processStart(process.pid)).toMatch(/^\d+$/);
    const file = join(fresh('reused'), 'dist.lock');
    const other = { pid: process.pid, started: '1' };
    expect(isAlive(other)).toBe(false);
    writeFileSync(file, `${other.pid}\n${other.started}\n`);
    const lock = await acquireLock(file, { what: 'dist', timeoutMs: 0 });
    expect(readFileSync(file, 'utf8')).toBe(lockText());
    lock.release();
  });

  it('is released when the build is stopped by SIGTERM or SIGINT', { timeout: 20_000 }, async () => {
    for (const [signal, code] of [['SIGTERM', 143], ['SIGINT', 130]] as const) {
      const file = join(fresh('signal'), 'dist.lock');
      const child = await holder(file, 'forever');
      expect(readHolder(file)).toMatchObject({ pid: child.pid });
      child.kill(signal);
      expect(await exited(child)).toBe(code);
      expect(existsSync(file), signal).toBe(false);
    }
  });

  it('is released when the build fails with an error', { timeout: 20_000 }, async () => {
    const file = join(fresh('error'), 'dist.lock');
    const child = await holder(file, 'throw');
    expect(await exited(child)).toBe(1);
    expect(existsSync(file)).toBe(false);
  });

  it('a lock taken over from us is not ours to remove', async () => {
    const file = join(fresh('taken'), 'dist.lock');
    const lock = await acquireLock(file, { what: 'dist', timeoutMs: 0 });
    writeFileSync(file, '1234567\n\n');
    lock.release();
    expect(readFileSync(file, 'utf8')).toBe('1234567\n\n');
  });
});

describe('--out and --work', () => {
  /** A project like ours: its folders, content and a README. */
  function project(): string {
    const root = fresh('project');
    for (const d of PROTECTED) mkdirSync(join(root, d), { recursive: true });
    write(join(root, 'content/places.yaml'));
    write(join(root, 'content/reports/hunan/2023.mdx'));
    write(join(root, 'src/pages/index.astro'));
    write(join(root, 'README.md'));
    return root;
  }
  const root = project();
  const content = join(root, 'content');
  const check = (out: string | undefined, work = join(root, '.shards'), contentDir = content) =>
    checkBuildPaths({ root, contentDir, out: out === undefined ? undefined : resolve(root, out), work: resolve(root, work) });
  /** Refused, with one message naming the option and the path, in Chinese and then in English. */
  const refused = (option: '--out' | '--work', result: ReturnType<typeof check>) => {
    expect(result.problems).toHaveLength(1);
    expect(result.problems[0]).toMatch(new RegExp(`^${option} [^/]*[\\u4e00-\\u9fff][^]*：.+ / ${option} [a-z].*: .+`));
    return result.problems[0];
  };

  it('accepts the usual places: dist and .shards, a new directory, one outside the project', () => {
    expect(check('dist')).toEqual({ problems: [], notices: [] });
    expect(check('dist-drafts', '.shards/drafts').problems).toEqual([]);
    expect(check(join(fresh('elsewhere'), 'site'), join(fresh('elsewhere'), 'work')).problems).toEqual([]);
  });

  it.each([
    ['the project itself', '.'],
    ['the folder above it', '..'],
    ['the file system root', '/'],
  ])('refuses %s as --out and as --work', (_, path) => {
    expect(refused('--out', check(path))).toContain('不能是项目目录或其上级目录');
    expect(refused('--work', check('dist', path))).toContain('must not be the project directory or a directory above it');
  });

  it.each<string>([...PROTECTED, 'content/x', 'content/reports', 'src/pages', 'tests/fixtures/content-min', 'node_modules/.cache'])(
    'refuses %s (a project folder, or inside one) as --out and as --work',
    (path) => {
      const name = path.split('/')[0];
      expect(refused('--out', check(path))).toContain(`不能是 ${name}/`);
      expect(refused('--work', check('dist', path))).toContain(`must not be ${name}/, inside it or contain it`);
    },
  );

  it('refuses the content directory in use (CONTENT_DIR), what is above it, its reports and places.yaml; other folders in it are free', () => {
    const parent = fresh('custom');
    const custom = join(parent, 'content');
    write(join(custom, 'places.yaml'));
    write(join(custom, 'reports/hunan/2023.mdx'));
    const withCustom = (out: string) => check(out, '.shards', custom);
    expect(refused('--out', withCustom(custom))).toContain('不能是内容目录');
    expect(refused('--out', withCustom(parent))).toContain('must not be the content directory');
    expect(refused('--out', withCustom(join(custom, 'reports/x')))).toContain('reports');
    expect(refused('--out', withCustom(join(custom, 'places.yaml')))).toContain('places.yaml');
    expect(refused('--work', check('dist', join(custom, 'reports'), custom))).toContain('reports');
    expect(withCustom(join(custom, 'dist')).problems).toEqual([]);
  });

  it('refuses a path that is a file, and a non-empty directory the build did not make', () => {
    expect(refused('--out', check('README.md'))).toContain('已存在且不是目录');
    const mine = join(root, 'mine');
    write(join(mine, 'notes.txt'));
    expect(refused('--out', check('mine'))).toContain(`no ${BUILD_MARKER} marker`);
    expect(refused('--work', check('dist', 'mine'))).toContain('不是构建生成的目录');
  });

  it('accepts an empty directory and one the build marked', () => {
    mkdirSync(join(root, 'empty'));
    expect(check('empty').problems).toEqual([]);
    const built = join(root, 'built');
    write(join(built, 'index.html'));
    markBuilt(built);
    expect(check('built').problems).toEqual([]);
  });

  it('accepts, once, an output holding a site with its search index from before the marker, and a work directory of old builds', () => {
    write(join(root, 'old-dist/index.html'));
    write(join(root, 'old-dist/pagefind/pagefind.js'));
    const result = check('old-dist');
    expect(result.problems).toEqual([]);
    expect(result.notices.join('\n')).toMatch(/此前构建的网站.*replaced and marked by this build/);
    // As a work directory, a site is someone else's files.
    refused('--work', check('dist', 'old-dist'));
    for (const d of ['pages/current', 'index/2023-1', '0/dist', 'drafts/pages']) mkdirSync(join(root, 'old-shards', d), { recursive: true });
    expect(check('dist', 'old-shards').problems).toEqual([]);
  });

  it('refuses a link that leads into a protected folder', () => {
    symlinkSync(join(root, 'src'), join(root, 'link-to-src'));
    expect(refused('--out', check('link-to-src'))).toContain(join(root, 'src'));
  });

  it('refuses an output and a work directory inside one another', () => {
    const overlap = check('dist', 'dist/work');
    expect(overlap.problems.join('\n')).toMatch(/^--out 与 --work 不能相同或互相包含.* \/ --out and --work must not be the same or inside one another/);
    expect(check('dist', 'dist.next').problems).toHaveLength(1);
    expect(check('.shards/site', '.shards').problems).toHaveLength(1);
  });

  it('checks only --work when the build writes no output (--shard, --search)', () => {
    expect(check(undefined, 'src').problems).toHaveLength(1);
    expect(check(undefined).problems).toEqual([]);
  });
});

describe('publishing', () => {
  /** `out` holding site `v1` and `<out>.next` holding `v2`, as a build has them just before publishing. */
  function before(): { out: string; next: string } {
    const dir = fresh('publish');
    const out = join(dir, 'dist');
    write(join(out, 'index.html'), 'v1');
    markBuilt(out);
    write(join(`${out}.next`, 'index.html'), 'v2');
    return { out, next: `${out}.next` };
  }
  const site = (out: string) => readFileSync(join(out, 'index.html'), 'utf8');

  it('replaces the site, marked as the build’s, leaving nothing beside it', () => {
    const { out, next } = before();
    publish(next, out);
    expect(site(out)).toBe('v2');
    expect(existsSync(join(out, BUILD_MARKER))).toBe(true);
    expect(existsSync(next)).toBe(false);
    expect(existsSync(retiredDir(out))).toBe(false);
  });

  it('publishes a first site where there was none', () => {
    const dir = fresh('first');
    write(join(dir, 'dist.next/index.html'), 'v1');
    publish(join(dir, 'dist.next'), join(dir, 'dist'));
    expect(site(join(dir, 'dist'))).toBe('v1');
  });

  it('a build stopped between the two renames: the next build puts the old site back', () => {
    const { out, next } = before();
    retire(out);
    // Stopped here: no site at out.
    expect(existsSync(out)).toBe(false);
    expect(restoreInterrupted(out)).toMatch(/已恢复之前的网站 \/ .*previous site is restored/);
    expect(site(out)).toBe('v1');
    expect(existsSync(retiredDir(out))).toBe(false);
    // The unfinished next site stays for the build to replace; the old one is untouched by it.
    expect(site(next)).toBe('v2');
  });

  it('a build stopped after the new site is in place: the next build deletes the old one', () => {
    const { out, next } = before();
    retire(out);
    promote(next, out);
    expect(restoreInterrupted(out)).toBeUndefined();
    expect(site(out)).toBe('v2');
    expect(existsSync(retiredDir(out))).toBe(false);
  });

  it('a build stopped before or after publishing leaves the site as it is', () => {
    const { out, next } = before();
    expect(restoreInterrupted(out)).toBeUndefined();
    expect(site(out)).toBe('v1');
    retire(out);
    promote(next, out);
    dropRetired(out);
    expect(restoreInterrupted(out)).toBeUndefined();
    expect(site(out)).toBe('v2');
  });

  it('builds a site meant for outside the project inside it (Astro would use its shared .astro/), and moves it out', () => {
    expect(stagingDir(join(ROOT, 'dist.next'), ROOT)).toBe(join(ROOT, 'dist.next'));
    const outside = join(tmp, 'dist.next');
    const staging = stagingDir(outside, ROOT);
    expect(staging.startsWith(join(ROOT, 'node_modules/'))).toBe(true);
    expect(stagingDir(outside, ROOT)).toBe(staging);
    expect(stagingDir(join(tmp, 'other.next'), ROOT)).not.toBe(staging);
    const from = join(fresh('move'), 'site');
    write(join(from, 'index.html'), 'new');
    const to = join(fresh('move'), 'dist.next');
    write(join(to, 'stale.html'));
    moveDir(from, to);
    expect(existsSync(from)).toBe(false);
    expect(existsSync(join(to, 'stale.html'))).toBe(false);
    expect(site(to)).toBe('new');
  });

  it('finds and removes Astro’s server files (the manifest with its key among them), keeping the site and its client scripts', () => {
    const dir = fresh('server-files');
    const kept = ['index.html', 'places/hunan/index.html', '_astro/search.BxY1.js', '_astro/page.Ab12.mjs', 'pagefind/pagefind.js', 'data/reports.json', 'favicon.svg'];
    const server = ['manifest_Bq3x.mjs', 'chunks/astro_a1.mjs', 'chunks/astro_a1.mjs.map', 'pages/index.astro.mjs', 'entry.mjs', 'content-assets.mjs', 'content-modules.mjs', 'collections/reports.schema.json', 'data-store.json'];
    for (const f of [...kept, ...server]) write(join(dir, f));
    expect(serverFiles(dir)).toEqual([...server].sort());
    expect(removeServerFiles(dir)).toEqual([...server].sort());
    expect(serverFiles(dir)).toEqual([]);
    for (const f of kept) expect(existsSync(join(dir, f)), f).toBe(true);
    for (const d of ['chunks', 'pages', 'collections']) expect(existsSync(join(dir, d)), d).toBe(false);
  });
});

describe('telemetry off', () => {
  it('every astro process build.ts starts has ASTRO_TELEMETRY_DISABLED=1, whatever the environment says', () => {
    expect(childEnv({ PATH: '/bin', ASTRO_TELEMETRY_DISABLED: '' }, { PAGE_CACHE: 'x', ASTRO_TELEMETRY_DISABLED: '0' })).toEqual({
      PATH: '/bin',
      PAGE_CACHE: 'x',
      ASTRO_TELEMETRY_DISABLED: '1',
    });
    expect(TELEMETRY_OFF).toEqual({ ASTRO_TELEMETRY_DISABLED: '1' });
    // Vitest's own import.meta.env names never reach an astro process (BASE_URL=/ would undo a site's base path).
    expect(childEnv({ PATH: '/bin', BASE_URL: '/', MODE: 'test', DEV: '1', PROD: '', SSR: '1' })).toEqual({ PATH: '/bin', ASTRO_TELEMETRY_DISABLED: '1' });
    // The build (scripts/build.ts and its orchestration in src/build/) starts processes only
    // through runMeasured (src/build/proc.ts), always with childEnv (and scripts/test.ts starts its
    // steps, whose site tests build fixtures with astro, with it too).
    const buildDir = join(ROOT, 'src/build');
    const sources = ['scripts/build.ts', ...readdirSync(buildDir).filter((f) => f.endsWith('.ts') && f !== 'proc.ts').map((f) => `src/build/${f}`)];
    const build = sources.map((f) => readFileSync(join(ROOT, f), 'utf8')).join('\n');
    expect(build).not.toMatch(/(?<![.\w])(spawn|spawnSync|exec|execFile|execSync|fork|x)\(/);
    expect(build).not.toMatch(/from 'node:child_process'|from 'tinyexec'/);
    const calls = [...build.matchAll(/runMeasured\(([^\n]*)\)/g)].map((m) => m[1]);
    expect(calls.length).toBeGreaterThan(0);
    for (const args of calls) expect(args).toContain('childEnv(');
    expect(readFileSync(join(ROOT, 'scripts/test.ts'), 'utf8')).toMatch(/run\([^\n]*childEnv\(process\.env\)\)/);
  });

  it('every package.json script that runs astro sets ASTRO_TELEMETRY_DISABLED=1 for it', () => {
    const { scripts } = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as { scripts: Record<string, string> };
    let astro = 0;
    for (const [name, script] of Object.entries(scripts)) {
      for (const command of script.split(/&&|\|\||;/).map((c) => c.trim())) {
        // The command word after any VAR=value assignments.
        const words = command.split(/\s+/);
        const assignments = words.slice(0, words.findIndex((w) => !/^[A-Z_][A-Z0-9_]*=/.test(w)));
        const program = words[assignments.length];
        if (program === 'astro' || (program === 'npx' && words[assignments.length + 1] === 'astro')) {
          astro++;
          expect(assignments, `${name}: ${command}`).toContain('ASTRO_TELEMETRY_DISABLED=1');
        }
        // The preview wrappers (scoped previews, scripts/dev.ts and preview-drafts.ts) start astro with it set.
        const wrapper = program === 'tsx' && /^scripts\/(dev|preview-drafts)\.ts$/.test(words[assignments.length + 1]) ? words[assignments.length + 1] : undefined;
        if (wrapper) {
          astro++;
          expect(readFileSync(join(ROOT, wrapper), 'utf8'), `${name}: ${wrapper}`).toMatch(/run\('astro', \[[^\]]*\], \{[^}]*ASTRO_TELEMETRY_DISABLED: '1'/);
        }
      }
    }
    // dev, serve, check, preview:drafts.
    expect(astro).toBeGreaterThanOrEqual(4);
  });
});
