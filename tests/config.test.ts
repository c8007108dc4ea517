/** The build configuration: read from the environment in one module, checked, never at module load. */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { readConfig } from '../src/lib/config';

describe('build configuration', () => {
  it('has defaults for a plain build', () => {
    const plain = readConfig({});
    expect(plain).toMatchObject({ contentDir: './content', drafts: false, shard: undefined, pageCache: undefined, siteUrl: 'https://fazhi-reports.example.org', base: '/', siteFile: 'sites/national.yaml' });
    expect(plain.site.scope).toBe('national');
  });

  it('reads every variable, and counts astro dev as a drafts build', () => {
    const env = { CONTENT_DIR: '/tmp/c//', INCLUDE_DRAFTS: 'true', SHARD: '2/8', PAGE_CACHE: '.shards/pages', SITE_CONFIG: 'sites/shenzhen.yaml' };
    expect(readConfig(env)).toMatchObject({ contentDir: '/tmp/c', drafts: true, shard: { index: 2, count: 8 }, pageCache: '.shards/pages', siteUrl: 'https://www.sz.gov.cn', base: '/fzbg/' });
    expect(readConfig(env).site.scope).toBe('guangdong/shenzhen');
    expect(readConfig({}, true).drafts).toBe(true);
    expect(readConfig({ INCLUDE_DRAFTS: '1' }).drafts).toBe(false);
  });

  it('refuses values it cannot use, saying what to write', () => {
    expect(() => readConfig({ SHARD: '9/8' })).toThrow(/SHARD 应写作 k\/n/);
    expect(() => readConfig({ SITE_CONFIG: 'sites/missing.yaml' })).toThrow(/找不到网站配置文件.*sites\/missing\.yaml|sites\/missing\.yaml[\s\S]*找不到网站配置文件/);
  });

  it('is the only module of src/ that reads the environment', () => {
    const files = readdirSync('src', { recursive: true, encoding: 'utf8' }).filter((f) => /\.(ts|astro|mjs)$/.test(f));
    const readers = files.filter((f) => /process\.env/.test(readFileSync(join('src', f), 'utf8')));
    expect(readers).toEqual(['lib/config.ts']);
  });
});
