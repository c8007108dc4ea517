/**
 * A broken entry fails the production build with a message naming the file, the field and the
 * rule, and nothing is published. Builds a small content directory through CONTENT_DIR.
 */
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { buildFixture } from '../helpers/fixture-build';

const ENTRY = 'reports/hunan/huaihua/2023.mdx';

/** Builds the minimal valid content with `edit` applied to its one report. */
const buildWith = (edit: (src: string) => string) =>
  buildFixture('tests/fixtures/content-min', (dir) => {
    const file = join(dir, ENTRY);
    writeFileSync(file, edit(readFileSync(file, 'utf8')));
  });

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

  it.each([
    ['a <script> in the body', (s: string) => `${s}\n<script>alert(1)</script>\n`, '正文中不允许 <script> 元素'],
    ['an unescaped { in the body', (s: string) => `${s}\n按照{年度计划推进。\n`, 'Unexpected end of file in expression'],
    ['an empty body', (s: string) => s.replace(/indicators:[\s\S]*$/, 'indicators: {}\n---\n\n'), '正文为空'],
    ['a future year', (s: string) => s.replace('year: 2023', 'year: 2099'), '年度不能晚于今年'],
  ])('%s: fails with its message, nothing published', async (_, edit, message) => {
    const r = await buildWith(edit);
    expect(r.ok).toBe(false);
    expect(r.output).toContain(message);
    expect(existsSync(join(r.out, 'places/hunan/huaihua/2023/index.html'))).toBe(false);
  });
});
