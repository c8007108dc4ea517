/**
 * A PDF page's text as lines: glyph runs grouped by baseline and ordered left to right, spaces
 * as the author typed them (justification dropped between CJK characters), look-alike radicals
 * mapped back to their ideographs, and running headers, footers and page numbers dropped.
 */
import type { TextItem } from 'pdfjs-dist/types/src/display/api';
import { normalizeSpace } from '../text';

/**
 * Radicals to the ideographs they stand for. Fonts such as Noto CJK share one glyph between a
 * radical and its ideograph, and producers that build the PDF's Unicode map from the glyph
 * (Chromium/Skia among them) then write the radical: `⼈⺠政府` for 人民政府. The Kangxi block
 * maps back through NFKC; the CJK Radicals Supplement has no decomposition, so its table is
 * Unicode's EquivalentUnifiedIdeograph data.
 */
// Pairs of characters: the radical, then its ideograph.
const RADICAL_PAIRS =
  '⺀冫⺁厂⺂乛⺃乚⺄乙⺅亻⺆冂⺉刂⺊卜⺋㔾⺎兀⺏尣⺐尢⺒巳⺓幺⺔彑⺕彐⺖忄⺗㣺⺘扌⺙攵⺛旡⺝月⺞歺⺟母⺠民⺡氵⺢氺⺣灬⺥爫⺦丬⺨犭⺫罒⺬示⺭礻⺯糹⺰纟⺱罓⺳㓁⺴㓁⺹耂⺺肀⺼月⺽臼⺾艹⺿艹⻀艹⻁虎⻂衤⻃覀⻄西⻅见⻈讠⻉贝⻋车⻍辶⻏阝⻐钅⻑長⻒镸⻓长⻖阝⻘青⻙韦⻚页⻛风⻜飞⻝食⻟飠⻠饣⻢马⻣骨⻤鬼⻥鱼⻦鸟⻧卤⻨麦⻩黄⻪黾⻫斉⻬齐⻭歯⻮齿⻯竜⻰龙⻱龜⻲亀⻳龟';
const RADICAL_SUPPLEMENT: ReadonlyMap<number, number> = new Map(
  Array.from({ length: RADICAL_PAIRS.length / 2 }, (_, i) => [RADICAL_PAIRS.codePointAt(2 * i)!, RADICAL_PAIRS.codePointAt(2 * i + 1)!]),
);

/**
 * Glyphs that Simplified Chinese fonts share with a character other than the one the Unicode
 * data names, found by printing every GB 2312 character through Chromium with Noto CJK SC and
 * reading it back: ⼾ is drawn as 户 (NFKC says 戶), ⻌ as 辶, ⻆ as 角, ⻔ as 门, 㬵 as 胶, ∕ as ／;
 * the dash of `——` comes back as ― (U+2015) and the full-width tilde of `2021～2025` as 〜.
 * Mainland reports are written in Simplified characters, so these win over the Unicode data.
 */
const SIMPLIFIED_GLYPHS: Readonly<Record<number, number>> = {
  0x2f3e: 0x6237, 0x2ecc: 0x8fb6, 0x2ec6: 0x89d2, 0x2ed4: 0x95e8, 0x3b35: 0x80f6, 0x2215: 0xff0f, 0x2015: 0x2014,
  0x301c: 0xff5e,
};

/**
 * Radicals, compatibility ideographs and look-alike marks back to what the author typed. Only
 * these characters are touched: NFKC on the whole text would also turn full-width punctuation
 * half-width.
 */
export function unifyIdeographs(text: string): string {
  return text.replace(/[\u2e80-\u2fdf\uf900-\ufaff\u2329\u232a\u3b35\u2215\u2015\u301c]/g, (c) => {
    const code = c.codePointAt(0)!;
    const to = SIMPLIFIED_GLYPHS[code] ?? RADICAL_SUPPLEMENT.get(code);
    if (to) return String.fromCodePoint(to);
    // Kangxi radicals decompose to their ideographs (NFKC); compatibility ideographs and the
    // angle brackets 〈〉 are canonical equivalents of the forms Chinese text uses (NFC).
    return code >= 0x2f00 && code <= 0x2fdf ? c.normalize('NFKC') : c.normalize('NFC');
  });
}

/** A run of glyphs as pdf.js gives it, in PDF points (origin bottom left). */
interface Run {
  str: string;
  x: number;
  y: number;
  w: number;
  size: number;
}

