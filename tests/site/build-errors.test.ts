/**
 * A broken entry fails the production build with a message naming the file, the field and the
 * rule, and nothing is published. Builds a small content directory through CONTENT_DIR.
 */
import { existsSync, readFileSync, symlinkSync, writeFileSync } from 'node:fs';
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
    ['an unescaped { in the body', (s: string) => `${s}\n按照{年度计划推进。\n`, '正文语法错误'],
    ['an HTML comment and an escaped tag (once published by a shortcut)', (s: string) => `${s}\n<!-- 注 --> \\<script>alert(1)\\</script>\n`, '正文语法错误'],
    ['an event attribute', (s: string) => `${s}\n<abbr title="复议" onmouseover="alert(1)">复议</abbr>\n`, '不允许属性“onmouseover”'],
    ['an impossible date', (s: string) => s.replace('year: 2023', 'year: 2023\npublishedDate: 2024-02-30'), '发布日期必须是真实存在的日期'],
    ['a count that is not finite', (s: string) => s.replace('value: 568', 'value: .inf'), '数值必须是有限的数字'],
    ['a count beyond any number', (s: string) => s.replace('value: 568', 'value: 1e400'), '数值必须是有限的数字'],
    ['an empty body', (s: string) => s.replace(/indicators:[\s\S]*$/, 'indicators: {}\n---\n\n'), '正文为空'],
    ['a future year', (s: string) => s.replace('year: 2023', 'year: 2099'), '年度不能晚于今年'],
  ])('%s: fails with its message, nothing published', async (_, edit, message) => {
    const r = await buildWith(edit);
    expect(r.ok).toBe(false);
    expect(r.output).toContain(message);
    expect(existsSync(join(r.out, 'places/hunan/huaihua/2023/index.html'))).toBe(false);
  });

  /** Builds the minimal valid content with files added next to its report. */
  const buildBeside = (files: (dir: string, good: string) => void) =>
    buildFixture('tests/fixtures/content-min', (dir) => files(dir, readFileSync(join(dir, ENTRY), 'utf8')));

  it('a report saved as .MDX: named, never silently left out', async () => {
    const r = await buildBeside((dir, good) => writeFileSync(join(dir, 'reports/hunan/huaihua/2021.MDX'), good.replace('year: 2023', 'year: 2021')));
    expect(r.ok).toBe(false);
    expect(r.output).toContain('reports/hunan/huaihua/2021.MDX');
    expect(r.output).toContain('扩展名必须是小写的 .mdx');
  });

  it('a report linked from outside the content directory: named, never published', async () => {
    const r = await buildBeside((dir) => symlinkSync(join(process.cwd(), 'content/reports/hunan/huaihua/2023.mdx'), join(dir, 'reports/hunan/huaihua/2022.mdx')));
    expect(r.ok).toBe(false);
    expect(r.output).toContain('reports/hunan/huaihua/2022.mdx');
    expect(r.output).toContain('指向内容目录之外');
    expect(existsSync(join(r.out, 'places/hunan/huaihua/2022/index.html'))).toBe(false);
  });

  it('a published report linking to a draft: names the file and the line', async () => {
    const r = await buildBeside((dir, good) => {
      writeFileSync(join(dir, 'reports/hunan/huaihua/2022.mdx'), good.replace('year: 2023', 'year: 2022\ndraft: true'));
      writeFileSync(join(dir, ENTRY), `${good}\n详见[2022年度报告](/places/hunan/huaihua/2022/)。\n`);
    });
    expect(r.ok).toBe(false);
    expect(r.output).toMatch(/reports\/hunan\/huaihua\/2023\.mdx:\d+: 链接“\/places\/hunan\/huaihua\/2022\/”指向尚未发布的草稿/);
  });

  it('a published report linking to a page that does not exist', async () => {
    const r = await buildWith((s) => `${s}\n详见[2019年度报告](../2019/)。\n`);
    expect(r.ok).toBe(false);
    expect(r.output).toContain('链接“../2019/”指向本站不存在的页面');
  });
});
