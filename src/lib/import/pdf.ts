/**
 * PDF files as SourceText, from their text layer through pdf.js (no rendering). A PDF has no
 * paragraphs, only glyphs placed on pages, so the reader rebuilds what the author wrote:
 * - glyph runs are grouped into lines by baseline and ordered left to right;
 * - running headers, footers and page numbers are dropped: lines repeated at the same height on
 *   most pages (digits aside, so `— 2 —` and `3/10` repeat too), page-number lines, and the
 *   date/title and address lines a browser prints around a page;
 * - on a web page printed from the browser, what stands beside the article (a menu, a 信息公开
 *   tree, a related-links box) is taken out of the article's lines: the parts of lines beyond a
 *   gutter left or right of the main text column. Without sentences it is left out, with a warning
 *   that names it; with sentences it follows the report's text. PDFs an office suite exported
 *   (Word, WPS) are read as laid out;
 * - lines are re-joined into paragraphs across line and page breaks from the page geometry: a
 *   paragraph starts at an indented line (2em in 公文), after extra space, after a line that
 *   stopped clearly short of the right edge, or where the font size changes, except where a block
 *   wraps within itself (a title or heading set larger, a list item or quotation indented as a
 *   whole, a centred line); Chinese wraps anywhere, so lines join without a space;
 * - characters some PDF producers map to look-alike radicals (⼈ for 人) are mapped back.
 * Headings are not decided here: each numbered heading ends up on its own line, and the pipeline
 * outlines from the numbering (../headings.ts). A PDF without a text layer (a scan) is refused
 * with an error that says to run OCR first.
 */
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { getDocument, InvalidPDFException, OPS, type PDFDocumentProxy, type PDFPageProxy } from 'pdfjs-dist/legacy/build/pdf.mjs';
import type { TextItem } from 'pdfjs-dist/types/src/display/api';
import { headingMarker } from './headings';
import { ImportError, type SourceMeta, type SourceText } from './types';
import { normalizeSpace } from '../text';

/** pdf.js' CMaps (for CJK fonts without a Unicode map) and the standard 14 fonts, as file paths. */
function pdfjsData(): { cMapUrl: string; standardFontDataUrl: string } {
  const root = dirname(createRequire(import.meta.url).resolve('pdfjs-dist/package.json'));
  return { cMapUrl: join(root, 'cmaps') + '/', standardFontDataUrl: join(root, 'standard_fonts') + '/' };
}

/**
 * Radicals to the ideographs they stand for. Fonts such as Noto CJK share one glyph between a
 * radical and its ideograph, and producers that build the PDF's Unicode map from the glyph
 * (Chromium/Skia among them) then write the radical: `⼈⺠政府` for 人民政府. The Kangxi block
 * maps back through NFKC; the CJK Radicals Supplement has no decomposition, so its table is
 * Unicode's EquivalentUnifiedIdeograph data.
 */
