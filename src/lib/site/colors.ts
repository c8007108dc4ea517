/**
 * A site's brand colours in the page: the `:root` rule that puts them over the `@theme` tokens
 * (src/styles/global.css), and the WCAG 2.1 AA contrast check of every pair of colours the site
 * draws with them, so a site cannot publish links or buttons its readers cannot read.
 */
import { parse, toGamut, wcagContrast } from 'culori';
import { BRAND_TOKENS, COLOR_PATTERN, type BrandToken, type SiteConfig } from './schema';

/** The brand colours a site configuration gives (`branding.colors`), any of them. */
export type BrandColors = SiteConfig['branding']['colors'];

/**
 * The `@theme` values of the tokens the checked pairs use, for the tokens a site leaves out.
 * tests/site-colors.test.ts holds them equal to src/styles/global.css.
 */
export const THEME_COLORS = {
  'brand-50': '#fdf3f2',
  'brand-600': '#b3261e',
  'brand-700': '#8f1d17',
  'brand-800': '#6e1612',
  ink: '#1f2328',
  surface: 'oklch(98.5% 0.002 247.839)',
  white: '#fff',
} as const;
type Token = keyof typeof THEME_COLORS;

/** WCAG 2.1 AA: 4.5:1 for text (1.4.3), 3:1 for the parts of controls and focus indicators (1.4.11). */
const TEXT = 4.5;
const NON_TEXT = 3;

/** Every pair of colours the site draws with a brand token (components and global.css), and where. */
export const BRAND_PAIRS: readonly { fg: Token; bg: Token; min: number; zh: string; en: string }[] = [
  { fg: 'brand-700', bg: 'white', min: TEXT, zh: '白色背景上的链接、按钮文字', en: 'links and button text on white' },
  { fg: 'brand-700', bg: 'brand-50', min: TEXT, zh: '页头（brand-50 背景）中的导航链接', en: 'navigation links on the header (brand-50)' },
  { fg: 'brand-700', bg: 'surface', min: TEXT, zh: '页脚和报告信息框（浅灰背景）中的链接', en: 'links in the footer and the report facts (light grey)' },
  { fg: 'white', bg: 'brand-700', min: TEXT, zh: '搜索按钮（brand-700 背景）上的白色文字', en: 'white text on the search buttons (brand-700)' },
  { fg: 'brand-800', bg: 'brand-50', min: TEXT, zh: '页头（brand-50 背景）中的网站名称', en: 'the site name on the header (brand-50)' },
  { fg: 'ink', bg: 'brand-50', min: TEXT, zh: '页头（brand-50 背景）中的正文色文字（阅读模式开关）', en: 'body-colour text on the header (brand-50), the reading-mode switches' },
  { fg: 'brand-600', bg: 'white', min: NON_TEXT, zh: '白色背景上的键盘焦点框', en: 'the keyboard focus outline on white' },
  { fg: 'brand-600', bg: 'brand-50', min: NON_TEXT, zh: '页头（brand-50 背景）中的键盘焦点框', en: 'the keyboard focus outline on the header (brand-50)' },
];

const isBrandToken = (token: string): token is BrandToken => (BRAND_TOKENS as readonly string[]).includes(token);

/**
 * The `:root` rule setting the given brand tokens (`:root{--color-brand-700:#174c87}`), in the
 * order of BRAND_TOKENS; empty when none is given. It is written into the page as is, so every
 * value is checked again here against the schema's pattern: nothing else can reach the stylesheet.
 */
export function themeCss(colors: BrandColors): string {
  const decls = BRAND_TOKENS.flatMap((token) => {
    const value = colors[token];
    if (value === undefined) return [];
    if (!COLOR_PATTERN.test(value)) throw new Error(`颜色“${value}”不合规则，不能写入页面 / colour "${value}" does not match the colour pattern and cannot go into the page`);
    return [`--color-${token}:${value}`];
  });
  const unknown = Object.keys(colors).filter((k) => !isBrandToken(k));
  if (unknown.length) throw new Error(`没有这些颜色名：${unknown.join('、')} / no such colour tokens: ${unknown.join(', ')}`);
  return decls.length ? `:root{${decls.join(';')}}` : '';
}

/** A problem with one of a site's brand colours. */
export interface ColorProblem {
  /** The token to change, e.g. `brand-700` (the field is `branding.colors.<token>`). */
  token: BrandToken;
  /** What is wrong and what it must reach, Chinese first. */
  message: string;
}

/** The colour as the browser draws it (out-of-gamut `oklch()` mapped into sRGB), or undefined if it cannot be read. */
const drawn = (value: string) => {
  const c = parse(value);
  return c && toGamut('rgb', 'oklch')(c);
};

/**
 * Every pair of BRAND_PAIRS below its WCAG 2.1 AA contrast with the site's colours (the theme's
 * for the tokens it leaves out), blamed on a token the site set (the text colour when it set
 * both); and every colour that cannot be read. Pairs of theme colours alone are never reported.
 */
export function contrastProblems(colors: BrandColors): ColorProblem[] {
  const problems: ColorProblem[] = [];
  const given = BRAND_TOKENS.filter((t) => colors[t] !== undefined);
  const unreadable = new Set(given.filter((t) => !drawn(colors[t]!)));
  for (const token of unreadable) {
    problems.push({ token, message: `无法识别颜色“${colors[token]}”（rgb() 的三个数用逗号或空格统一分隔） / cannot read colour "${colors[token]}" (separate rgb()'s numbers all by commas or all by spaces)` });
  }
  const value = (t: Token): string => (isBrandToken(t) ? colors[t] : undefined) ?? THEME_COLORS[t];
  for (const pair of BRAND_PAIRS) {
    const blamed = [pair.fg, pair.bg].find((t): t is BrandToken => isBrandToken(t) && colors[t] !== undefined);
    if (!blamed || [pair.fg, pair.bg].some((t) => isBrandToken(t) && unreadable.has(t))) continue;
    const [fg, bg] = [drawn(value(pair.fg))!, drawn(value(pair.bg))!];
    const ratio = wcagContrast(fg, bg);
    if (ratio >= pair.min) continue;
    // Towards black or white, whichever can stand further from the other colour of the pair.
    const other = blamed === pair.fg ? bg : fg;
    const darker = wcagContrast(other, '#000') > wcagContrast(other, '#fff');
    const shown = `${ratio.toFixed(2)}:1`;
    const colours = `${pair.fg} ${value(pair.fg)} / ${pair.bg} ${value(pair.bg)}`;
    problems.push({
      token: blamed,
      message: `颜色对比度不足：${pair.zh}（${colours}）对比度为 ${shown}，WCAG 2.1 AA 要求至少 ${pair.min}:1，请把 ${blamed} 调${darker ? '深' : '浅'} / contrast too low: ${pair.en} (${colours}) is ${shown}, WCAG 2.1 AA needs at least ${pair.min}:1; make ${blamed} ${darker ? 'darker' : 'lighter'}`,
    });
  }
  return problems;
}