/** Where a space character was drawn: the author's space, which the gap alone may not show. */
interface Space {
  x: number;
  y: number;
}

/** A line of text on a page, in PDF points (origin bottom left). */
export interface Line {
  page: number;
  /** Baseline height. */
  y: number;
  x0: number;
  x1: number;
  /** Font size of the line's largest glyphs. */
  size: number;
  text: string;
  /** Its runs, left to right, and the spaces drawn on its baseline: kept to split it into columns. */
  runs: readonly Run[];
  spaces: readonly Space[];
}

export const HAN = /[\u3400-\u9fff\uf900-\ufaff]/;
/** Han characters and the full-width punctuation that goes with them: no space between these. */
export const CJK = /[\u2e80-\u9fff\uf900-\ufaff\u3000-\u303f\uff00-\uffef“”‘’…—·]/;
/** How a sentence, a clause list or a quoted sentence ends: such a line may end a paragraph. */
export const FINAL = /[。！？；：!?;:…”’」』）)]$/;

/** Joins two runs of text on one line: a space only where the gap is a word space or wider. */
function joinRun(left: string, right: string, gap: number, size: number): string {
  const wide = gap > 0.8 * size;
  const word = gap > 0.2 * size && !(CJK.test(left.slice(-1)) && CJK.test(right[0]));
  return wide || word ? `${left} ${right}` : left + right;
}

/** A space with a Chinese character or punctuation mark on at least one side. */
const CJK_SPACE = new RegExp(`(?<=${CJK.source}) | (?=${CJK.source})`, 'g');

/**
 * Removes the spaces pdf.js reads into a justified line: when a long number or word wraps,
 * the line's slack is spread between every pair of characters, and pdf.js takes each widened gap
 * for a space (`核 查 率 100%`). A single space in a line is the author's (`“双随机 一公开”`).
 */
function dropJustification(line: string): string {
  return (line.match(CJK_SPACE)?.length ?? 0) >= 2 ? line.replace(CJK_SPACE, '') : line;
}

/** The baseline most of the characters of these runs sit on (not a superscript's, nor a neighbouring column's). */
function baseline(runs: readonly Run[]): number {
  const weight = new Map<number, number>();
  for (const r of runs) weight.set(r.y, (weight.get(r.y) ?? 0) + [...r.str].length);
  return [...weight].sort((a, b) => b[1] - a[1])[0][0];
}

/** A line made of runs on one baseline (sorted left to right, duplicates removed). */
export function lineOf(page: number, runs: readonly Run[], spaces: readonly Space[]): Line {
  const y = baseline(runs);
  const size = Math.max(...runs.map((r) => r.size));
  let text = '';
  let end = -Infinity;
  for (const r of runs) {
    const spaced = spaces.some((s) => s.x >= end - 0.1 * size && s.x < r.x);
    text = !text ? r.str : spaced ? `${text} ${r.str}` : joinRun(text, r.str, r.x - end, size);
    end = Math.max(end, r.x + r.w);
  }
  return { page, y, x0: runs[0].x, x1: end, size, text: dropJustification(normalizeSpace(unifyIdeographs(text))), runs, spaces };
}

/** A gap this wide (in ems) between two runs on a baseline may separate two columns. */
const PART_GAP = 1;

/** The parts of a line between gaps wide enough to separate columns, each a line of its own. */
export function partsOf(l: Line): Line[] {
  const groups: Run[][] = [];
  let end = -Infinity;
  for (const r of l.runs) {
    if (!groups.length || r.x - end > PART_GAP * l.size) groups.push([r]);
    else groups[groups.length - 1].push(r);
    end = Math.max(end, r.x + r.w);
  }
  return groups.length === 1 ? [l] : groups.map((g) => lineOf(l.page, g, l.spaces));
}

/**
 * The lines of one page: items grouped by baseline, each line read left to right. Rotated text
 * (a watermark, a margin note, a table turned sideways) is not in the reading flow: it is left
 * out and its length returned, for a warning.
 */
