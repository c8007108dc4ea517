/**
 * Word import: a .docx report is read into the importer's SourceText, one line per paragraph, so
 * it then goes through the same cleaning, outline, metadata and MDX steps as plain text. mammoth
 * turns the document into HTML (heading styles become h1-h3); the HTML is read with a real parser
 * (hast), never with regexes. Images, comments and footnotes are not report text: they are
 * dropped and counted in a warning, so nothing disappears silently.
 */
import type { Element, ElementContent, Root, RootContent } from 'hast';
import { fromHtml } from 'hast-util-from-html';
import { toText } from 'hast-util-to-text';
import mammoth from 'mammoth';
import { visit, SKIP } from 'unist-util-visit';
import type { HeadingDepth } from './headings';
import { importSource } from './importer';
import { ImportError, type ImportOptions, type ImportResult, type SourceTable, type SourceText } from './types';
import { normalizeSpace, splitLines } from '../text';

/**
 * Word's built-in heading styles are named `heading 1` in the file whatever the interface language
 * (mammoth's default map covers those, case-insensitively); templates made in Chinese Word or WPS
 * may define their own `标题 1`. Only three levels are mapped: h2-h4 are all a report body uses.
 */
const STYLE_MAP = [1, 2, 3].flatMap((n) => [`p[style-name='标题 ${n}'] => h${n}:fresh`, `p[style-name='标题${n}'] => h${n}:fresh`]);

/** HTML heading -> body heading: Heading 1 is a section (h2), since the page title is the h1. */
const HEADING_DEPTH: Readonly<Record<string, HeadingDepth>> = { h1: 2, h2: 3, h3: 4 };

/** mammoth's links from the text to a footnote, endnote or comment, and the notes' own list items. */
const NOTE_REF = /^#(?:footnote|endnote|comment)-/;
const NOTE_ITEM = /^(?:footnote|endnote)-/;

/** mammoth notes that only say a style has no mapping: every custom style of a template would. */
const STYLE_NOTE = /^Unrecognised (?:paragraph|run|table|numbering) style/;

/** What reading the HTML found besides the text, for the warnings. */
interface Counts {
  images: number;
  notes: number;
  listItems: number;
  mergedCells: number;
}

const isElement = (n: RootContent | ElementContent): n is Element => n.type === 'element';

/** The lines of an element's text, whitespace-normalised, empty ones dropped. */
const textLines = (node: Element): string[] => splitLines(toText(node)).map(normalizeSpace).filter(Boolean);

/**
 * The rows of a table as a grid: a merged cell's text stays in its first slot, the slots it
 * spans are left empty (repeating the text would put words in the table twice).
 */
function tableRows(table: Element, counts: Counts): string[][] {
  const rows: Element[] = [];
  visit(table, 'element', (node) => {
    if (node === table) return;
    if (node.tagName === 'table') return SKIP; // a nested table stays inside its cell's text
    if (node.tagName === 'tr') {
      rows.push(node);
      return SKIP;
    }
  });
  const grid: string[][] = [];
  rows.forEach((tr, r) => {
    grid[r] ??= [];
    let c = 0;
    for (const cell of tr.children.filter(isElement).filter((e) => e.tagName === 'td' || e.tagName === 'th')) {
      while (grid[r][c] !== undefined) c++;
      const colSpan = Math.max(1, Number(cell.properties.colSpan) || 1);
      const rowSpan = Math.max(1, Number(cell.properties.rowSpan) || 1);
      if (colSpan > 1 || rowSpan > 1) counts.mergedCells++;
      for (let dr = 0; dr < rowSpan; dr++) {
        grid[r + dr] ??= [];
        for (let dc = 0; dc < colSpan; dc++) grid[r + dr][c + dc] = dr || dc ? '' : textLines(cell).join(' ');
      }
      c += colSpan;
    }
  });
  const width = Math.max(0, ...grid.map((row) => row.length));
  return grid.map((row) => Array.from({ length: width }, (_, i) => row[i] ?? '')).filter((row) => row.some(Boolean));
}

/**
 * Reads mammoth's HTML into a SourceText: each paragraph one line (a line break inside a paragraph,
 * as in a signature block, starts a new line), h1-h3 recorded as styled headings, each table on a
 * line of its own. `comments` is the number of comments mammoth found in the document.
 */
