/** Scoped previews: the `--place` argument, its check against places.yaml, and what the scope loads. */
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { previewArgs, previewEnv } from '../../src/build/preview';
import { previewWatchIgnored } from '../../src/build/preview-watch';
import { previewPlaceProblem, scopeOf } from '../../src/build/scope';
import { readConfig } from '../../src/lib/config';
import { entryRole, inPlaceScope, reportIdsByYear } from '../../src/lib/content/published';

const tmp = mkdtempSync(join(tmpdir(), 'fazhi-preview-'));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

const PLACES = `- id: hunan
  name: 湖南省
  level: province
- id: hunan/huaihua
  name: 怀化市
  level: prefecture
- id: hunan/huaihua/hecheng
  name: 鹤城区
  level: county
- id: hunan/changsha
  name: 长沙市
  level: prefecture
`;
const REPORTS = ['hunan/2023', 'hunan/huaihua/2023', 'hunan/huaihua/hecheng/2022', 'hunan/changsha/2023'];

function content(): string {
  const dir = mkdtempSync(join(tmp, 'content-'));
  writeFileSync(join(dir, 'places.yaml'), PLACES);
  for (const id of REPORTS) {
    mkdirSync(join(dir, 'reports', id, '..'), { recursive: true });
    writeFileSync(join(dir, 'reports', `${id}.mdx`), '---\ntitle: x\n---\n');
  }
  return dir;
}

describe('scoped preview', () => {
  it('takes --place out of the arguments and leaves the rest for Astro', () => {
    expect(previewArgs(['--place', 'hunan/huaihua', '--port', '4400'])).toEqual({ place: 'hunan/huaihua', help: false, rest: ['--port', '4400'] });
    expect(previewArgs(['--place=hunan/huaihua/']).place).toBe('hunan/huaihua');
    expect(previewArgs([])).toEqual({ help: false, rest: [] });
    expect(() => previewArgs(['--place'])).toThrow(/--place 后须写地区 id/);
  });

  it('accepts a place of places.yaml and refuses another, naming it (Chinese, then English)', () => {
    const dir = content();
    expect(previewEnv(dir, 'hunan/huaihua')).toEqual({ PREVIEW_PLACE: 'hunan/huaihua' });
    expect(previewEnv(dir, undefined)).toEqual({});
    expect(previewPlaceProblem(dir, 'hunan/huaihua/hecheng')).toBeUndefined();
    const problem = previewPlaceProblem(dir, 'huaihua');
    expect(problem).toMatch(/^地区“huaihua”不在 .*places\.yaml 中，无法预览；相近的地区：hunan\/huaihua \/ place "huaihua" is not in/);
    expect(() => previewEnv(dir, 'hubei')).toThrow(/地区“hubei”不在/);
    expect(() => scopeOf(dir, undefined, 'hubei')).toThrow(/place "hubei" is not in/);
  });

  it('loads the place, the places above it and below it, and skips the rest', () => {
    const dir = content();
    const scope = scopeOf(dir, undefined, 'hunan/huaihua');
    expect(REPORTS.map((id) => entryRole(scope, id))).toEqual(['render', 'render', 'render', 'skip']);
    expect(['hunan', 'hunan/huaihua', 'hunan/huaihua/hecheng', 'hunan/changsha', 'hunan/huai'].map(scope.hasPlace)).toEqual([true, true, true, false, false]);
    // Its search index: the same reports.
    expect(reportIdsByYear(dir, { site: { scope: 'national' }, place: 'hunan/huaihua' })).toEqual([[2023, ['hunan/2023', 'hunan/huaihua/2023']], [2022, ['hunan/huaihua/hecheng/2022']]]);
    // Without a place, every place is in scope.
    expect(REPORTS.map((id) => entryRole(scopeOf(dir, undefined), id))).toEqual(['render', 'render', 'render', 'render']);
    expect(inPlaceScope(undefined, 'hunan/changsha')).toBe(true);
  });

  it('a jurisdiction’s site (scope in site.config.yaml) loads its place and those below it, never those above', () => {
    const dir = content();
    const scope = scopeOf(dir, undefined, undefined, 'hunan/huaihua');
    expect(REPORTS.map((id) => entryRole(scope, id))).toEqual(['skip', 'render', 'render', 'skip']);
    expect(['hunan', 'hunan/huaihua', 'hunan/huaihua/hecheng', 'hunan/changsha', 'hunan/huai'].map(scope.hasPlace)).toEqual([false, true, true, false, false]);
    expect(reportIdsByYear(dir, { site: { scope: 'hunan/huaihua' } })).toEqual([[2023, ['hunan/huaihua/2023']], [2022, ['hunan/huaihua/hecheng/2022']]]);
    // A preview inside the site keeps to both: its place's ancestors, but none above the site's.
    expect(REPORTS.map((id) => entryRole(scopeOf(dir, undefined, 'hunan/huaihua/hecheng', 'hunan/huaihua'), id))).toEqual(['skip', 'render', 'render', 'skip']);
    expect(() => scopeOf(dir, undefined, undefined, 'hubei')).toThrow(/不能作为网站配置的范围（scope）.*cannot be the site configuration's scope/s);
  });

  it('is read from PREVIEW_PLACE, which must be a place id', () => {
    expect(readConfig({ PREVIEW_PLACE: ' hunan/huaihua/ ' }).place).toBe('hunan/huaihua');
    expect(readConfig({ PREVIEW_PLACE: '' }).place).toBeUndefined();
    expect(() => readConfig({ PREVIEW_PLACE: 'Hunan/../x' })).toThrow(/PREVIEW_PLACE 应是 places\.yaml 中的地区 id/);
  });

  it('watches only the scope of the reports and no build output', () => {
    const ignored = previewWatchIgnored('/p', '.tmp/c', 'hunan/huaihua');
    const watched = ['/p/src/pages/index.astro', '/p/.tmp', '/p/.tmp/c', '/p/.tmp/c/places.yaml', '/p/.tmp/c/reports', '/p/.tmp/c/reports/hunan', '/p/.tmp/c/reports/hunan/2023.mdx', '/p/.tmp/c/reports/hunan/huaihua/hecheng/2022.mdx'];
    const skipped = ['/p/.tmp/c/reports/hunan/changsha', '/p/.tmp/c/reports/hunan/changsha/2023.mdx', '/p/.tmp/bench-1', '/p/dist/index.html', '/p/.shards/0'];
    expect(watched.filter(ignored)).toEqual([]);
    expect(skipped.filter((p) => !ignored(p))).toEqual([]);
  });
});