export function pageLines(items: readonly TextItem[], page: number): { lines: Line[]; rotated: number } {
  const runs: Run[] = [];
  const spaces: Space[] = [];
  let rotated = 0;
  for (const it of items) {
    const [a, b, c, d, e, f] = it.transform;
    if (Math.abs(b) > 1e-3 * Math.abs(a) || Math.abs(c) > 1e-3 * Math.abs(d)) {
      rotated += it.str.replace(/\s/g, '').length;
      continue;
    }
    if (!it.str.trim()) {
      if (it.str) spaces.push({ x: e, y: f });
      continue;
    }
    runs.push({ str: it.str, x: e, y: f, w: it.width, size: Math.abs(d) || it.height });
  }
  runs.sort((p, q) => q.y - p.y || p.x - q.x);
  const groups: Run[][] = [];
  for (const r of runs) {
    const g = groups[groups.length - 1];
    if (g && Math.abs(g[0].y - r.y) < 0.4 * Math.min(g[0].size, r.size)) g.push(r);
    else groups.push([r]);
  }
  const lines = groups.map((g) => {
    const size = Math.max(...g.map((r) => r.size));
    const kept: Run[] = [];
    for (const r of [...g].sort((p, q) => p.x - q.x)) {
      // Word's simulated bold draws each glyph twice, a hair apart.
      if (!kept.some((s) => s.str === r.str && Math.abs(s.x - r.x) < 0.2 * size)) kept.push(r);
    }
    return lineOf(page, kept, spaces.filter((s) => Math.abs(s.y - g[0].y) < 0.4 * size));
  });
  return { lines, rotated };
}

/** Page numbers as printed at a page's head or foot: `— 1 —`, `- 2 -`, `第 3 页 共 10 页`, `3/10`, `3`. */
const PAGE_NUMBER = [
  /^[-—–－―~～\s]*\d{1,4}[-—–－―~～\s]*$/,
  /^第\s*\d+\s*页\s*[,，/]?\s*(共\s*\d+\s*页)?$/,
  /^共\s*\d+\s*页\s*[,，]?\s*第\s*\d+\s*页$/,
  /^\d{1,4}\s*\/\s*\d{1,4}$/,
  /^(page|p\.)\s*\d+(\s*(of|\/)\s*\d+)?$/i,
];
/** A browser's print header (date and time, then the page title) and footer (address, then `n/m`). */
const BROWSER_HEADER = /^\d{1,4}[/.-]\d{1,2}[/.-]\d{1,4}[\s,]+(上午|下午)?\s*\d{1,2}:\d{2}(:\d{2})?(\s*[AP]M)?(\s|$)/i;
const BROWSER_FOOTER = /^(https?|file):\/\/\S*(\s+\d{1,4}\s*\/\s*\d{1,4})?$/i;

/** How many lines at the head and the foot of a page can be running headers and footers. */
const BAND = 3;

/** Drops running headers and footers, page numbers and browser print margins. */
export function dropMargins(pages: Line[][]): Line[][] {
  const band = (lines: Line[]) => new Set([...lines.slice(0, BAND), ...lines.slice(-BAND)]);
  const bands = pages.map(band);
  const key = (l: Line) => l.text.replace(/\d+/g, '#').replace(/\s+/g, '');
  // Lines repeated, digits aside, at the same height and size on most pages.
  const repeated = new Set<Line>();
  if (pages.length >= 2) {
    const byKey = new Map<string, Line[]>();
    for (const set of bands) for (const l of set) byKey.set(key(l), [...(byKey.get(key(l)) ?? []), l]);
    const quorum = Math.max(2, Math.ceil(pages.length / 2));
    for (const lines of byKey.values()) {
      for (const l of lines) {
        // At the same height and in the same size (a site's name over page 1 is not the signature atop page 4).
        const same = lines.filter((m) => Math.abs(m.y - l.y) < 3 && Math.abs(m.size - l.size) < 0.1 * l.size);
        if (new Set(same.map((m) => m.page)).size >= quorum) same.forEach((m) => repeated.add(m));
      }
    }
  }
  const printed = (l: Line) => PAGE_NUMBER.some((re) => re.test(l.text)) || BROWSER_HEADER.test(l.text) || BROWSER_FOOTER.test(l.text);
  return pages.map((lines, i) => lines.filter((l) => !repeated.has(l) && !(bands[i].has(l) && printed(l))));
}

export const percentile = (values: number[], p: number): number => {
  const s = [...values].sort((a, b) => a - b);
  return s[Math.floor(p * (s.length - 1))];
};

/** The body font size: the size most of the text is set in. */
export function bodySize(lines: readonly Line[]): number {
  const weight = new Map<number, number>();
  for (const l of lines) {
    const s = Math.round(l.size * 2) / 2;
    weight.set(s, (weight.get(s) ?? 0) + l.text.length);
  }
  return [...weight].sort((a, b) => b[1] - a[1])[0][0];
}