export function htmlToSource(html: string, comments = 0): SourceText {
  const tree: Root = fromHtml(html, { fragment: true });
  const counts: Counts = { images: 0, notes: 0, listItems: 0, mergedCells: 0 };
  visit(tree, 'element', (node, index, parent) => {
    if (node.tagName === 'img') counts.images++;
    if (node.tagName === 'a' && NOTE_REF.test(String(node.properties.href ?? '')) && parent && index !== undefined) {
      parent.children.splice(index, 1);
      return index;
    }
  });

  const lines: string[] = [];
  const headings = new Map<number, HeadingDepth>();
  const tables: SourceTable[] = [];
  const read = (nodes: readonly (RootContent | ElementContent)[]) => {
    for (const node of nodes) {
      if (node.type === 'text') lines.push(...splitLines(node.value).map(normalizeSpace).filter(Boolean));
      if (!isElement(node)) continue;
      const depth = HEADING_DEPTH[node.tagName];
      if (depth) {
        const text = textLines(node).join('');
        if (text) {
          lines.push(text);
          headings.set(lines.length, depth);
        }
      } else if (node.tagName === 'table') {
        const rows = tableRows(node, counts);
        if (rows.length) {
          lines.push('');
          tables.push({ line: lines.length, rows });
        }
      } else if (node.tagName === 'ul' || node.tagName === 'ol') {
        for (const li of node.children.filter(isElement)) {
          if (NOTE_ITEM.test(String(li.properties.id ?? ''))) {
            counts.notes++;
            continue;
          }
          // Word's automatic numbering: the item's own text, then its sub-list.
          const own = li.children.filter((c) => !(isElement(c) && (c.tagName === 'ul' || c.tagName === 'ol')));
          const text = textLines({ ...li, children: own });
          if (text.length) counts.listItems++;
          lines.push(...text);
          read(li.children.filter((c) => !own.includes(c)));
        }
      } else {
        lines.push(...textLines(node));
      }
    }
  };
  read(tree.children);

  const warnings: string[] = [];
  if (counts.images) warnings.push(`已删除 ${counts.images} 张图片（正文只收文字）/ dropped ${counts.images} image(s): a report body holds text only`);
  if (comments) warnings.push(`已删除 ${comments} 条批注 / dropped ${comments} comment(s)`);
  if (counts.notes) warnings.push(`已删除 ${counts.notes} 条脚注或尾注 / dropped ${counts.notes} footnote(s) or endnote(s)`);
  if (counts.listItems) {
    warnings.push(
      `有 ${counts.listItems} 段使用 Word 自动编号，编号本身未能导入；如是标题序号（一、（一）1.），请在 Word 中改为手写编号或标题样式后重新导入 / ` +
        `${counts.listItems} paragraph(s) use Word's automatic numbering, whose numbers are not imported; if they number headings, type the numbers or use heading styles and import again`,
    );
  }
  if (counts.mergedCells) {
    warnings.push(`表格中有 ${counts.mergedCells} 个合并单元格，已拆开，多出的格留空，请核对 / ${counts.mergedCells} merged table cell(s) were split, the extra cells left empty; please check`);
  }
  return { text: lines.join('\n'), headings, tables, warnings };
}

/** The part of mammoth's document model we read: the comments of the document. */
interface MammothDocument {
  comments?: unknown[];
}

/** Reads a .docx file (its bytes) into a SourceText. Throws ImportError when it is not a readable .docx. */
export async function readDocx(data: Uint8Array): Promise<SourceText> {
  let comments = 0;
  let result;
  try {
    result = await mammoth.convertToHtml(
      { buffer: Buffer.from(data.buffer, data.byteOffset, data.byteLength) },
      {
        styleMap: STYLE_MAP,
        // Only counted: the image bytes are never read.
        convertImage: mammoth.images.imgElement(async () => ({ src: '' })),
        transformDocument: (doc: MammothDocument) => {
          comments = doc.comments?.length ?? 0;
          return doc;
        },
      },
    );
  } catch (e) {
    throw new ImportError(`无法读取 Word 文件，文件可能已损坏或不是 .docx 格式 / cannot read the Word file; it may be damaged or not a .docx (${(e as Error).message})`, 'unreadable');
  }
  const source = htmlToSource(result.value, comments);
  const notes = [...new Set(result.messages.map((m) => m.message).filter((m) => !STYLE_NOTE.test(m)))];
  return { ...source, warnings: [...(source.warnings ?? []), ...notes.map((m) => `Word 转换提示 / Word conversion note: ${m}`)] };
}

/**
 * Imports a .docx report: headings from Word heading styles (Heading 1-3 or 标题 1-3 -> h2-h4),
 * or, for paragraphs without such a style, from their numbering text exactly as plain text;
 * tables as GFM tables; images and comments dropped with a warning. See importSource.
 */
export async function importDocx(data: Uint8Array, opts: ImportOptions = {}): Promise<ImportResult> {
  return importSource(await readDocx(data), opts);
}
