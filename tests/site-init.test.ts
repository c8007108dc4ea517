/**
 * `npm run init` (src/lib/site/init.ts, scripts/init.ts): the site configuration of one place and
 * its content directory, in temporary directories only. The places written are those the importer
 * would write, the existing places.yaml keeps every byte, and an existing configuration is never
 * lost.
 */
import { execFile } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { afterAll, describe, expect, it } from 'vitest';
import { checkContent } from '../src/lib/content/check';
import { resolvePlace } from '../src/lib/import/places';
import { loadPlaces } from '../src/lib/places/load';
import { buildPlaceTree } from '../src/lib/places/tree';
import { InitError, initSite, PlaceQueryError, type InitOptions } from '../src/lib/site/init';
import { sitePlaces } from '../src/lib/site/init-place';
import { parseSiteConfig } from '../src/lib/site/load';

const ROOT = fileURLToPath(new URL('..', import.meta.url));

const dirs: string[] = [];
function site(): { dir: string; config: string; content: string } {
  const dir = mkdtempSync(join(tmpdir(), 'fazhi-init-'));
  dirs.push(dir);
  return { dir, config: join(dir, 'site.config.yaml'), content: join(dir, 'content') };
}
afterAll(() => {
  for (const d of dirs) rmSync(d, { recursive: true, force: true });
});

const init = (o: Partial<InitOptions> & Pick<InitOptions, 'config' | 'content'>) => initSite({ place: 'guangdong/shenzhen', ...o });
const ids = (content: string) => loadPlaces(content).map((p) => p.id);
const configOf = (file: string) => {
  const r = parseSiteConfig(readFileSync(file, 'utf8'), file);
  expect(r.problems).toEqual([]);
  return r.config!;
};

/** The id the importer gives the place a report title names, with an empty places.yaml. */
function importerId(title: string): string {
  const r = resolvePlace({ title }, []);
  if (r.kind !== 'found') throw new Error(`no place for ${title}`);
  return r.place.id;
}

describe('a new content directory', () => {
  it('lists the city, its province and its districts with the importer ids, and reads as content', async () => {
    const s = site();
    const r = init({ ...s, base: '/fzbg/' });
    const listed = ids(s.content);
    expect(listed.slice(0, 2)).toEqual(['guangdong', 'guangdong/shenzhen']);
    expect(listed).toContain(importerId('深圳市宝安区2023年法治政府建设年度报告'));
    expect(listed).toContain('guangdong/shenzhen/baoan');
    expect(listed).toContain(importerId('深圳市龙华区2023年法治政府建设年度报告'));
    // Down to county level: every row below the city is a district, none a 街道.
    const rows = loadPlaces(s.content);
    expect(rows.filter((p) => p.id.startsWith('guangdong/shenzhen/')).every((p) => p.level === 'county')).toBe(true);
    expect(rows.length).toBeGreaterThanOrEqual(9);
    expect(r.created).toBe(true);
    expect(r.added).toEqual(listed);
    expect(buildPlaceTree(rows).problems).toEqual([]);
    expect((await checkContent(s.content)).filter((p) => p.severity === 'error')).toEqual([]);
    expect(readdirSync(join(s.content, 'reports'))).toEqual(['.gitkeep']);

    const config = configOf(s.config);
    expect(config).toMatchObject({ name: '深圳市法治政府建设年度报告', shortName: '深圳法治报告', scope: 'guangdong/shenzhen', base: '/fzbg/' });
    expect(config.footer).toEqual({});
  });

  it('goes down at least one level: a district lists its townships, a city without counties its towns', () => {
    const baoan = sitePlaces('guangdong/shenzhen/baoan', []);
    expect(baoan.all.map((p) => p.id).slice(0, 3)).toEqual(['guangdong', 'guangdong/shenzhen', 'guangdong/shenzhen/baoan']);
    expect(baoan.all.slice(3).length).toBeGreaterThan(3);
    expect(baoan.all.slice(3).every((p) => p.level === 'township' && p.id.startsWith('guangdong/shenzhen/baoan/'))).toBe(true);
    expect(baoan.fullName).toBe('深圳市宝安区');
    const zhongshan = sitePlaces('中山市', []);
    expect(zhongshan.all.map((p) => p.id)).toContain(importerId('中山市坦洲镇2023年法治政府建设年度报告'));
    // A province: its cities and counties, no townships; and the rows make a valid tree.
    const guangdong = sitePlaces('guangdong', []);
    expect(guangdong.all.some((p) => p.level === 'township')).toBe(false);
    expect(guangdong.all.map((p) => p.id)).toEqual(expect.arrayContaining(['guangdong/shenzhen/baoan', 'guangdong/guangzhou']));
    for (const r of [baoan, zhongshan, guangdong, sitePlaces('北京市', [])]) {
      expect(buildPlaceTree(r.all.map((p) => ({ ...p, level: p.level! }))).problems).toEqual([]);
    }
  });
});

