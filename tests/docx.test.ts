import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import {
  CommentRangeEnd,
  CommentRangeStart,
  CommentReference,
  Document,
  HeadingLevel,
  ImageRun,
  Packer,
  Paragraph,
  Table,
  TableCell,
  TableRow,
  TextRun,
  type IParagraphStyleOptions,
} from 'docx';
import type { Nodes, Table as MdastTable } from 'mdast';
import { visit } from 'unist-util-visit';
import { afterAll, describe, expect, it } from 'vitest';
import { main } from '../src/lib/import/cli';
import { checkContent } from '../src/lib/content/check';
import { htmlToSource, importDocx, readDocx } from '../src/lib/import/docx';
import { ImportError, importText, loadPlaces } from '../src/lib/import/importer';
import { mdxToPlainText, parseMdx, splitMdxFile } from '../src/lib/content/mdx';

const CONTENT = fileURLToPath(new URL('../content', import.meta.url));
const places = loadPlaces(CONTENT);

const TITLE = '怀化市人民政府关于2023年度法治政府建设情况的报告';
const OPENING = '2023年，我市深入推进法治政府建设，各项工作取得新成效。';
/** Text MDX would otherwise read as JSX, an expression or emphasis; a redaction of the source. */
const TRICKY = '全年收到<意见>{共3条}，涉及企业*****家。';
const SIGNATURE = ['怀化市人民政府', '2024年3月20日'];

/** A 1×1 PNG. */
const PNG = Buffer.from('iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNkYPhfDwAChwGA60e6kgAAAABJRU5ErkJggg==', 'base64');

const p = (text: string) => new Paragraph(text);
/** The issuer and date in one paragraph, split by a line break, as Word users type a signature. */
const signature = () => new Paragraph({ children: [new TextRun(SIGNATURE[0]), new TextRun({ text: SIGNATURE[1], break: 1 })] });

async function build(children: (Paragraph | Table)[], opts: { styles?: IParagraphStyleOptions[]; comment?: string } = {}): Promise<Buffer> {
  const doc = new Document({
    styles: { paragraphStyles: opts.styles ?? [] },
    ...(opts.comment ? { comments: { children: [{ id: 0, author: '审核人', initials: 'SH', date: new Date(0), children: [p(opts.comment)] }] } } : {}),
    sections: [{ children }],
  });
  return Packer.toBuffer(doc);
}

const headingLines = (body: string) => body.split('\n').filter((l) => l.startsWith('#'));

function nodeTypes(mdx: string): Set<string> {
  const types = new Set<string>();
  visit(parseMdx(mdx) as Nodes, (n) => void types.add(n.type));
  return types;
}
const UNSAFE = ['mdxJsxFlowElement', 'mdxJsxTextElement', 'mdxFlowExpression', 'mdxTextExpression', 'mdxjsEsm', 'emphasis', 'strong', 'html'];

/** Runs the import CLI into a fresh content dir with a copy of places.yaml; returns the dir and output. */
const dirs: string[] = [];
afterAll(() => dirs.forEach((d) => rmSync(d, { recursive: true, force: true })));
async function importIntoContentDir(docx: Buffer) {
  const dir = mkdtempSync(join(tmpdir(), 'fazhi-docx-'));
  dirs.push(dir);
  cpSync(join(CONTENT, 'places.yaml'), join(dir, 'places.yaml'));
  const file = join(dir, '报告.docx');
  writeFileSync(file, docx);
  const out: string[] = [];
  const err: string[] = [];
  const code = await main([file, '--out', dir], { log: (s) => out.push(s), error: (s) => err.push(s) });
  return { dir, file, code, out: out.join('\n'), err: err.join('\n') };
}

