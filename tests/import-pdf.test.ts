/**
 * Reading PDF reports (src/lib/import/pdf.ts) on real PDFs: seed reports laid out as printed
 * documents and printed by headless Chromium with what printers put in the margins (the browser's
 * date/title/address/page header and footer, 公文 `— n —` page numbers, 第 n 页 共 m 页); a web
 * page with a menu and a links box beside a narrow article whose title and headings wrap; 公文
 * pages whose lines end early for a reason (a run-in list after a colon, a word kept whole across
 * quotation marks, a quotation indented as a whole); a scanned page with no text layer, and
 * encrypted and damaged files. Each PDF is printed once for the file, in beforeAll.
 */
import { fileURLToPath } from 'node:url';
import { getDocument } from 'pdfjs-dist/legacy/build/pdf.mjs';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ensureChromium } from '../bench/chromium';
import { CJK_FONTS_MISSING, ensureCjkFonts } from '../bench/fonts';
import { cleanText } from '../src/lib/import/clean';
import { headingMarker } from '../src/lib/import/headings';
import { readPdf, reportTitle, unifyIdeographs } from '../src/lib/import/pdf';
import { readSource } from '../src/lib/import/read';
import { ImportError, importSource, importText, loadPlaces, type SourceText } from '../src/lib/import/importer';
import { splitSentences } from '../src/lib/text';
import { loadReports } from '../bench/import-eval/reports';
import {
  BARE_MARGINS,
  BROWSER_MARGINS,
  columnsHtml,
  fittedHtml,
  GONGWEN_MARGINS,
  PAGE_OF_MARGINS,
  printPdf,
  reportHtml,
  scannedHtml,
  type Fit,
  type ReportText,
  type Sides,
} from './fixtures/import/pdf/print';
import { readSeed, SEEDS } from '../bench/fixtures/seeds';
import { launchBrowser } from '../bench/browser';

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

/** A CMS page's side columns: a 栏目导航 menu and 信息公开 tree, related links with dates (wrapping in the box), a QR prompt. */
const SIDES: Sides = {
  left: ['栏目导航', '· 政策法规', '· 法制建设', '· 依法行政', '· 普法宣传', '公开目录', '机构职能', '法治政府建设', '财政资金'],
  right: [
    '相关阅读',
    '前进区2019年法治政府建设年度报告 2020-02-23',
    '关于印发《前进区2021年法治政府建设工作要点》的通知 2021-03-18',
    '佳木斯市前进区人民政府关于公布2021年度重大行政决策事项目录的公告 2021-05-03',
    '扫一扫在手机打开当前页',
  ],
};
/** A notice of full sentences in the right-hand box: text of the page, not a menu. */
const NOTICE = ['温馨提示', '本栏目公开的年度报告均为正式文本。如需纸质文本，请向区司法局申请。'];

/** A paragraph of seed 004 whose line must end before `委“1310”具`, which line breaking keeps together. */
const QUOTED = seedReport(4, 0).paragraphs.find((p) => p.includes('紧密围绕省委“1310”'))!;
/** A paragraph of a written report with a list run in after a colon: `以下工作：（一）…；（二）…`. */
const RUN_IN = loadReports()
  .find((r) => r.id === 'r2-yiwu-2020')!
  .lines.find((l) => l.includes('以下工作：（一）'))!;
/** Around them, the opening and a heading of 怀化市, and three sentences of it quoted as a block indented as a whole. */
const AROUND = [HUAIHUA.paragraphs[0], HUAIHUA.paragraphs[1]];
const QUOTE = HUAIHUA.paragraphs[3].split(/(?<=。)/).slice(0, 3).join('');
const fitted = (text: string, after: string, slack: number): { blocks: (string | { quote: string })[]; fit: Fit } => ({
  blocks: [AROUND[0], text, { quote: QUOTE }, AROUND[1]],
  fit: { paragraph: 1, breakAfter: text.indexOf(after) + after.length, slack },
});
const FIT_QUOTED = fitted(QUOTED, '紧密围绕省', 5);
const FIT_RUN_IN = fitted(RUN_IN, '以下工作：', 0.4);
const fittedLines = (f: { blocks: (string | { quote: string })[] }) => [HUAIHUA.title, ...f.blocks.map((b) => (typeof b === 'string' ? b : b.quote))];

type Printed = 'browser' | 'gongwen' | 'onePage' | 'columns' | 'notice' | 'quoted' | 'runIn';
const pdfs: Partial<Record<Printed | 'scanned', Uint8Array>> = {};
const read: Partial<Record<Printed, SourceText>> = {};
let browser: Browser | undefined;