/** An existing places.yaml with comments, quotes, a blank line and a hand-set id. */
const EXISTING = `# 我们的地区 / our places
- id: guangdong
  name: 广东省
  level: province

- id: guangdong/shenzhen
  name: "深圳市"   # quoted on purpose
  level: prefecture
- id: guangdong/shenzhen/bao-an
  name: 宝安区
  level: county
- id: hunan
  name: 湖南省
  level: province
`;

describe('an existing content directory', () => {
  it('keeps every byte of places.yaml and of the reports, and adds only what is missing', () => {
    const s = site();
    mkdirSync(join(s.content, 'reports', 'hunan'), { recursive: true });
    writeFileSync(join(s.content, 'places.yaml'), EXISTING);
    const report = join(s.content, 'reports', 'hunan', '2023.mdx');
    writeFileSync(report, '---\ntitle: x\n---\n');
    const r = init(s);
    expect(r.created).toBe(false);
    const text = readFileSync(join(s.content, 'places.yaml'), 'utf8');
    // The hand-set id of 宝安区 stands; the other districts are added after the city's branch.
    expect(r.added).not.toContain('guangdong/shenzhen/baoan');
    expect(r.added).toContain('guangdong/shenzhen/futian');
    expect(r.added.every((id) => id.startsWith('guangdong/shenzhen/'))).toBe(true);
    // Taking the added entries out gives the file as it was.
    const lines = text.split('\n');
    const kept: string[] = [];
    for (let i = 0; i < lines.length; i++) {
      const m = /^- id: (.+)$/.exec(lines[i]);
      if (m && r.added.includes(m[1])) {
        while (lines[i + 1]?.startsWith('  ')) i++;
        continue;
      }
      kept.push(lines[i]);
    }
    expect(kept.join('\n')).toBe(EXISTING);
    expect(text.indexOf('guangdong/shenzhen/futian')).toBeLessThan(text.indexOf('- id: hunan'));
    expect(readFileSync(report, 'utf8')).toBe('---\ntitle: x\n---\n');
    expect(readdirSync(join(s.content, 'reports'))).toEqual(['hunan']);

    // Run again (with --force for the config): nothing left to add, the file unchanged.
    const again = init({ ...s, force: true });
    expect(again.added).toEqual([]);
    expect(readFileSync(join(s.content, 'places.yaml'), 'utf8')).toBe(text);
  });
});

