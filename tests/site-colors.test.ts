/**
 * A site's brand colours (src/lib/site/colors.ts): the raw `:root` rule Base.astro writes into every
 * page holds exactly the configured tokens, hostile values never reach it (the site schema refuses
 * them, themeCss refuses them again), and colours too faint for WCAG 2.1 AA are named by token.
 */
import { readFileSync } from 'node:fs';
import { wcagContrast } from 'culori';
import { describe, expect, it } from 'vitest';
import { parseSiteConfig, loadSiteConfig } from '../src/lib/site/load';
import { BRAND_TOKENS } from '../src/lib/site/schema';
import { BRAND_PAIRS, THEME_COLORS, contrastProblems, themeCss } from '../src/lib/site/colors';

const GLOBAL_CSS = readFileSync('src/styles/global.css', 'utf8');

/** The `--color-*` declarations of the first block of global.css that `opening` starts. */
function tokensOf(opening: RegExp): Record<string, string> {
  const start = GLOBAL_CSS.search(opening);
  expect(start, `${opening} in global.css`).toBeGreaterThanOrEqual(0);
  const block = GLOBAL_CSS.slice(start, GLOBAL_CSS.indexOf('}', start));
  return Object.fromEntries([...block.matchAll(/--color-([\w-]+):\s*([^;]+);/g)].map((m) => [m[1], m[2].trim()]));
}

/** A site configuration with one brand colour, as a web team would write it. */
const withColor = (token: string, value: string) => `name: 测试站\nbranding:\n  colors:\n    ${token}: ${JSON.stringify(value)}\n`;

describe('themeCss', () => {
  it('writes the example city’s colours as they are, one declaration per token, nothing else', () => {
    const { colors } = loadSiteConfig('sites/shenzhen.yaml').branding;
    expect(themeCss(colors)).toBe(':root{--color-brand-50:#eef5fc;--color-brand-600:#1d5fa8;--color-brand-700:#174c87;--color-brand-800:#113a68}');
  });

  it('writes nothing for a site that keeps the theme’s colours (the national collection)', () => {
    expect(themeCss(loadSiteConfig('sites/national.yaml').branding.colors)).toBe('');
  });

  it.each(['#123', '#174C87', 'oklch(45% 0.12 250)', 'oklch(0.45 0.12 250)', 'rgb(23, 76, 135)', 'rgb(23 76 135)'])('passes %s from the schema through unchanged', (value) => {
    const r = parseSiteConfig(withColor('brand-700', value), 'site.config.yaml');
    expect(r.problems).toEqual([]);
    expect(themeCss(r.config!.branding.colors)).toBe(`:root{--color-brand-700:${value}}`);
  });

  it('refuses a value that did not come through the schema', () => {
    expect(() => themeCss({ 'brand-700': 'red;}</style><script>alert(1)</script>' })).toThrow(/颜色.*不合规则.*\/ colour/);
    expect(() => themeCss({ 'brand-900': '#000' } as never)).toThrow(/没有这些颜色名：brand-900/);
  });
});

describe('hostile colours in a site configuration', () => {
  const hostile = [
    'red;}</style><script>alert(1)</script>',
    '#174c87;}</style><script>alert(1)</script>',
    'url(javascript:alert(1))',
    'expression(alert(1))',
    '#174c87;background:url(https://evil.example/x.png)',
    '#174c87 !important',
    '#174c87\n}body{display:none',
    'var(--color-ink)',
    'rgb(1,2,3)}html{color:red',
    'oklch(50% 0.1 250);--x:url(a)',
    'red',
    '',
  ];
  it.each(hostile)('refuses %j, naming the field', (value) => {
    const r = parseSiteConfig(withColor('brand-700', value), 'site.config.yaml');
    expect(r.config).toBeUndefined();
    expect(r.problems).toEqual([expect.objectContaining({ file: 'site.config.yaml', field: 'branding.colors.brand-700', line: 4, message: expect.stringMatching(/^颜色应写成.* \/ colour must be/) })]);
  });

  it('refuses a token the theme does not have, so no other name reaches the rule', () => {
    const r = parseSiteConfig(withColor(JSON.stringify('brand-700;}body{color:red'), '#000'), 'site.config.yaml');
    expect(r.config).toBeUndefined();
    expect(r.problems).toEqual([expect.objectContaining({ line: 4, message: expect.stringMatching(/^未知字段：brand-700;\}body\{color:red/) })]);
  });
});