describe('Word heading styles', () => {
  // The same outline written with the built-in styles and with styles named 标题 1-3, as Chinese
  // templates define them. The headings carry no numbering: the levels can only come from the styles.
  const cnStyles: IParagraphStyleOptions[] = [1, 2, 3].map((n) => ({ id: `CnHeading${n}`, name: `标题 ${n}`, basedOn: 'Normal', run: { bold: true } }));
  const heading = (text: string, n: 1 | 2 | 3, cn: boolean) =>
    cn ? new Paragraph({ text, style: `CnHeading${n}` }) : new Paragraph({ text, heading: [HeadingLevel.HEADING_1, HeadingLevel.HEADING_2, HeadingLevel.HEADING_3][n - 1] });
  const doc = (cn: boolean) =>
    build(
      [
        new Paragraph({ text: TITLE, heading: HeadingLevel.TITLE }),
        p(OPENING),
        heading('主要工作和成效', 1, cn),
        heading('加强组织领导', 2, cn),
        heading('强化学法用法', 3, cn),
        p('全年组织集中学法4次。'),
        heading('存在的不足和下一步打算', 1, cn),
        p('对照新要求，仍有差距。'),
        signature(),
      ],
      { styles: cn ? cnStyles : [] },
    );

  it.each([
    ['Heading 1/2/3', false],
    ['标题 1/2/3', true],
  ])('%s become h2/h3/h4', async (_, cn) => {
    const r = await importDocx(await doc(cn), { places });
    expect(headingLines(r.body)).toEqual(['## 主要工作和成效', '### 加强组织领导', '#### 强化学法用法', '## 存在的不足和下一步打算']);
    expect(r.placeId).toBe('hunan/huaihua');
    expect(r.frontmatter).toMatchObject({ title: TITLE, year: 2023, issuer: '怀化市人民政府', documentDate: '2024-03-20', draft: true });
    expect(r.body.startsWith(`${OPENING}\n\n## 主要工作和成效`)).toBe(true);
    expect(r.body.trimEnd().endsWith(`${SIGNATURE[0]}\\\n${SIGNATURE[1]}`)).toBe(true);
  });
});

describe('numbering-text headings only', () => {
  const lines = [
    TITLE,
    '怀化市人民代表大会常务委员会：',
    OPENING,
    '一、主要工作和成效',
    '（一）加强组织领导。市政府常务会议专题研究法治政府建设4次。',
    '1.强化学法用法',
    TRICKY,
    'import 与 export 开头的句子不是代码。',
    '2.推进严格执法',
    '全年办理行政复议案件244件，综合纠错率12.5%。',
    '二、存在的不足和下一步打算',
    '对照新要求，仍有差距。',
  ];
  const docx = build([...lines.map(p), signature()]);

  it('outlines and escapes exactly as the text importer does with the same text', async () => {
    const fromWord = await importDocx(await docx, { places });
    const fromText = importText([...lines, ...SIGNATURE].join('\n'), { places });
    expect(fromWord.mdx).toBe(fromText.mdx);
    expect(fromWord.warnings).toEqual(fromText.warnings);
    expect(headingLines(fromWord.body)).toEqual([
      '## 一、主要工作和成效',
      '### （一）加强组织领导。',
      '#### 1.强化学法用法',
      '#### 2.推进严格执法',
      '## 二、存在的不足和下一步打算',
    ]);
    expect(fromWord.frontmatter).toMatchObject({ title: TITLE, issuer: '怀化市人民政府', documentDate: '2024-03-20', draft: true });
  });

  it('escapes < { and ***** so MDX shows them as text', async () => {
    const r = await importDocx(await docx, { places });
    expect(r.body).toContain('\\*\\*\\*\\*\\*');
    expect(mdxToPlainText(r.mdx)).toContain(TRICKY);
    expect(mdxToPlainText(r.mdx)).toContain('import 与 export 开头的句子不是代码。');
    expect([...nodeTypes(r.mdx)].filter((t) => UNSAFE.includes(t))).toEqual([]);
  });

  it('prefills the indicators of the new entry, marked for checking', async () => {
    const r = await importDocx(await docx, { places });
    expect(r.frontmatter.indicators.reconsiderationReceived).toMatchObject({ value: 244, note: expect.stringMatching(/^待核对（自动提取）/) });
  });

  it('writes an entry that passes the content check', async () => {
    const { dir, code, out } = await importIntoContentDir(await docx);
    expect(code).toBe(0);
    expect(out).toContain('已新建 / created');
    expect((await checkContent(dir)).filter((x) => x.severity === 'error')).toEqual([]);
  });
});

