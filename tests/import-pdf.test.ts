/**
 * Reading PDF reports (src/lib/import/pdf.ts) on real PDFs: seed reports laid out as printed
 * documents and printed by headless Chromium with what printers put in the margins (the browser's
 * date/title/address/page header and footer, 公文 `— n —` page numbers, 第 n 页 共 m 页), a
 * scanned page with no text layer, and encrypted and damaged files. Each PDF is printed once for
 * the file, in beforeAll.
 */
import { fileURLToPath } from 'node:url';
import { getDocument } from 'pdfjs-dist/legacy/build/pdf.mjs';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ensureChromium } from '../scripts/ensure-chromium';
import { CJK_FONTS_MISSING, ensureCjkFonts } from '../scripts/ensure-fonts';
import { cleanText } from '../src/lib/clean';
import { headingMarker } from '../src/lib/headings';
import { readPdf, reportTitle, unifyIdeographs } from '../src/lib/import/pdf';
import { readSource } from '../src/lib/import/read';
import { ImportError, importSource, importText, loadPlaces, type SourceText } from '../src/lib/importer';
import { splitSentences } from '../src/lib/text';
import {
  BARE_MARGINS,
  BROWSER_MARGINS,
  GONGWEN_MARGINS,
  PAGE_OF_MARGINS,
  printPdf,
  reportHtml,
  scannedHtml,
  type ReportText,
} from './fixtures/import/pdf/print';
import { readSeed, SEEDS } from './fixtures/seeds';
import { launchBrowser } from './helpers/browser';

const places = loadPlaces(fileURLToPath(new URL('../content', import.meta.url)));

/** A seed's own lines (its web-page chrome removed): title first, then `signature` lines last. */
function seedReport(index: number, signature: number): ReportText {
  const lines = cleanText(readSeed(SEEDS[index])).lines.map((l) => l.text);
  return { title: lines[0], paragraphs: lines.slice(1, lines.length - signature), signature: lines.slice(lines.length - signature) };
}
const allLines = (r: ReportText) => [r.title, ...r.paragraphs, ...r.signature];

/** 前进区 2020: every heading style (一、 （一） 1、 1. and a stray `)`), issuer and date at the end. */
const QIANJIN = seedReport(1, 2);
/** 怀化市 2023: a title long enough to wrap at 22pt; no signature. */
const HUAIHUA = seedReport(2, 0);
/** A one-page report: the opening and the first section of 怀化市. */
const SHORT: ReportText = { title: HUAIHUA.title, paragraphs: HUAIHUA.paragraphs.slice(0, 3), signature: ['怀化市人民政府', '2024年2月20日'] };
/** What a Word export names its PDF: a file name, not a report title. */
const WORD_TITLE = 'Microsoft Word - 怀化市2023年法治政府建设情况报告.docx';

const pdfs: Partial<Record<'browser' | 'gongwen' | 'onePage' | 'scanned', Uint8Array>> = {};
const read: Partial<Record<'browser' | 'gongwen' | 'onePage', SourceText>> = {};
let browser: Browser | undefined;

beforeAll(async () => {
  if (ensureCjkFonts() !== 0) throw new Error(CJK_FONTS_MISSING);
  if ((await ensureChromium()) !== 0) throw new Error('Chromium is required: run `tsx scripts/ensure-chromium.ts`');
  browser = await launchBrowser();
  pdfs.browser = await printPdf(browser, reportHtml(QIANJIN, 'web'), BROWSER_MARGINS);
  pdfs.gongwen = await printPdf(browser, reportHtml(HUAIHUA, 'gongwen', WORD_TITLE), GONGWEN_MARGINS);
  pdfs.onePage = await printPdf(browser, reportHtml(SHORT, 'gongwen'), PAGE_OF_MARGINS);
  pdfs.scanned = await printPdf(browser, scannedHtml(allLines(SHORT).map((l) => l.slice(0, 28))), BARE_MARGINS);
  await browser.close();
  browser = undefined;
  // Through the reader dispatch, as the import CLI reads a file.
  read.browser = await readSource('report.pdf', pdfs.browser);
  read.gongwen = await readPdf(pdfs.gongwen);
  read.onePage = await readPdf(pdfs.onePage);
}, 600_000);

afterAll(async () => {
  await browser?.close();
});

const pageCount = async (bytes: Uint8Array) => {
  const doc = await getDocument({ data: bytes.slice(), verbosity: 0 }).promise;
  const n = doc.numPages;
  await doc.destroy();
  return n;
};
const lines = (src: SourceText | undefined) => src!.text.split('\n');

/** Source lines that are headings by their numbering (no full stop, so not a run-in paragraph). */
const headingLines = (r: ReportText) => r.paragraphs.filter((p) => headingMarker(p) && !/[。；]/.test(p));

