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
 *
 * Lines are made by ./pdf-lines.ts, columns and paragraphs by ./pdf-layout.ts; this module opens
 * the file, runs them page by page and reads the document's info.
 */
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { getDocument, InvalidPDFException, OPS, type PDFDocumentProxy, type PDFPageProxy } from 'pdfjs-dist/legacy/build/pdf.mjs';
import type { TextItem } from 'pdfjs-dist/types/src/display/api';
import { ImportError, type SourceMeta, type SourceText } from './types';
import { normalizeSpace } from '../text';
import { dropMargins, HAN, pageLines, unifyIdeographs, type Line } from './pdf-lines';
import { paragraphs, splitColumns, type Beside } from './pdf-layout';

export { unifyIdeographs };

/** pdf.js' CMaps (for CJK fonts without a Unicode map) and the standard 14 fonts, as file paths. */
function pdfjsData(): { cMapUrl: string; standardFontDataUrl: string } {
  const root = dirname(createRequire(import.meta.url).resolve('pdfjs-dist/package.json'));
  return { cMapUrl: join(root, 'cmaps') + '/', standardFontDataUrl: join(root, 'standard_fonts') + '/' };
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
