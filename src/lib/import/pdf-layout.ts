/**
 * A PDF's lines as paragraphs: the main text column measured on the report's own prose, what
 * stands beside it (a printed web page's menu or 信息公开 tree) taken out, and lines re-joined
 * into paragraphs across line and page breaks from the page geometry (indents, extra space,
 * short lines, font size changes), except where a block wraps within itself.
 */
import { headingMarker } from './headings';
import { bodySize, CJK, FINAL, lineOf, partsOf, percentile, type Line } from './pdf-lines';

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
export interface Beside {
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
export function splitColumns(pages: Line[][]): { pages: Line[][]; columns: (Column | undefined)[]; beside: Beside[] } {
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
export function paragraphs(pages: Line[][], columns: readonly (Column | undefined)[]): string[] {
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