describe('a web page printed by the browser, with its header and footer', () => {
  it('spans several pages', async () => {
    expect(await pageCount(pdfs.browser!)).toBeGreaterThanOrEqual(3);
  });

  it('gives back every paragraph exactly, in order, re-joined across line and page breaks', () => {
    expect(lines(read.browser)).toEqual(allLines(QIANJIN));
  });

  it('drops the date/title header and the address and n/m footer of every page', () => {
    const text = read.browser!.text;
    expect(text).not.toMatch(/file:\/\//);
    expect(text).not.toMatch(/^\d+\s*\/\s*\d+$/m);
    expect(text).not.toMatch(/\d{1,4}\/\d{1,2}\/\d{1,4}/);
    expect(lines(read.browser).filter((l) => l.includes(QIANJIN.title))).toEqual([QIANJIN.title]);
  });

  it('puts each heading and the issuer and date on lines of their own', () => {
    const got = lines(read.browser);
    expect(headingLines(QIANJIN).length).toBeGreaterThan(10);
    for (const h of headingLines(QIANJIN)) expect(got).toContain(h);
    expect(got.slice(-2)).toEqual(QIANJIN.signature);
  });

  it('takes the PDF title when it is the report title', () => {
    expect(read.browser!.meta).toEqual({ title: QIANJIN.title });
  });

  it('imports to the same title, outline and sentences as the text itself', () => {
    const fromPdf = importSource(read.browser!, { places });
    const fromText = importText(allLines(QIANJIN).join('\n'), { places });
    expect(fromPdf.frontmatter).toEqual(fromText.frontmatter);
    expect(fromPdf.body).toEqual(fromText.body);
    expect(fromPdf.sentences).toEqual(fromText.sentences);
    expect(fromPdf.sentences.length).toBeGreaterThan(100);
  });
});

describe('a 公文 with — n — page numbers, printed from Word', () => {
  it('spans several pages', async () => {
    expect(await pageCount(pdfs.gongwen!)).toBeGreaterThanOrEqual(3);
  });

  it('gives back every paragraph exactly, the title re-joined from its two centred lines', () => {
    expect(lines(read.gongwen)).toEqual(allLines(HUAIHUA));
    const sentences = (t: string) => t.split('\n').flatMap(splitSentences);
    expect(sentences(read.gongwen!.text)).toEqual(sentences(allLines(HUAIHUA).join('\n')));
  });

  it('leaves no page number', () => {
    expect(read.gongwen!.text).not.toMatch(/—\s*\d+\s*—/);
    expect(lines(read.gongwen).filter((l) => /^\D{0,3}\d{1,3}\D{0,3}$/.test(l))).toEqual([]);
  });

  it('ignores a PDF title that is a Word file name', () => {
    expect(read.gongwen!.meta).toBeUndefined();
  });
});

describe('a one-page report', () => {
  it('drops the browser header and the 第 n 页 共 m 页 footer by their form alone', async () => {
    expect(await pageCount(pdfs.onePage!)).toBe(1);
    expect(lines(read.onePage)).toEqual(allLines(SHORT));
  });
});

describe('PDFs that cannot be read', () => {
  const failure = async (bytes: Uint8Array) => {
    try {
      await readPdf(bytes);
    } catch (e) {
      return e;
    }
    throw new Error('readPdf did not fail');
  };

  it('refuses a scanned PDF, saying to run OCR first', async () => {
    const e = await failure(pdfs.scanned!);
    expect(e).toBeInstanceOf(ImportError);
    expect((e as ImportError).code).toBe('unreadable');
    expect((e as ImportError).message).toMatch(/^这是扫描件.*OCR.* \/ this is a scanned PDF with no text layer/);
  });

  it('refuses an encrypted PDF, saying to remove the password', async () => {
    const e = await failure(encryptedPdf());
    expect((e as ImportError).code).toBe('unreadable');
    expect((e as ImportError).message).toMatch(/^PDF 文件已加密.*密码.* \/ the PDF is encrypted/);
  });

  it('refuses a damaged or truncated file and one that is no PDF', async () => {
    for (const bytes of [pdfs.browser!.slice(0, 4000), new TextEncoder().encode('这不是 PDF 文件')]) {
      const e = await failure(bytes);
      expect((e as ImportError).code).toBe('unreadable');
      expect((e as ImportError).message).toMatch(/^PDF 文件已损坏.* \/ the file is damaged or not a PDF/);
    }
    expect(((await failure(new Uint8Array())) as ImportError).code).toBe('empty');
  });
});

describe('characters and titles', () => {
  it('maps radicals some producers write for ideographs back, and leaves punctuation alone', () => {
    expect(unifyIdeographs('⼈⺠政府⼯作，商⼾、⻔户')).toBe('人民政府工作，商户、门户');
    expect(unifyIdeographs('规划（2021―2025年）〈纲要〉，１２３！')).toBe('规划（2021—2025年）〈纲要〉，１２３！');
  });

  it('takes a report title from the PDF info, not a file name or a template name', () => {
    expect(reportTitle('关于怀化市2023年度法治政府建设情况的报告')).toBe('关于怀化市2023年度法治政府建设情况的报告');
    for (const t of [WORD_TITLE, '报告.docx', 'untitled', 'C:\\文档\\法治政府建设报告', '新建文档', undefined, 42]) expect(reportTitle(t)).toBeUndefined();
  });
});

/** A one-page PDF encrypted with a password we do not know (standard security handler, RC4). */
function encryptedPdf(): Uint8Array {
  const hex = (n: number, seed: number) => Array.from({ length: n }, (_, i) => ((i * 37 + seed) % 256).toString(16).padStart(2, '0')).join('');
  const objects = [
    '<< /Type /Catalog /Pages 2 0 R >>',
    '<< /Type /Pages /Kids [3 0 R] /Count 1 >>',
    '<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] >>',
    `<< /Filter /Standard /V 1 /R 2 /O <${hex(32, 1)}> /U <${hex(32, 2)}> /P -44 >>`,
  ];
  let out = '%PDF-1.4\n';
  const offsets = objects.map((o, i) => {
    const at = out.length;
    out += `${i + 1} 0 obj\n${o}\nendobj\n`;
    return at;
  });
  const xref = out.length;
  out += `xref\n0 ${objects.length + 1}\n0000000000 65535 f \n${offsets.map((o) => `${String(o).padStart(10, '0')} 00000 n \n`).join('')}`;
  out += `trailer\n<< /Size ${objects.length + 1} /Root 1 0 R /Encrypt 4 0 R /ID [<${hex(16, 3)}> <${hex(16, 3)}>] >>\nstartxref\n${xref}\n%%EOF\n`;
  return new TextEncoder().encode(out);
}