const RADICAL_SUPPLEMENT: Readonly<Record<number, number>> = {
  0x2e80: 0x51ab, 0x2e81: 0x5382, 0x2e82: 0x4e5b, 0x2e83: 0x4e5a, 0x2e84: 0x4e59, 0x2e85: 0x4ebb, 0x2e86: 0x5182,
  0x2e89: 0x5202, 0x2e8a: 0x535c, 0x2e8b: 0x353e, 0x2e8e: 0x5140, 0x2e8f: 0x5c23, 0x2e90: 0x5c22, 0x2e92: 0x5df3,
  0x2e93: 0x5e7a, 0x2e94: 0x5f51, 0x2e95: 0x5f50, 0x2e96: 0x5fc4, 0x2e97: 0x38fa, 0x2e98: 0x624c, 0x2e99: 0x6535,
  0x2e9b: 0x65e1, 0x2e9d: 0x6708, 0x2e9e: 0x6b7a, 0x2e9f: 0x6bcd, 0x2ea0: 0x6c11, 0x2ea1: 0x6c35, 0x2ea2: 0x6c3a,
  0x2ea3: 0x706c, 0x2ea5: 0x722b, 0x2ea6: 0x4e2c, 0x2ea8: 0x72ad, 0x2eab: 0x7f52, 0x2eac: 0x793a, 0x2ead: 0x793b,
  0x2eaf: 0x7cf9, 0x2eb0: 0x7e9f, 0x2eb1: 0x7f53, 0x2eb3: 0x34c1, 0x2eb4: 0x34c1, 0x2eb9: 0x8002, 0x2eba: 0x8080,
  0x2ebc: 0x6708, 0x2ebd: 0x81fc, 0x2ebe: 0x8279, 0x2ebf: 0x8279, 0x2ec0: 0x8279, 0x2ec1: 0x864e, 0x2ec2: 0x8864,
  0x2ec3: 0x8980, 0x2ec4: 0x897f, 0x2ec5: 0x89c1, 0x2ec8: 0x8ba0, 0x2ec9: 0x8d1d, 0x2ecb: 0x8f66, 0x2ecd: 0x8fb6,
  0x2ecf: 0x961d, 0x2ed0: 0x9485, 0x2ed1: 0x9577, 0x2ed2: 0x9578, 0x2ed3: 0x957f, 0x2ed6: 0x961d, 0x2ed8: 0x9752,
  0x2ed9: 0x97e6, 0x2eda: 0x9875, 0x2edb: 0x98ce, 0x2edc: 0x98de, 0x2edd: 0x98df, 0x2edf: 0x98e0, 0x2ee0: 0x9963,
  0x2ee2: 0x9a6c, 0x2ee3: 0x9aa8, 0x2ee4: 0x9b3c, 0x2ee5: 0x9c7c, 0x2ee6: 0x9e1f, 0x2ee7: 0x5364, 0x2ee8: 0x9ea6,
  0x2ee9: 0x9ec4, 0x2eea: 0x9efe, 0x2eeb: 0x6589, 0x2eec: 0x9f50, 0x2eed: 0x6b6f, 0x2eee: 0x9f7f, 0x2eef: 0x7adc,
  0x2ef0: 0x9f99, 0x2ef1: 0x9f9c, 0x2ef2: 0x4e80, 0x2ef3: 0x9f9f,
};

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
    const to = SIMPLIFIED_GLYPHS[code] ?? RADICAL_SUPPLEMENT[code];
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
interface Line {
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

const HAN = /[\u3400-\u9fff\uf900-\ufaff]/;
/** Han characters and the full-width punctuation that goes with them: no space between these. */
const CJK = /[\u2e80-\u9fff\uf900-\ufaff\u3000-\u303f\uff00-\uffef“”‘’…—·]/;
/** How a sentence, a clause list or a quoted sentence ends: such a line may end a paragraph. */
const FINAL = /[。！？；：!?;:…”’」』）)]$/;

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
function lineOf(page: number, runs: readonly Run[], spaces: readonly Space[]): Line {
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
function partsOf(l: Line): Line[] {
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
function pageLines(items: readonly TextItem[], page: number): { lines: Line[]; rotated: number } {
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
function dropMargins(pages: Line[][]): Line[][] {
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

const percentile = (values: number[], p: number): number => {
  const s = [...values].sort((a, b) => a - b);
  return s[Math.floor(p * (s.length - 1))];
};

/** The body font size: the size most of the text is set in. */
function bodySize(lines: readonly Line[]): number {
  const weight = new Map<number, number>();
  for (const l of lines) {
    const s = Math.round(l.size * 2) / 2;
    weight.set(s, (weight.get(s) ?? 0) + l.text.length);
  }
  return [...weight].sort((a, b) => b[1] - a[1])[0][0];
}

/** The main text column of a page: where its lines start and where its full lines end. */
interface Column {
  left: number;
  right: number;
}

/**
 * A piece of running text: body size, some length, and clause punctuation. Menus, link lists and
 * banners have none, so the column is measured on the report's own lines.
 */
const isProsePart = (l: Line, em: number) => Math.abs(l.size - em) < 0.1 * em && [...l.text].length >= 8 && /[，,、；;：:。]/.test(l.text);

/**
 * Measures the text column from its prose: the left edge is an edge where a fair share of the
 * lines start (continuation lines start at the margin, first lines at the indent; a breadcrumb,
 * banner or footer wider than the column starts further left on a few lines): over the document
 * the leftmost, on a page the document's. The right edge is where lines from that margin or the
 * indent end. Undefined with too little prose to tell.
 */
function measureColumn(parts: readonly Line[], em: number, doc?: Column): Column | undefined {
  const prose = parts.filter((p) => isProsePart(p, em)).sort((p, q) => p.x0 - q.x0);
  if (prose.length < 6) return undefined;
  const edges: { x: number; n: number }[] = [];
  for (const p of prose) {
    const e = edges[edges.length - 1];
    if (e && p.x0 - e.x < 0.3 * em) e.n++;
    else edges.push({ x: p.x0, n: 1 });
  }
  const most = Math.max(...edges.map((e) => e.n));
  const strong = edges.filter((e) => e.n >= 0.15 * most).map((e) => e.x);
  // On a page, the document's margin wherever lines start there (a page of short paragraphs has
  // more first lines at the indent than lines at the margin), else the strong edge nearest to it.
  const nearest = (xs: number[], x: number) => xs.reduce((a, b) => (Math.abs(b - x) < Math.abs(a - x) ? b : a));
  const atMargin = doc && edges.find((e) => Math.abs(e.x - doc.left) < 0.5 * em);
  const left = atMargin ? atMargin.x : doc ? nearest(strong, doc.left) : strong[0];
  // Lines of the column start at its margin or indent; a box of text beside it starts further right.
  const inColumn = prose.filter((p) => p.x0 >= left - 0.5 * em && p.x0 <= left + 4 * em);
  const right = percentile(
    inColumn.map((p) => p.x1),
    0.9,
  );
  // A page is as wide as the others (a browser prints every page alike): one with little prose,
  // or short lines only (the end of a report, a list), keeps the document's width, moved with its
  // margin.
  if (doc && (inColumn.length < 12 || Math.abs(right - left - (doc.right - doc.left)) > 2 * em)) return { left, right: doc.right + left - doc.left };
  return { left, right };
}

/** A gutter this wide (in body ems) between the text column and what stands beside it makes that a column of its own. */
const GUTTER = 1.5;

/** Text beside the main column: a page's side menu, related links, a second column. */
interface Beside {
  page: number;
  lines: Line[];
  /** Whether it reads as prose (has sentences): then it is kept, after the report's text. */
  prose: boolean;
}

type Place = 'main' | 'left' | 'right';

/**
 * Separates the main text column from what stands beside it. A web page printed from the browser
 * puts a menu, a 信息公开 tree or a related-links box beside the article, on the same baselines: read
 * across the page they would be spliced into the report's lines. A part of a line lying wholly
 * beyond a gutter left or right of the column (measured per page, or over the document on pages
 * with little prose) is beside it when the rest of its line lies within the column and at least
 * one other line of the page has a part on that side: such parts are taken out, each side of each
 * page as a block. Nothing else moves: a single-column document, a header or footer as wide as the
 * page, tables and right-aligned signatures stay where they are.
 */
function splitColumns(pages: Line[][]): { pages: Line[][]; columns: (Column | undefined)[]; beside: Beside[] } {
  const all = pages.flat();
  if (!all.length) return { pages, columns: pages.map(() => undefined), beside: [] };
  const em = bodySize(all);
  const parts = pages.map((lines) => lines.map(partsOf));
  const doc = measureColumn(parts.flat(2), em);
  const columns = parts.map((p) => measureColumn(p.flat(), em, doc) ?? doc);
  // Each line's parts by place; a line with a part neither beside nor within the column spans the page.
  const placed = parts.map((lines, i) => {
    const col = columns[i];
    const place = (p: Line): Place | undefined => {
      if (!col) return 'main';
      if (p.x1 <= col.left - GUTTER * em) return 'left';
      if (p.x0 >= col.right + GUTTER * em) return 'right';
      // Ragged-right lines end a little past the measured edge; a part reaching across the gutter spans it.
      return p.x0 > col.left - GUTTER * em && p.x1 < col.right + GUTTER * em ? 'main' : undefined;
    };
    return lines.map((ps) => {
      const at = ps.map(place);
      return at.includes(undefined) || at.every((p) => p === 'main') ? undefined : (at as Place[]);
    });
  });
  // A side column has more than one line (it may run on from one page to the next); a lone part
  // beyond the gutter is a wide line's, and stays in it.
  const sides = (['left', 'right'] as const).filter((side) => placed.flat().filter((at) => at?.includes(side)).length >= 2);
  const beside: Beside[] = [];
  const out = pages.map((lines, i) => {
    const main: Line[] = [];
    const by: Record<'left' | 'right', Line[]> = { left: [], right: [] };
    lines.forEach((l, k) => {
      const at = placed[i][k];
      if (!at || !sides.some((side) => at.includes(side))) {
        main.push(l);
        return;
      }
      const ps = parts[i][k];
      const group = (want: (p: Place) => boolean) => {
        const mine = ps.filter((_, j) => want(at[j]));
        return mine.length === 1 ? mine[0] : mine.length ? lineOf(l.page, mine.flatMap((p) => p.runs), l.spaces) : undefined;
      };
      const inMain = group((p) => !sides.includes(p as 'left' | 'right'));
      if (inMain) main.push(inMain);
      for (const side of sides) {
        const mine = group((p) => p === side);
        if (mine) by[side].push(mine);
      }
    });
    for (const side of sides) {
      if (by[side].length) beside.push({ page: i, lines: by[side], prose: by[side].some((l) => /[。！？]/.test(l.text)) });
    }
    return main;
  });
  return { pages: out, columns, beside };
}

/** The text block of a page: left edge, right edge, body font size, line pitch. */
interface Frame {
  left: number;
  right: number;
  size: number;
  pitch: number;
}

/** Measures the text block on each page: the column's edges, and the pitch of body-size lines. */
function frames(pages: Line[][], columns: readonly (Column | undefined)[]): Frame[] {
  const all = pages.flat();
  const size = bodySize(all);
  const isBody = (l: Line) => Math.abs(l.size - size) < 0.1 * size;
  const measure = (lines: Line[], col?: Column, fallback?: Frame): Frame => {
    const body = lines.filter(isBody);
    const thin = body.length < 6;
    const left = col?.left ?? (thin && fallback ? fallback.left : percentile(body.map((l) => l.x0), 0.1));
    const right = col?.right ?? (thin && fallback ? fallback.right : percentile(body.map((l) => l.x1), 0.9));
    // The pitch within a paragraph: the step after a line that reached the right edge. Steps
    // between other lines are wider (between paragraphs) or narrower (a page's menus and footer).
    const steps: number[] = [];
    const afterFull: number[] = [];
    for (let i = 1; i < body.length; i++) {
      const dy = body[i - 1].y - body[i].y;
      if (body[i].page !== body[i - 1].page || dy <= 0.5 * size || dy >= 3 * size) continue;
      steps.push(dy);
      if (Math.abs(body[i - 1].x1 - right) < 1.5 * size && body[i - 1].x0 < right - 0.5 * (right - left)) afterFull.push(dy);
    }
    const pitch = afterFull.length >= 3 ? percentile(afterFull, 0.5) : steps.length ? percentile(steps, 0.1) : undefined;
    return { left, right, size, pitch: (!thin || !fallback) && pitch ? pitch : fallback?.pitch ?? 1.5 * size };
  };
  const doc = measure(all);
  return pages.map((lines, i) => measure(lines, columns[i], doc));
}

/** True if the line stands in the middle of the text block, as titles do. */
const centered = (l: Line, f: Frame) =>
  l.x0 > f.left + f.size && l.x1 < f.right - f.size && Math.abs((l.x0 + l.x1) / 2 - (f.left + f.right) / 2) < f.size;

/** Marks that open a phrase and stay on the line of what follows them. */
const OPENERS = /[“‘（(《〈【〔「『]/;
/** Marks that may not start a line: Chinese line breaking keeps them with what precedes them. */
const CLOSERS = /[、。，,．.；;：:！!？?）)》〉】〕」』”’%％…·]/;

/** Quotation marks: Chinese line breaking (UAX #14 LB19) breaks neither before nor after them. */
const QUOTES = /[“”‘’"']/;

/**
 * The width, in ems, of what a line starts with that could not be split from its first character:
 * opening marks, a number or Latin word, closing punctuation, and across quotation marks the
 * next of these (`委“1310”具`). A line ended where it did because this did not fit at the end of
 * the line above.
 */
function leadWidth(text: string): number {
  const chars = [...text];
  let i = 0;
  const unit = () => {
    while (i < chars.length && OPENERS.test(chars[i])) i++;
    if (/[A-Za-z0-9]/.test(chars[i] ?? '')) while (i < chars.length && /[A-Za-z0-9.,%+\-/]/.test(chars[i])) i++;
    else i++;
    while (i < chars.length && CLOSERS.test(chars[i])) i++;
  };
  unit();
  while (i < chars.length && (QUOTES.test(chars[i - 1]) || QUOTES.test(chars[i]))) unit();
  return chars.slice(0, i).reduce((w, c) => w + (CJK.test(c) ? 1 : 0.55), 0);
}

/** A heading line by its numbering (一、 （一） 1.) that has not ended a sentence yet. */
const isHeading = (paragraph: string) => !!headingMarker(paragraph) && !/[。；;！？!?]/.test(paragraph);

/**
 * Re-joins lines into paragraphs, one per returned string. A line starts a paragraph when the
 * font size changes, after extra space, when it is indented, or when the line above stopped
 * short of the right edge by more than the next line's first word (and was not just pushed
 * there by line breaking); not where a block wraps within itself (a title or heading set larger
 * than the body, a list item or quotation indented as a whole, a centred line). Across a page
 * break only the geometry of the two lines counts.
 */
function paragraphs(pages: Line[][], columns: readonly (Column | undefined)[]): string[] {
  const fs = frames(pages, columns);
  const em = fs[0].size;
  // A 2em first-line indent marks paragraphs in most reports; where it does, a line at the margin
  // continues a paragraph even after a colon (`以下工作：` then `（一）…；（二）…` run in).
  const body = pages.flat().filter((l) => Math.abs(l.size - em) < 0.1 * em);
  const at = (l: Line, ems: number) => Math.abs(l.x0 - fs[l.page].left - ems * em) < 0.3 * em;
  const indents = body.filter((l) => at(l, 2)).length >= 0.2 * body.filter((l) => at(l, 0)).length;

  const startsParagraph = (prev: Line, cur: Line, paragraph: string): boolean => {
    const fp = fs[prev.page];
    const fc = fs[cur.page];
    if (Math.abs(prev.size - cur.size) > 0.1 * Math.min(prev.size, cur.size)) return true;
    const final = FINAL.test(prev.text);
    // A subtitle or a date under a title: `——在…会议上`, `（2024年1月）`.
    const subtitle = /^[（(【〔\-—]/.test(cur.text);
    // A title set over two or more centred lines (not two indented lines that happen to look centred).
    const atIndent = (l: Line, f: Frame) => Math.abs(l.x0 - f.left - 2 * f.size) < 0.3 * f.size;
    if (centered(prev, fp) && centered(cur, fc) && (Math.abs(cur.size - em) > 0.1 * em || !(atIndent(prev, fp) || atIndent(cur, fc)))) {
      return final || subtitle;
    }
    const slack = (fp.right - prev.x1) / fp.size;
    const lead = leadWidth(cur.text);
    const full = slack < lead + 0.25;
    // A line wrapped within a block of its own: under the line above, aligned with its start or
    // centred under it, at the next line's distance.
    const under =
      cur.page === prev.page &&
      prev.y > cur.y &&
      prev.y - cur.y < 2.2 * cur.size &&
      (Math.abs(cur.x0 - prev.x0) < 0.5 * cur.size || Math.abs(cur.x0 + cur.x1 - prev.x0 - prev.x1) < 2 * cur.size);
    // A full line ends where it does because the next word did not fit, whatever mark it ends with.
    const ended = full ? /[。！？；;!?]$/.test(prev.text) : final;
    if (Math.abs(cur.size - em) > 0.1 * em) {
      // A title or heading set larger than the body and wrapped: left-aligned, or a first line as
      // wide as the column with the rest centred under it.
      return !(cur.size > em && under) || ended || (subtitle && !full) || !!headingMarker(cur.text);
    }
    if (cur.page === prev.page && prev.y - cur.y > fc.pitch + Math.max(0.25 * fc.size, 0.1 * fc.pitch)) return true;
    // A line reaching out left of the text column (a page's header or footer) is not the column's paragraph.
    if (cur.x0 < fc.left - 1.5 * fc.size || prev.x0 < fp.left - 1.5 * fp.size) return true;
    if (cur.x0 > fc.left + 0.6 * fc.size) {
      // A block indented as a whole (a list item, a quotation) wraps back to its own indent, not to
      // the margin; a centred line that is not prose (a page's 来源…浏览量 line) wraps centred
      // under itself.
      const block =
        (Math.abs(cur.x0 - prev.x0) < 0.3 * fc.size && !atIndent(cur, fc) && prev.x0 - fp.left < 0.25 * (fp.right - fp.left)) ||
        (!atIndent(prev, fp) && centered(cur, fc) && !/[。！？]/.test(paragraph));
      return !(block && under && full && !ended && !isHeading(paragraph) && !headingMarker(cur.text));
    }
    // Right-aligned or centred lines (signature, date) stand alone.
    if (prev.x0 > fp.left + 3 * fp.size) return true;
    // The line was full: the next one continues it, unless a sentence ended and a numbered item
    // starts (a heading, or with indented paragraphs a short one, not a run-in list that wraps on).
    if (full) return final && !!headingMarker(cur.text) && !(indents && cur.x1 > fc.right - 1.5 * fc.size);
    if (final || isHeading(paragraph)) return true;
    // Short of the edge by a little more than the next word: line breaking we did not model
    // (a number kept with its unit); by much more, the paragraph ended without a full stop.
    return slack > lead + 3;
  };

  const out: string[] = [];
  let prev: Line | undefined;
  for (const l of pages.flat()) {
    if (!prev || startsParagraph(prev, l, out[out.length - 1])) out.push(l.text);
    else {
      const last = out[out.length - 1];
      out[out.length - 1] = /[A-Za-z]$/.test(last) && /^[A-Za-z]/.test(l.text) ? `${last} ${l.text}` : last + l.text;
    }
    prev = l;
  }
  return out;
}

/** True if the page draws any image (a scanned page is one image). */
async function hasImages(page: PDFPageProxy): Promise<boolean> {
  const ops = await page.getOperatorList();
  const paint = new Set<number>([OPS.paintImageXObject, OPS.paintInlineImageXObject, OPS.paintImageXObjectRepeat, OPS.paintImageMaskXObject]);
  return ops.fnArray.some((fn) => paint.has(fn));
}

/** The info dictionary's Title when it reads as a report's title, not a file name or a template's. */
export function reportTitle(raw: unknown): string | undefined {
  if (typeof raw !== 'string') return undefined;
  const title = normalizeSpace(unifyIdeographs(raw));
  if (/^(Microsoft\s+\w+|WPS\s*\w*)\s*-/i.test(title)) return undefined;
  if (/\.(docx?|wps|pdf|html?|txt|xlsx?|ofd)$/i.test(title) || /[\\/]/.test(title)) return undefined;
  if ((title.match(new RegExp(HAN, 'g')) ?? []).length < 6 || title.length > 100) return undefined;
  return /(报告|总结|情况)$/.test(title) ? title : undefined;
}

/** The producers of office documents (Word, WPS, LibreOffice, Acrobat's Office add-in, Yozo), not of printed web pages. */
const OFFICE = /Microsoft\s*®?\s*(?:Office\s*)?Word|\bWPS\b|Kingsoft|金山|LibreOffice|OpenOffice|PDFMaker|Yozo|永中/i;

const SCANNED =
  '这是扫描件，PDF 中没有文字层，无法读取文字。请先用 OCR（文字识别）软件把它转成可复制文字的 PDF 或 Word 文件，再导入 / ' +
  'this is a scanned PDF with no text layer, so its text cannot be read: run it through OCR (text recognition) first and import the resulting PDF or Word file';

async function open(bytes: Uint8Array): Promise<PDFDocumentProxy> {
  if (!bytes.length) throw new ImportError('PDF 文件是空的（0 字节），请重新下载 / the PDF file is empty (0 bytes): download it again', 'empty');
  try {
    // pdf.js takes ownership of the buffer it is given; the caller keeps theirs.
    return await getDocument({ data: bytes.slice(), ...pdfjsData(), cMapPacked: true, isEvalSupported: false, useSystemFonts: false, verbosity: 0 })
      .promise;
  } catch (e) {
    const name = (e as Error | undefined)?.name;
    if (name === 'PasswordException') {
      throw new ImportError(
        'PDF 文件已加密，需要密码才能打开。请用原来的软件取消密码后另存为 PDF，再导入 / the PDF is encrypted and needs a password: remove the password in the program that made it, save it again as PDF, then import it',
        'unreadable',
      );
    }
    if (e instanceof InvalidPDFException || name === 'InvalidPDFException') {
      throw new ImportError(
        'PDF 文件已损坏或不是 PDF 文件，无法打开。请重新下载或从原文件重新导出 PDF / the file is damaged or not a PDF: download it again or export the PDF again from the original',
        'unreadable',
      );
    }
    throw new ImportError(`无法读取 PDF 文件（${(e as Error).message}）/ cannot read the PDF: ${(e as Error).message}`, 'unreadable');
  }
}

/**
 * Reads a PDF's text layer into a SourceText: one paragraph per line, running headers, footers
 * and page numbers dropped. Throws ImportError when the PDF is scanned (no text layer), encrypted
 * or damaged.
 */
export async function readPdf(bytes: Uint8Array): Promise<SourceText> {
  const doc = await open(bytes);
  try {
    const pages: Line[][] = [];
    const rotated: number[] = [];
    for (let n = 1; n <= doc.numPages; n++) {
      const page = await doc.getPage(n);
      const content = await page.getTextContent();
      const read = pageLines(content.items.filter((it): it is TextItem => 'str' in it), n - 1);
      pages.push(read.lines);
      // A stamp or a short watermark is no loss; sideways text of some length may be a table.
      if (read.rotated >= 20) rotated.push(n);
      page.cleanup();
    }
    const body = dropMargins(pages);

    const warnings: string[] = [];
    if (rotated.length) {
      warnings.push(
        `第 ${rotated.join('、')} 页有倾斜或竖排的文字（水印、横排的表格等），未导入，请对照原件核对 / ` +
          `rotated or vertical text on page${rotated.length > 1 ? 's' : ''} ${rotated.join(', ')} (a watermark, a table turned sideways) was not imported: check it against the original`,
      );
    }
    const blank = body.flatMap((lines, i) => (lines.some((l) => HAN.test(l.text) || /\w{3}/.test(l.text)) ? [] : [i + 1]));
    const scanned: number[] = [];
    for (const n of blank) if (await hasImages(await doc.getPage(n))) scanned.push(n);
    if (blank.length === doc.numPages) {
      if (scanned.length) throw new ImportError(SCANNED, 'unreadable');
      throw new ImportError('PDF 中没有任何文字 / the PDF contains no text', 'empty');
    }
    if (scanned.length) {
      warnings.push(
        `第 ${scanned.join('、')} 页是图片（扫描页），没有文字层，其内容未导入；如需导入请先做 OCR 文字识别 / ` +
          `page${scanned.length > 1 ? 's' : ''} ${scanned.join(', ')} ${scanned.length > 1 ? 'are images' : 'is an image'} (scanned) with no text layer and ${scanned.length > 1 ? 'were' : 'was'} not imported; run OCR first to import ${scanned.length > 1 ? 'them' : 'it'}`,
      );
    }

    const { info } = await doc.getMetadata().catch(() => ({ info: {} as Record<string, unknown> }));
    const fields = info as Record<string, unknown>;
    // A document exported from an office suite is laid out by its author: whatever stands beside
    // the text column there (a table wider than the margins) is the author's and stays in place.
    const office = [fields.Producer, fields.Creator].some((v) => typeof v === 'string' && OFFICE.test(v));
    const columns = office ? { pages: body, columns: body.map(() => undefined), beside: [] } : splitColumns(body);
    const pageList = (b: readonly Beside[]) => [...new Set(b.map((x) => x.page + 1))];
    const dropped = columns.beside.filter((b) => !b.prose);
    if (dropped.length) {
      const lines = dropped.flatMap((b) => b.lines.map((l) => l.text));
      const shown = lines.slice(0, 6).join('｜') + (lines.length > 6 ? '｜…' : '');
      const on = pageList(dropped);
      warnings.push(
        `第 ${on.join('、')} 页正文栏旁的 ${lines.length} 行（栏目导航、相关链接等，没有成句的文字）未导入：${shown} / ` +
          `${lines.length} line${lines.length > 1 ? 's' : ''} beside the text column on page${on.length > 1 ? 's' : ''} ${on.join(', ')} (menus, related links; no sentences) ${lines.length > 1 ? 'were' : 'was'} left out: ${shown}`,
      );
    }
    // Text beside the column that has sentences is kept, after the report's text, in paragraphs of its own.
    const kept = columns.beside.filter((b) => b.prose);
    const alone = (b: Beside) =>
      paragraphs(
        body.map((_, i) => (i === b.page ? b.lines : [])),
        body.map(() => undefined),
      );
    if (kept.length) {
      const on = pageList(kept);
      warnings.push(
        `第 ${on.join('、')} 页正文栏旁另有一栏文字，已放在正文之后，请核对它应在的位置 / ` +
          `page${on.length > 1 ? 's' : ''} ${on.join(', ')} ${on.length > 1 ? 'have' : 'has'} a second column of text beside the main one: it was put after the text, check where it belongs`,
      );
    }
    const text = [...paragraphs(columns.pages, columns.columns), ...kept.flatMap(alone)].join('\n');
    const visible = text.replace(/\s/g, '');
    const garbled = visible.replace(/[^\ue000-\uf8ff\ufffd\u0000-\u001f]/g, '').length;
    if (garbled > 0.3 * visible.length) {
      throw new ImportError(
        'PDF 的文字层无法识别（字体没有编码信息，复制出来是乱码）。请用 OCR 文字识别后再导入，或改用原始 Word 文件 / ' +
          "the PDF's text layer cannot be decoded (its fonts carry no character map, so copied text is garbage): run OCR on it or import the original Word file instead",
        'unreadable',
      );
    }

    const title = reportTitle(fields.Title);
    const meta: SourceMeta | undefined = title ? { title } : undefined;
    return { text, ...(warnings.length ? { warnings } : {}), ...(meta ? { meta } : {}) };
  } finally {
    await doc.destroy();
  }
}
