/**
 * A broken entry fails the production build with a message naming the file, the field and the
 * rule, and nothing is published. Builds a small content directory through CONTENT_DIR.
 */
import { execFile } from 'node:child_process';
import { cpSync, existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';

const run = promisify(execFile);
const FIXTURE = 'tests/fixtures/content-min';
const ENTRY = 'reports/hunan/huaihua/2023.mdx';

/** Copies the minimal valid content, applies `edit` to its one report, and runs `astro build` on it. */
async function buildWith(edit: (src: string) => string) {
  const dir = mkdtempSync(join(tmpdir(), 'fazhi-content-'));
  cpSync(FIXTURE, dir, { recursive: true });
  const file = join(dir, ENTRY);
  writeFileSync(file, edit(readFileSync(file, 'utf8')));
  const out = join(dir, 'dist');
  try {
    const r = await run('npx', ['astro', 'build', '--outDir', out], { env: { ...process.env, CONTENT_DIR: dir }, maxBuffer: 1 << 26 });
    return { ok: true, output: r.stdout + r.stderr, out };
  } catch (e) {
    const err = e as { stdout: string; stderr: string };
    return { ok: false, output: err.stdout + err.stderr, out };
  }
}

describe('a broken entry fails the build', { timeout: 120_000 }, () => {
  it('builds the valid fixture (control)', async () => {
    const r = await buildWith((s) => s);
    expect(r.output).not.toMatch(/error/i);
    expect(r.ok).toBe(true);
    expect(existsSync(join(r.out, 'places/hunan/huaihua/2023/index.html'))).toBe(true);
  });

  it('an unknown indicator key: names the file and the key', async () => {
    const r = await buildWith((s) => s.replace('reconsiderationReceived:', 'reconsiderationRecieved:'));
    expect(r.ok).toBe(false);
    expect(r.output).toContain('hunan/huaihua/2023');
    expect(r.output).toContain('未知指标“reconsiderationRecieved”');
    expect(existsSync(join(r.out, 'places/hunan/huaihua/2023/index.html'))).toBe(false);
  });

  it('a quote that is not in the body: names the file, the field and the quote', async () => {
    const r = await buildWith((s) => s.replace('全年办理复议案件568宗。', '全年办理复议案件586宗。'));
    expect(r.ok).toBe(false);
    expect(r.output).toContain(ENTRY);
    expect(r.output).toContain('indicators.reconsiderationReceived.quote');
    expect(r.output).toContain('引文“办理复议案件568宗”在正文中找不到');
    expect(existsSync(join(r.out, 'places/hunan/huaihua/2023/index.html'))).toBe(false);
  });
});