describe('the configuration file', () => {
  it('is refused when it exists, and backed up before --force replaces it', () => {
    const s = site();
    writeFileSync(s.config, 'name: 旧配置\n');
    expect(() => init(s)).toThrow(InitError);
    expect(() => init(s)).toThrow(new RegExp(`${s.config}.*--force`));
    expect(readFileSync(s.config, 'utf8')).toBe('name: 旧配置\n');
    expect(existsSync(s.content)).toBe(false);

    const r = init({ ...s, force: true });
    expect(r.backup).toBe(`${s.config}.bak`);
    expect(readFileSync(`${s.config}.bak`, 'utf8')).toBe('name: 旧配置\n');
    expect(configOf(s.config).scope).toBe('guangdong/shenzhen');
    const second = init({ ...s, force: true, place: 'guangdong/shenzhen/baoan' });
    expect(second.backup).toBe(`${s.config}.bak.1`);
    expect(readFileSync(`${s.config}.bak`, 'utf8')).toBe('name: 旧配置\n');
    expect(configOf(s.config).scope).toBe('guangdong/shenzhen/baoan');
  });

  it('quotes any name safely and keeps the values given', () => {
    for (const name of ['深圳: "法治" # 报告', "- '*&!%@`{}[]|>", '第一行\n第二行', 'yes', '123']) {
      const s = site();
      init({ ...s, name, shortName: `${name}简`, origin: 'https://www.sz.gov.cn/', base: 'fzbg' });
      expect(configOf(s.config)).toMatchObject({ name, shortName: `${name}简`, origin: 'https://www.sz.gov.cn', base: '/fzbg/' });
    }
  });

  it('has commented-out examples that are valid once turned on', () => {
    const s = site();
    const { configText } = init({ ...s, place: '北京市朝阳区' });
    expect(configText).toMatch(/^# origin: /m);
    const on = configText.replace(/^# (\s*[a-z][\w.-]*:)/gm, '$1');
    const r = parseSiteConfig(on, 'on.yaml');
    expect(r.problems).toEqual([]);
    expect(r.config?.footer).toMatchObject({ sponsor: '北京市朝阳区人民政府办公室', siteCode: '1101050001', icp: '京ICP备12345678号-1' });
    expect(r.config?.name).toBe('北京市朝阳区法治政府建设年度报告');
  });

  it('refuses invalid options before writing anything', () => {
    const s = site();
    expect(() => init({ ...s, origin: 'https://www.sz.gov.cn/fzbg/' })).toThrow(/origin/);
    expect(existsSync(s.config) || existsSync(s.content)).toBe(false);
  });
});

describe('the place', () => {
  it('may be given by its Chinese name, with or without its province', () => {
    for (const place of ['深圳市', '广东省深圳市', '深圳']) {
      const s = site();
      expect(init({ ...s, place }).places.place.id).toBe('guangdong/shenzhen');
      expect(configOf(s.config).scope).toBe('guangdong/shenzhen');
    }
    expect(sitePlaces('长春市朝阳区', []).place.id).toBe(importerId('长春市朝阳区2023年法治政府建设年度报告'));
  });

  it('is refused when the name is ambiguous, with the candidates listed', () => {
    const s = site();
    let err: unknown;
    try {
      init({ ...s, place: '朝阳区' });
    } catch (e) {
      err = e;
    }
    expect(err).toBeInstanceOf(PlaceQueryError);
    const { candidates, message } = err as PlaceQueryError;
    expect(candidates.map((c) => c.id)).toEqual(expect.arrayContaining(['beijing/chaoyang', 'jilin/changchun/chaoyang']));
    expect(message).toContain('beijing/chaoyang（北京市朝阳区）');
    expect(existsSync(s.config) || existsSync(s.content)).toBe(false);
  });

  it('is refused when unknown, naming the id and near matches', () => {
    const s = site();
    expect(() => init({ ...s, place: 'guangdong/shenzen' })).toThrow(/guangdong\/shenzen.*guangdong\/shenzhen（广东省深圳市）/);
    expect(() => init({ ...s, place: '深证市' })).toThrow(/深证市.*guangdong\/shenzhen/);
    expect(() => init({ ...s, place: 'Guangdong' })).toThrow(/Guangdong/);
    expect(existsSync(s.config) || existsSync(s.content)).toBe(false);
  });
});

describe('npm run init', () => {
  it('writes the site from the command line, then refuses to overwrite it', async () => {
    const s = site();
    const run = (args: string[]) =>
      promisify(execFile)('npx', ['tsx', 'scripts/init.ts', ...args], { cwd: ROOT }).then(
        (r) => ({ code: 0, ...r }),
        (e: { code: number; stdout: string; stderr: string }) => e,
      );
    const args = ['--place', '广东省深圳市', '--base', '/fzbg/', '--config', s.config, '--content', s.content];
    const ok = await run(args);
    expect(ok.stderr).toBe('');
    expect(ok.code).toBe(0);
    expect(ok.stdout).toContain('guangdong/shenzhen（深圳市）');
    expect(ok.stdout).toMatch(/npm run import -- .*npm run build.*dist\/.*\/fzbg\//s);
    expect(configOf(s.config)).toMatchObject({ scope: 'guangdong/shenzhen', base: '/fzbg/' });
    expect(ids(s.content)).toContain('guangdong/shenzhen/baoan');

    const refused = await run(args);
    expect(refused.code).toBe(1);
    expect(refused.stderr).toContain('--force');
  }, 60_000);
});
