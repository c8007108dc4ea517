/**
 * Bad input, as officials will write it: `npm run check` names the file, the line or field and
 * what is wrong, in Chinese first, and exits 1. (tests/site/build-errors.test.ts shows the build
 * fails on such entries too.)
 */
import { execFile } from 'node:child_process';
import { cpSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';
import { checkContent, type CheckedProblem } from '../src/lib/content/check';

const FIXTURE = 'tests/fixtures/content-min';
const ENTRY = 'reports/hunan/huaihua/2023.mdx';
const good = readFileSync(join(FIXTURE, ENTRY), 'utf8');

interface Case {
  name: string;
  /** Files to write (path under the content dir -> text), or to delete (null). */
  files: Record<string, string | null>;
  /** Expected: a problem whose file ends with `file`, whose message contains `message`. */
  file: string;
  message: string;
  field?: string;
  line?: number;
}

const entry = (edit: (s: string) => string): Record<string, string> => ({ [ENTRY]: edit(good) });

const CASES: Case[] = [
  { name: 'broken YAML', files: entry((s) => s.replace('title: 关于', 'title: [关于')), file: ENTRY, message: 'YAML 格式错误', line: 3 },
  { name: 'no frontmatter', files: entry((s) => s.replace(/^---[\s\S]*?---\n/, '')), file: ENTRY, message: '文件开头缺少以 --- 包围的元数据', line: 1 },
  { name: 'year as text', files: entry((s) => s.replace('year: 2023', 'year: 二〇二三')), file: ENTRY, message: '年度必须是数字', field: 'year', line: 3 },
  { name: 'future year', files: { 'reports/hunan/huaihua/2099.mdx': good.replace('year: 2023', 'year: 2099') }, file: 'reports/hunan/huaihua/2099.mdx', message: '年度不能晚于今年', field: 'year' },
  { name: 'year before 2000', files: { 'reports/hunan/huaihua/1998.mdx': good.replace('year: 2023', 'year: 1998') }, file: 'reports/hunan/huaihua/1998.mdx', message: '年度不能早于 2000', field: 'year' },
  { name: 'year not matching the file name', files: entry((s) => s.replace('year: 2023', 'year: 2022')), file: ENTRY, message: '文件名年度 2023 与 year: 2022 不一致', field: 'year' },
  { name: 'missing title', files: entry((s) => s.replace(/^title: .*\n/m, '')), file: ENTRY, message: '缺少必填字段', field: 'title' },
  { name: 'misspelt field', files: entry((s) => s.replace('issuer:', 'isuer:')), file: ENTRY, message: '未知字段：isuer' },
  { name: 'unknown indicator', files: entry((s) => s.replace('reconsiderationReceived:', 'reconsiderationRecieved:')), file: ENTRY, message: '未知指标“reconsiderationRecieved”', field: 'indicators.reconsiderationRecieved', line: 6 },
  { name: 'rate above 100', files: entry((s) => s.replace('reconsiderationReceived:\n    value: 568', 'litigationLossRate:\n    value: 568')), file: ENTRY, message: '必须在 0 到 100 之间', field: 'indicators.litigationLossRate.value' },
  { name: 'value as text', files: entry((s) => s.replace('value: 568', 'value: 五百六十八')), file: ENTRY, message: '数值必须是数字', field: 'indicators.reconsiderationReceived.value', line: 7 },
  { name: 'negative value', files: entry((s) => s.replace('value: 568', 'value: -568')), file: ENTRY, message: '数值不能为负' },
  { name: 'quote not in the text', files: entry((s) => s.replace('quote: 办理复议案件568宗', 'quote: 办理复议案件586宗')), file: ENTRY, message: '引文“办理复议案件586宗”在正文中找不到', field: 'indicators.reconsiderationReceived.quote' },
  { name: 'missing quote', files: entry((s) => s.replace(/\n\s+quote: .*/, '')), file: ENTRY, message: '缺少必填字段', field: 'indicators.reconsiderationReceived.quote' },
  { name: 'invalid date', files: entry((s) => s.replace('issuer: 怀化市人民政府', 'issuer: 怀化市人民政府\npublishedDate: 2024-13-45')), file: ENTRY, message: '发布日期必须是真实存在的日期', field: 'publishedDate', line: 5 },
  { name: 'published before the year ends', files: entry((s) => s.replace('issuer: 怀化市人民政府', 'issuer: 怀化市人民政府\npublishedDate: 2023-06-01')), file: ENTRY, message: '早于报告年度结束', field: 'publishedDate', line: 5 },
  { name: 'invalid source URL', files: entry((s) => s.replace('issuer: 怀化市人民政府', 'issuer: 怀化市人民政府\nsource:\n  url: www.huaihua')), file: ENTRY, message: '来源链接必须是以 http:// 或 https:// 开头的网址', field: 'source.url' },
  { name: 'unescaped { in the body', files: entry((s) => `${s}\n按照{年度计划推进。\n`), file: ENTRY, message: '正文语法错误', line: 15 },
  { name: 'an expression in the body', files: entry((s) => `${s}\n共办理{1+1}件。\n`), file: ENTRY, message: '会被当作代码执行', line: 15 },
  { name: 'a <script> in the body', files: entry((s) => `${s}\n<script>alert(1)</script>\n`), file: ENTRY, message: '正文中不允许 <script> 元素', line: 15 },
  { name: 'unescaped < in the body', files: entry((s) => `${s}\n印发《关于<规范>的通知》。\n`), file: ENTRY, message: '正文语法错误', line: 15 },
  { name: 'empty body', files: entry((s) => s.replace(/---\n\n[\s\S]*$/, '---\n\n')), file: ENTRY, message: '正文为空' },
  { name: 'file in a folder that is no place', files: { [ENTRY]: null, 'reports/hunan/yueyang/2023.mdx': good }, file: 'reports/hunan/yueyang/2023.mdx', message: '地区“hunan/yueyang”不在 places.yaml 中' },
  { name: 'file not named by year', files: { [ENTRY]: null, 'reports/hunan/huaihua/report.mdx': good }, file: 'reports/hunan/huaihua/report.mdx', message: '报告文件应放在 reports/<地区id>/<年度>.mdx' },
  { name: 'a report saved as .md', files: { [ENTRY]: null, 'reports/hunan/huaihua/2023.md': good }, file: 'reports/hunan/huaihua/2023.md', message: '扩展名必须是小写的 .mdx' },
  { name: 'a report saved as .MDX', files: { 'reports/hunan/huaihua/2021.MDX': good.replace('year: 2023', 'year: 2021') }, file: 'reports/hunan/huaihua/2021.MDX', message: '扩展名必须是小写的 .mdx' },
  { name: 'an impossible date', files: entry((s) => s.replace('issuer: 怀化市人民政府', 'issuer: 怀化市人民政府\npublishedDate: 2024-02-30')), file: ENTRY, message: '发布日期必须是真实存在的日期', field: 'publishedDate', line: 5 },
  { name: 'an infinite count', files: entry((s) => s.replace('value: 568', 'value: .inf')), file: ENTRY, message: '数值必须是有限的数字', field: 'indicators.reconsiderationReceived.value', line: 7 },
  { name: 'a count beyond any number', files: entry((s) => s.replace('value: 568', 'value: 1e400')), file: ENTRY, message: '数值必须是有限的数字', field: 'indicators.reconsiderationReceived.value' },
  { name: 'a fractional count', files: entry((s) => s.replace('value: 568', 'value: 1e-9')), file: ENTRY, message: '必须是整数', field: 'indicators.reconsiderationReceived.value' },
  { name: 'a duplicate key', files: entry((s) => s.replace('year: 2023', 'year: 2023\nyear: 2023')), file: ENTRY, message: '同一个字段写了两次', line: 4 },
  { name: 'a YAML alias bomb', files: entry((s) => s.replace('issuer: 怀化市人民政府', 'a: &a ["x","x","x","x","x","x","x","x","x"]\nb: &b [*a,*a,*a,*a,*a,*a,*a,*a,*a]\nc: &c [*b,*b,*b,*b,*b,*b,*b,*b,*b]\nd: [*c,*c,*c,*c,*c,*c,*c,*c,*c]\nissuer: 怀化市人民政府')), file: ENTRY, message: '不允许使用 YAML 别名' },
  { name: 'a place file with an alias', files: { 'places.yaml': readFileSync(join(FIXTURE, 'places.yaml'), 'utf8').replace('level: prefecture', 'level: &l prefecture\n  x: *l') }, file: 'places.yaml', message: '不允许使用 YAML 别名' },
  { name: 'a place with an unknown level', files: { 'places.yaml': readFileSync(join(FIXTURE, 'places.yaml'), 'utf8').replace('level: prefecture', 'level: city') }, file: 'places.yaml', message: '层级只能是', line: 6 },
  { name: 'a place that is not a real division', files: { 'places.yaml': readFileSync(join(FIXTURE, 'places.yaml'), 'utf8').replace('name: 怀化市', 'name: 怀花市') }, file: 'places.yaml', message: '在行政区划代码表中找不到“湖南省 > 怀花市”' },
  { name: 'a place whose parent is missing', files: { 'places.yaml': readFileSync(join(FIXTURE, 'places.yaml'), 'utf8').replace(/- id: hunan\n.*\n.*\n/, '') }, file: 'places.yaml', message: '上级地区“hunan”不存在' },
];

/** A copy of the minimal valid content with `files` written over it. */
function contentWith(files: Record<string, string | null>): string {
  const dir = mkdtempSync(join(tmpdir(), 'fazhi-bad-'));
  cpSync(FIXTURE, dir, { recursive: true });
  for (const [path, text] of Object.entries(files)) {
    const full = join(dir, path);
    if (text === null) rmSync(full);
    else {
      mkdirSync(dirname(full), { recursive: true });
      writeFileSync(full, text);
    }
  }
  return dir;
}

const show = (ps: CheckedProblem[]) => ps.map((p) => `${p.severity} ${p.file}:${p.line ?? ''} ${p.field ?? ''} ${p.message}`).join('\n');

describe('npm run check on bad input', () => {
  it('passes the valid fixture (control)', async () => {
    const errors = (await checkContent(contentWith({}))).filter((p) => p.severity === 'error');
    expect(errors, show(errors)).toEqual([]);
  });

  it.each(CASES)('$name', async (c) => {
    const problems = await checkContent(contentWith(c.files));
    const hit = problems.find((p) => p.severity === 'error' && p.file.endsWith(c.file) && p.message.includes(c.message));
    expect(hit, show(problems)).toBeDefined();
    if (c.field) expect(hit!.field).toBe(c.field);
    if (c.line) expect(hit!.line).toBe(c.line);
    // Every message is Chinese first, then English.
    expect(hit!.message).toMatch(/^[^a-zA-Z]*[\u4e00-\u9fff]/);
    expect(hit!.message).toMatch(/\/ [a-zA-Z<{]/);
  });

  it('lists every problem at once and exits 1', { timeout: 60_000 }, async () => {
    const dir = contentWith({
      ...entry((s) => s.replace('year: 2023', 'year: 2022').replace('reconsiderationReceived:', 'fooCount:')),
      'reports/hunan/huaihua/2021.mdx': good.replace('year: 2023', 'year: 2021').replace('quote: 办理复议案件568宗', 'quote: 没有的话'),
    });
    const run = promisify(execFile);
    const r: { code?: number; stdout: string } = await run('npx', ['tsx', 'scripts/check.ts', '--dir', dir]).catch((e) => e);
    expect(r.code).toBe(1);
    expect(r.stdout).toContain('文件名年度 2023 与 year: 2022 不一致');
    expect(r.stdout).toContain('未知指标“fooCount”');
    expect(r.stdout).toContain('引文“没有的话”在正文中找不到');
    expect(r.stdout).toMatch(/发现 3 个错误/);
  });

  it('npm run check lists problems of every kind at once, before astro check', { timeout: 120_000 }, async () => {
    const dir = contentWith({
      ...entry((s) =>
        s
          .replace('issuer: 怀化市人民政府', 'issuer: 怀化市人民政府\npublishedDate: 2024-02-30\nsourceUrl: x')
          .replace('reconsiderationReceived:\n    value: 568', 'litigationLossRate:\n    value: 568')
          .replace('quote: 办理复议案件568宗', 'quote: 办理复议案件568宗\n  litigationCases:\n    value: .inf\n    quote: 办理复议案件568宗'),
      ),
      'reports/hunan/huaihua/2021.MDX': good.replace('year: 2023', 'year: 2021'),
    });
    const r: { code?: number; stdout: string } = await promisify(execFile)('npm', ['run', 'check'], { env: { ...process.env, CONTENT_DIR: dir } }).catch((e) => e);
    expect(r.code).toBe(1);
    for (const m of ['发布日期必须是真实存在的日期', '未知字段：sourceUrl', '必须在 0 到 100 之间', '数值必须是有限的数字', '扩展名必须是小写的 .mdx']) expect(r.stdout).toContain(m);
    expect(r.stdout).toMatch(/发现 5 个错误/);
    // Astro's own check (which stops at the first schema error, without a line) never ran.
    const printed = r.stdout.split('\n').filter((l) => !l.startsWith('> ')).join('\n');
    expect(printed).not.toMatch(/astro check|Getting diagnostics|Result \(/);
  });
});