describe('contrastProblems', () => {
  it('the theme’s own colours agree with the @theme of global.css', () => {
    const theme = tokensOf(/@theme\s*\{/);
    for (const [token, value] of Object.entries(THEME_COLORS)) if (token !== 'white') expect(theme[token], token).toBe(value);
    for (const token of BRAND_TOKENS) expect(THEME_COLORS[token], token).toBeDefined();
  });

  it('finds nothing in the theme’s colours or in the example city’s', () => {
    expect(contrastProblems({ ...THEME_COLORS })).toEqual([]);
    expect(contrastProblems(loadSiteConfig('sites/shenzhen.yaml').branding.colors)).toEqual([]);
  });

  it('names a link colour too light for text, on each background it is drawn on', () => {
    const problems = contrastProblems({ 'brand-700': '#ff9999' });
    expect(problems.length).toBe(BRAND_PAIRS.filter((p) => p.fg === 'brand-700' || p.bg === 'brand-700').length);
    for (const p of problems) {
      expect(p.token).toBe('brand-700');
      expect(p.message).toMatch(/^颜色对比度不足：.*brand-700 #ff9999.*WCAG 2\.1 AA 要求至少 4\.5:1，请把 brand-700 调深 \/ contrast too low: .* make brand-700 darker$/);
    }
    const white = problems.find((p) => p.message.includes('white #fff /') || p.message.includes('/ white #fff'))!;
    expect(white.message).toContain(`${wcagContrast('#ff9999', '#fff').toFixed(2)}:1`);
  });

  it('asks 3:1 of the focus outline, and blames the header colour a site darkened', () => {
    const focus = contrastProblems({ 'brand-600': '#f4a6a0' });
    expect(focus.map((p) => p.token)).toEqual(['brand-600', 'brand-600']);
    for (const p of focus) expect(p.message).toMatch(/键盘焦点框.*至少 3:1，请把 brand-600 调深/);
    // Enough for an outline, not for text.
    expect(wcagContrast('#d9534f', '#fff')).toBeGreaterThan(3);
    expect(wcagContrast('#d9534f', '#fff')).toBeLessThan(4.5);
    expect(contrastProblems({ 'brand-600': '#d9534f' })).toEqual([]);

    // Behind the theme's dark-red title only a lighter header reaches 4.5:1, so that is the advice.
    const darkHeader = contrastProblems({ 'brand-50': '#2b2b2b' });
    expect(new Set(darkHeader.map((p) => p.token))).toEqual(new Set(['brand-50']));
    expect(darkHeader.some((p) => /网站名称.*请把 brand-50 调浅/.test(p.message))).toBe(true);
  });

  it('reads oklch() and rgb() as a browser draws them, and names a colour it cannot read', () => {
    expect(contrastProblems({ 'brand-700': 'oklch(40% 0.12 250)', 'brand-50': 'rgb(240 245 252)' })).toEqual([]);
    expect(contrastProblems({ 'brand-700': 'oklch(85% 0.4 30)' }).length).toBeGreaterThan(0);
    expect(contrastProblems({ 'brand-700': 'rgb(1, 2 3)' })).toEqual([{ token: 'brand-700', message: expect.stringMatching(/^无法识别颜色“rgb\(1, 2 3\)”.* \/ cannot read colour/) }]);
  });
});

describe('the high-contrast reading mode’s palette (global.css)', () => {
  const hc = tokensOf(/:root:is\(\[data-mode-contrast\]/);
  const backgrounds = ['white', 'surface', 'brand-50', 'neutral-bg', 'ok-bg', 'bad-bg', 'warn-bg', 'notice-bg', 'mark', 'mark-target'];
  const texts = ['ink', 'muted', 'brand-700', 'brand-800', 'neutral-ink', 'ok-ink', 'bad-ink', 'warn-ink'];
  const color = (token: string) => (token === 'white' ? '#fff' : hc[token]);

  it('sets every colour token of the theme', () => {
    const theme = Object.keys(tokensOf(/@theme\s*\{/));
    expect(theme.filter((token) => !(token in hc))).toEqual([]);
  });

  it.each(texts)('%s reaches AAA (7:1) on every background', (text) => {
    for (const bg of backgrounds) expect(wcagContrast(color(text), color(bg)), `${text} on ${bg}`).toBeGreaterThanOrEqual(7);
  });

  it('keeps white button text and the focus ring at AAA', () => {
    expect(wcagContrast('#fff', color('brand-700'))).toBeGreaterThanOrEqual(7);
    expect(wcagContrast(color('brand-600'), '#fff')).toBeGreaterThanOrEqual(7);
  });
});