describe('tables, images and comments', () => {
  const ROWS = [
    ['项目', '数量（件）'],
    ['行政复议<案件>', '244'],
    ['{备注}', '*****'],
    ['a|b', ''],
  ];
  const cell = (text: string, columnSpan?: number) => new TableCell({ children: text ? [p(text)] : [], ...(columnSpan ? { columnSpan } : {}) });
  const docx = build(
    [
      p(TITLE),
      p(OPENING),
      p('一、主要工作和成效'),
      new Paragraph({
        children: [
          new TextRun('全年办理'),
          new CommentRangeStart(0),
          new TextRun('行政复议案件244件'),
          new CommentRangeEnd(0),
          new TextRun({ children: [new CommentReference(0)] }),
          new TextRun('，详见下表。'),
        ],
      }),
      new Table({ rows: [...ROWS.map((r) => new TableRow({ children: r.map((c) => cell(c)) })), new TableRow({ children: [cell('合计见上', 2)] })] }),
      new Paragraph({ children: [new TextRun('现场照片：'), new ImageRun({ type: 'png', data: PNG, transformation: { width: 20, height: 20 } })] }),
      new Paragraph({ children: [new ImageRun({ type: 'png', data: PNG, transformation: { width: 20, height: 20 } })] }),
      p('二、存在的不足和下一步打算'),
      p('对照新要求，仍有差距。'),
      signature(),
    ],
    { comment: '请核实这个数字' },
  );

  it('keeps the table as a GFM table that parses back to a table node, cell text escaped', async () => {
    const r = await importDocx(await docx, { places });
    const tables: MdastTable[] = [];
    visit(parseMdx(r.mdx), 'table', (t) => void tables.push(t));
    expect(tables).toHaveLength(1);
    expect(tables[0].children.map((row) => row.children.length)).toEqual([2, 2, 2, 2, 2]);
    // The merged cell keeps its text in its first slot; the slot it spanned is left empty.
    const texts = tables[0].children.map((row) => row.children.map((c) => (c.children[0] && 'value' in c.children[0] ? c.children[0].value : '')));
    expect(texts).toEqual([...ROWS, ['合计见上', '']]);
    expect(r.body).toMatch(/^\| 项目 +\| 数量（件） +\|$/m);
    expect(r.body).toContain('a\\|b');
    expect([...nodeTypes(r.mdx)].filter((t) => UNSAFE.includes(t))).toEqual([]);
    // The table stands where it stood: after the paragraph that announces it.
    expect(r.body.indexOf('详见下表。')).toBeLessThan(r.body.indexOf('| 项目'));
    expect(r.body.indexOf('| 合计见上')).toBeLessThan(r.body.indexOf('现场照片：'));
  });

  it('drops the images and the comment, counting them in warnings', async () => {
    const r = await importDocx(await docx, { places });
    expect(r.warnings).toEqual(
      expect.arrayContaining([
        '已删除 2 张图片（正文只收文字）/ dropped 2 image(s): a report body holds text only',
        '已删除 1 条批注 / dropped 1 comment(s)',
        expect.stringContaining('1 merged table cell(s)'),
      ]),
    );
    expect(r.mdx).not.toContain('请核实这个数字');
    expect(r.mdx).not.toMatch(/<img|!\[|\[SH1\]/);
    // The commented words stay in their sentence.
    expect(mdxToPlainText(r.mdx)).toContain('全年办理行政复议案件244件，详见下表。');
    expect(mdxToPlainText(r.mdx)).toContain('现场照片：');
  });

  it('writes an entry that passes the content check, as a draft, and prints the warnings', async () => {
    const { dir, code, out } = await importIntoContentDir(await docx);
    expect(code).toBe(0);
    expect(out).toContain('dropped 2 image(s)');
    expect(out).toContain('dropped 1 comment(s)');
    expect((await checkContent(dir)).filter((x) => x.severity === 'error')).toEqual([]);
    const { data } = splitMdxFile(readFileSync(join(dir, 'reports/hunan/huaihua/2023.mdx'), 'utf8'));
    expect(data.draft).toBe(true);
  });
});

describe('readDocx and htmlToSource', () => {
  it('rejects a file that is not a .docx with an ImportError', async () => {
    await expect(readDocx(Buffer.from('plain text, not a zip'))).rejects.toBeInstanceOf(ImportError);
  });

  it('turns Word automatic numbering into paragraphs, warning that the numbers are lost', () => {
    const src = htmlToSource('<p>2023年工作。</p><ol><li>加强领导<ol><li>学法</li></ol></li><li>严格执法</li></ol>');
    expect(src.text.split('\n')).toEqual(['2023年工作。', '加强领导', '学法', '严格执法']);
    expect(src.warnings?.join('\n')).toContain("3 paragraph(s) use Word's automatic numbering");
  });

  it('drops footnote references and footnotes', () => {
    const src = htmlToSource('<p>正文<sup><a href="#footnote-1" id="footnote-ref-1">[1]</a></sup>。</p><ol><li id="footnote-1"><p>注释 <a href="#footnote-ref-1">↑</a></p></li></ol>');
    expect(src.text).toBe('正文。');
    expect(src.warnings?.join('\n')).toContain('dropped 1 footnote(s)');
  });
});
