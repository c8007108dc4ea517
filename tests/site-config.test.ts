/** The site configuration (site.config.yaml): schema, messages with file/line/field, rewordings, base paths. */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { loadSiteConfig, NATIONAL_SITE_CONFIG, parseSiteConfig } from '../src/lib/site/load';
import { siteStrings } from '../src/lib/site/strings';
import { reworded, stringKeys, t } from '../src/strings';
import { rebased } from '../src/lib/content/url';
import { checkSiteConfig } from '../src/lib/site/check';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const problemsOf = (yaml: string) => parseSiteConfig(yaml, 'site.config.yaml').problems;

describe('site configuration', () => {
  it('reads both example sites of the repository', () => {
    const national = loadSiteConfig(NATIONAL_SITE_CONFIG);
    expect(national).toMatchObject({ scope: 'national', base: '/', origin: 'https://fazhi-reports.example.org', feed: true, openData: true });
    const city = loadSiteConfig('sites/shenzhen.yaml');
    expect(city).toMatchObject({ scope: 'guangdong/shenzhen', base: '/fzbg/', origin: 'https://www.sz.gov.cn' });
    expect(city.footer).toMatchObject({ icp: '粤ICP备12345678号-1', psb: '粤公网安备44030402000001号', siteCode: '4403000001' });
  });

  it('fills in the national defaults for an empty file', () => {
    const { config } = parseSiteConfig('# nothing yet\n', 'site.config.yaml');
    expect(config).toMatchObject({ name: t.site.name, base: '/', scope: 'national', feed: true, openData: true, strings: {} });
  });

  it('names the file, line and field of each problem, in Chinese first', () => {
    const problems = problemsOf(['name: 某市报告', 'base: fzbg', 'origin: https://www.example.gov.cn/fzbg/', 'scope: Guangdong/../x', 'footer:', '  icp: 京ICP12345', 'colour: red'].join('\n'));
    const byField = Object.fromEntries(problems.map((p) => [p.field ?? '', p]));
    expect(byField.base).toMatchObject({ file: 'site.config.yaml', line: 2 });
    expect(byField.base.message).toMatch(/^base 应以“\/”开头和结尾/);
    expect(byField.origin).toMatchObject({ line: 3 });
    expect(byField.origin.message).toMatch(/子路径写在 base 中/);
    expect(byField.scope).toMatchObject({ line: 4 });
    expect(byField['footer.icp']).toMatchObject({ line: 6 });
    expect(byField['footer.icp'].message).toMatch(/粤ICP备12345678号-1/);
    expect(problems.find((p) => /未知字段：colour/.test(p.message))).toMatchObject({ line: 7 });
  });

  it('refuses brand colours readers could not read, at their line', () => {
    const problems = problemsOf('branding:\n  colors:\n    brand-600: "#1d5fa8"\n    brand-700: "#ff9999"\n');
    expect(problems.length).toBeGreaterThan(0);
    for (const p of problems) expect(p).toMatchObject({ field: 'branding.colors.brand-700', line: 4 });
    expect(problems[0].message).toMatch(/对比度/);
  });

  it('refuses YAML it must not read (aliases, duplicate keys) as content does', () => {
    expect(problemsOf('name: a\nname: b\n')[0].message).toMatch(/同一个字段写了两次/);
    expect(problemsOf('a: &x 1\nname: *x\n')[0].message).toMatch(/不允许使用 YAML 别名/);
  });

  it('rewords only strings the site has, and only plain strings', () => {
    expect(stringKeys()).toContain('site.footer');
    expect(stringKeys()).not.toContain('search.count'); // a function: its wording takes numbers
    const problems = problemsOf('strings:\n  site.footer: 本站由某市司法局维护。\n  site.nosuch: x\n');
    expect(problems).toEqual([expect.objectContaining({ field: 'strings.site.nosuch', line: 3 })]);
    const { config } = parseSiteConfig('name: 某市法治政府建设年度报告\nstrings:\n  site.footer: 本站由某市司法局维护。\n', 'x.yaml');
    const strings = reworded(t, siteStrings(config!));
    expect(strings.site.name).toBe('某市法治政府建设年度报告');
    expect(strings.site.footer).toBe('本站由某市司法局维护。');
    expect(strings.search.count(2, '复议')).toBe(t.search.count(2, '复议'));
    expect(strings.search.tips).toEqual(t.search.tips);
  });

  it('npm run check names a scope that is not a place of the content, at its line', () => {
    const dir = mkdtempSync(join(tmpdir(), 'fazhi-site-'));
    const file = join(dir, 'site.config.yaml');
    writeFileSync(file, 'name: 某市报告\nscope: guangdong/shenzhen\n');
    expect(checkSiteConfig(file, 'tests/fixtures/content-min')).toEqual([expect.objectContaining({ file, line: 2, field: 'scope', severity: 'error' })]);
    expect(checkSiteConfig(file, 'content')).toEqual([]);
    expect(checkSiteConfig(join(dir, 'none.yaml'), 'content')[0].message).toMatch(/^找不到网站配置文件/);
  });

  it('puts the base path before links from the site root only', () => {
    expect(rebased('/places/guangdong/shenzhen/', '/fzbg/')).toBe('/fzbg/places/guangdong/shenzhen/');
    expect(rebased('/places/a/', '/')).toBe('/places/a/');
    for (const href of ['../2022/', '#q-x', 'https://www.gov.cn/', '//evil.example/', 'mailto:a@b.cn']) expect(rebased(href, '/fzbg/')).toBe(href);
  });

  it('is the one file the README tells a web team to edit, and the example parses as written', () => {
    expect(readFileSync('sites/shenzhen.yaml', 'utf8')).toMatch(/^base: \/fzbg\/$/m);
  });
});