beforeAll(async () => {
  if (ensureCjkFonts() !== 0) throw new Error(CJK_FONTS_MISSING);
  if ((await ensureChromium()) !== 0) throw new Error('Chromium is required: run `tsx scripts/ensure-chromium.ts`');
  browser = await launchBrowser();
  pdfs.browser = await printPdf(browser, reportHtml(QIANJIN, 'web'), BROWSER_MARGINS);
  pdfs.gongwen = await printPdf(browser, reportHtml(HUAIHUA, 'gongwen', WORD_TITLE), GONGWEN_MARGINS);
  pdfs.onePage = await printPdf(browser, reportHtml(SHORT, 'gongwen'), PAGE_OF_MARGINS);
  pdfs.scanned = await printPdf(browser, scannedHtml(allLines(SHORT).map((l) => l.slice(0, 28))), BARE_MARGINS);
  pdfs.columns = await printPdf(browser, columnsHtml(QIANJIN, SIDES), BROWSER_MARGINS);
  pdfs.notice = await printPdf(browser, columnsHtml(SHORT, { ...SIDES, right: [...SIDES.right, ...NOTICE] }), BROWSER_MARGINS);
  pdfs.quoted = await printPdf(browser, fittedHtml(HUAIHUA.title, FIT_QUOTED.blocks, FIT_QUOTED.fit), GONGWEN_MARGINS);
  pdfs.runIn = await printPdf(browser, fittedHtml(HUAIHUA.title, FIT_RUN_IN.blocks, FIT_RUN_IN.fit), GONGWEN_MARGINS);
  await browser.close();
  browser = undefined;
  // Through the reader dispatch, as the import CLI reads a file.
  read.browser = await readSource('report.pdf', pdfs.browser);
  for (const k of ['gongwen', 'onePage', 'columns', 'notice', 'quoted', 'runIn'] as const) read[k] = await readPdf(pdfs[k]!);
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

describe('a web page printed with a menu and a links box beside the article', () => {
  // The side lines that the article does not also contain (it speaks of 法治政府建设 throughout).
  const sideLines = [...SIDES.left, ...SIDES.right].filter((l) => !allLines(QIANJIN).join('').includes(l));

  it('spans several pages, the side columns on the first', async () => {
    expect(await pageCount(pdfs.columns!)).toBeGreaterThanOrEqual(3);
  });

  it('gives back the article alone: every paragraph exactly, in order', () => {
    expect(lines(read.columns)).toEqual(allLines(QIANJIN));
  });

  it('joins the title and the headings that wrap in the narrow column', () => {
    const got = lines(read.columns);
    expect(got[0]).toBe(QIANJIN.title);
    for (const h of headingLines(QIANJIN)) expect(got).toContain(h);
  });

  it('leaves out the menu and the links, and says which lines it left out', () => {
    expect(sideLines.length).toBeGreaterThan(8);
    const text = read.columns!.text.replace(/\s/g, '');
    for (const l of sideLines) expect(text).not.toContain(l.replace(/\s/g, ''));
    expect(read.columns!.warnings).toEqual([expect.stringMatching(/^第 1 页正文栏旁的 \d+ 行（栏目导航、相关链接等，没有成句的文字）未导入：栏目导航｜· 政策法规｜.* \/ \d+ lines beside the text column on page 1/)]);
  });

  it('keeps a box of sentences beside the article, after the text, and says so', () => {
    const got = lines(read.notice);
    expect(got.slice(0, allLines(SHORT).length)).toEqual(allLines(SHORT));
    expect(got.slice(allLines(SHORT).length).join('')).toContain(NOTICE[1]);
    expect(read.notice!.warnings).toContainEqual(expect.stringMatching(/^第 1 页正文栏旁另有一栏文字，已放在正文之后/));
  });

  it('moves nothing in a PDF an office suite made: what stands beside its text there is the author’s', async () => {
    const office = await readPdf(withProducer(pdfs.columns!, 'WPS Office 12'));
    expect(office.warnings).toBeUndefined();
    // Read across the page as before, the menu's short lines among the article's.
    const text = office.text.replace(/\s/g, '');
    for (const l of SIDES.left) expect(text).toContain(l.replace(/\s/g, ''));
    const length = (lines: readonly string[]) => lines.join('').replace(/\s/g, '').length;
    expect(text.length).toBe(length([...allLines(QIANJIN), ...SIDES.left, ...SIDES.right]));
  });

  it('imports to the same title, outline and sentences as the text itself', () => {
    const fromPdf = importSource(read.columns!, { places });
    const fromText = importText(allLines(QIANJIN).join('\n'), { places });
    expect(fromPdf.frontmatter).toEqual(fromText.frontmatter);
    expect(fromPdf.body).toEqual(fromText.body);
  });
});

describe('lines that end short of the margin for a reason', () => {
  it('keeps a list run in after a colon in its paragraph (`以下工作：` then `（一）…；（二）…`)', () => {
    expect(lines(read.runIn)).toEqual(fittedLines(FIT_RUN_IN));
  });

  it('keeps a paragraph whose line ended before a word that cannot be split across quotation marks', () => {
    expect(lines(read.quoted)).toEqual(fittedLines(FIT_QUOTED));
  });

  it('keeps a quotation indented as a whole as one paragraph', () => {
    expect(QUOTE.length).toBeGreaterThan(100);
    expect(lines(read.quoted)).toContain(QUOTE);
    expect(lines(read.runIn)).toContain(QUOTE);
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

/** The PDF with its info dictionary's Producer replaced by another name of the same length (offsets kept). */
function withProducer(bytes: Uint8Array, producer: string): Uint8Array {
  const text = Buffer.from(bytes).toString('latin1');
  const m = /\/Producer \(([^)]*)\)/.exec(text);
  if (!m || m[1].length !== producer.length) throw new Error(`cannot put Producer ${producer} in place of ${m?.[1]}`);
  return new Uint8Array(Buffer.from(text.replace(m[0], `/Producer (${producer})`), 'latin1'));
}

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
