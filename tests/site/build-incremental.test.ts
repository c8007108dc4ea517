/**
 * `npm run build` of a whole site, again after edits: only the pages whose content changed are
 * rendered again (the others are the last build's files), the search index follows each edit,
 * and a report whose body uses one of the allowed elements is indexed with its text.
 */
import { execFile } from 'node:child_process';
import { cpSync, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { filesContaining } from '../helpers/fixture-build';

const run = promisify(execFile);
const dir = mkdtempSync(join(tmpdir(), 'fazhi-incremental-'));
const out = join(dir, 'dist');
const report = join(dir, 'reports/hunan/huaihua/2023.mdx');

async function build(): Promise<string> {
  const r = await run('npx', ['tsx', 'scripts/build.ts', '--out', out, '--work', join(dir, 'work')], { env: { ...process.env, CONTENT_DIR: dir }, maxBuffer: 1 << 26 });
  return r.stdout + r.stderr;
}
const inode = (path: string) => statSync(join(out, path)).ino;

let first: string;
beforeAll(async () => {
  cpSync('tests/fixtures/content-min', dir, { recursive: true });
  // A report using an allowed element (<abbr>), rendered by the same body renderer for page and index.
  writeFileSync(
    join(dir, 'reports/hunan/huaihua/2022.mdx'),
    '---\ntitle: 关于怀化市2022年度法治政府建设情况的报告\nyear: 2022\nissuer: 怀化市人民政府\n---\n\n## 一、主要工作\n\n推行<abbr title="府院联席会议">府院联动</abbr>机制，化解纠纷一百余起。\n',
  );
  first = await build();
}, 300_000);
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('incremental whole-site builds', { timeout: 300_000 }, () => {
  it('index a report that uses an allowed element', () => {
    expect(first, first).toContain('搜索索引');
    expect(readFileSync(join(out, 'places/hunan/huaihua/2022/index.html'), 'utf8')).toContain('<abbr title="府院联席会议">府院联动</abbr>');
    expect(filesContaining(join(out, 'pagefind'), '推行府院联动机制').length).toBeGreaterThan(0);
  });

  it('after an edit of a report’s text, render again only its page and index only its bundle', async () => {
    const untouched = ['places/hunan/index.html', 'places/hunan/huaihua/2022/index.html', 'data/places/hunan.json'].map((p) => [p, inode(p)] as const);
    const edited = inode('places/hunan/huaihua/2023/index.html');
    writeFileSync(report, `${readFileSync(report, 'utf8')}\n本年度还开展了增量构建检验工作。\n`);
    const log = await build();
    expect(log).toMatch(/增量构建 \/ incremental: \d+ pages kept/);
    expect(log).toMatch(/indexed 1: \/pagefind\/2023-1\//);
    expect(readFileSync(join(out, 'places/hunan/huaihua/2023/index.html'), 'utf8')).toContain('增量构建检验工作');
    expect(inode('places/hunan/huaihua/2023/index.html')).not.toBe(edited);
    for (const [path, ino] of untouched) expect(inode(path), path).toBe(ino);
    expect(filesContaining(join(out, 'pagefind'), '增量构建检验工作').length).toBeGreaterThan(0);
  });

  it('after an edit of a title, render again the pages that show it, the national ones included', async () => {
    const province = inode('places/hunan/index.html');
    writeFileSync(report, readFileSync(report, 'utf8').replace(/^title: (.*)$/m, 'title: $1（修订稿）'));
    await build();
    for (const path of ['places/hunan/huaihua/index.html', 'places/hunan/huaihua/2023/index.html', 'data/reports.json', 'data/places/hunan/huaihua.json', 'feed.xml']) {
      expect(readFileSync(join(out, path), 'utf8'), path).toContain('（修订稿）');
    }
    expect(inode('places/hunan/index.html')).toBe(province);
  });
});
