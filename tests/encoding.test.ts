/**
 * Reading .txt reports in the encodings government files come in (src/lib/import/encoding.ts),
 * on real seed text encoded with iconv-lite, and refusing what is not a Chinese text.
 */
import { cpSync, existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import iconv from 'iconv-lite';
import { afterAll, describe, expect, it } from 'vitest';
import { decodeText, TextFileError } from '../src/lib/import/encoding';
import { ImportError, importText, importTextFile, loadPlaces } from '../src/lib/import/importer';
import { runImportCli } from './fixtures/import/cli';
import { readSeed, SEEDS } from '../bench/fixtures/seeds';

const CONTENT = fileURLToPath(new URL('../content', import.meta.url));
const places = loadPlaces(CONTENT);

/** The opening paragraph of the 怀化市 seed, plus a line break as in a file. */
const seed = readSeed(SEEDS[2]);
const PARAGRAPH = `${seed.split('\n').find((l) => l.startsWith('2023年,我市坚持'))!}\n`;

/** Name -> the bytes a file saved in that encoding holds. */
const encodings = (text: string): [string, Buffer, string][] => [
  ['GBK', iconv.encode(text, 'gbk'), 'GB18030'],
  ['GB18030', iconv.encode(text, 'gb18030'), 'GB18030'],
  ['UTF-16LE with BOM', iconv.encode(text, 'utf-16le', { addBOM: true }), 'UTF-16LE'],
  ['UTF-16LE without BOM', iconv.encode(text, 'utf-16le'), 'UTF-16LE'],
  ['UTF-16BE with BOM', iconv.encode(text, 'utf-16be', { addBOM: true }), 'UTF-16BE'],
  ['UTF-16BE without BOM', iconv.encode(text, 'utf-16be'), 'UTF-16BE'],
  ['UTF-8 with BOM', iconv.encode(text, 'utf8', { addBOM: true }), 'UTF-8'],
  ['UTF-8', Buffer.from(text, 'utf8'), 'UTF-8'],
];

// GBK has no code for a few characters (NBSP); this paragraph has none of them.
if (PARAGRAPH.length < 100 || iconv.decode(iconv.encode(PARAGRAPH, 'gbk'), 'gbk') !== PARAGRAPH) throw new Error('the test paragraph is not one GBK can hold');

describe('decodeText on a paragraph of a seed', () => {
  it.each(encodings(PARAGRAPH))('%s is decoded to the exact original', (_name, bytes, encoding) => {
    const d = decodeText(bytes);
    expect(d.text).toBe(PARAGRAPH);
    expect(d.encoding).toBe(encoding);
    expect(d.warnings).toEqual([]);
  });

  it('reads Big5 when the detector says so', () => {
    const traditional = '臺北市政府關於二〇二三年度法治政府建設情況的報告。本府持續推動依法行政，強化行政執法監督。\n';
    const d = decodeText(iconv.encode(traditional, 'big5'));
    expect(d).toMatchObject({ text: traditional, encoding: 'Big5' });
  });
});

describe('decodeText on whole seed files', () => {
  // GB18030 rather than GBK: some seeds hold characters (like NBSP) that GBK has no code for.
  it.each(SEEDS.map((s) => [s.file.slice(0, 3), s] as const))('seed %s in GB18030 and UTF-16 reads back exactly', (_n, s) => {
    const text = readSeed(s);
    for (const [name, bytes] of encodings(text).filter(([n]) => n !== 'GBK')) expect(decodeText(bytes).text, name).toBe(text);
  });
});

describe('decodeText refuses what is not a Chinese text', () => {
  const refused = (bytes: Uint8Array) => {
    try {
      decodeText(bytes);
    } catch (e) {
      return e as TextFileError;
    }
    throw new Error('not refused');
  };
  const NOT_TEXT = /^不是文本文件（.+）.*另存为 \.txt.* \/ not a text file \(.+\)\. .*UTF-8/;

  it.each([
    ['a PDF', Buffer.concat([Buffer.from('%PDF-1.7\n%\xe2\xe3\xcf\xd3\n1 0 obj\n', 'latin1'), Buffer.alloc(200, 7)]), /PDF 文件.*a PDF file/],
    ['a .docx renamed .txt', Buffer.concat([Buffer.from([0x50, 0x4b, 0x03, 0x04, 0x14, 0, 6, 0]), Buffer.from('[Content_Types].xml')]), /Word（\.docx）文档.*a Word \.docx document/],
    ['a PNG', Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 0x0d, 0x49, 0x48, 0x44, 0x52]), /PNG 图片.*a PNG image/],
  ])('%s, by its signature', (_name, bytes, what) => {
    const e = refused(bytes);
    expect(e.code).toBe('not-text');
    expect(e.message).toMatch(NOT_TEXT);
    expect(e.message).toMatch(what);
  });

  it('binary data with NUL bytes that are not UTF-16', () => {
    // A made-up binary record format: lengths, flags and counters, with Chinese strings between.
    const record = Buffer.concat([Buffer.from([0, 0, 0, 1, 0, 0, 0, 0, 0xff, 0x10, 0, 0]), Buffer.from('怀化市法治政府', 'utf8'), Buffer.from([0, 0, 0, 0, 0x7f, 0, 1])]);
    const e = refused(Buffer.concat(Array.from({ length: 40 }, () => record)));
    expect(e.code).toBe('not-text');
    expect(e.message).toMatch(NOT_TEXT);
  });

  it('text full of control characters', () => {
    const e = refused(Buffer.from('法治政府\x01\x02\x03\x04建设\x05\x06'.repeat(50), 'utf8'));
    expect(e.code).toBe('not-text');
    expect(e.message).toMatch(/控制字符.*control characters/);
  });

  it('text without any Chinese character', () => {
    const e = refused(Buffer.from('Annual report on the rule of law, 2023\nThe city handled 568 cases.\n', 'utf8'));
    expect(e.code).toBe('no-chinese');
    expect(e.message).toMatch(/^文件中没有任何汉字.*UTF-8 编码.* \/ the file has no Chinese characters/);
  });
});

describe('importTextFile', () => {
  it('imports a GBK seed exactly as its UTF-8 text, and says it was GB18030', () => {
    const fromGbk = importTextFile(iconv.encode(seed, 'gbk'), { places });
    const fromUtf8 = importText(seed, { places });
    expect(fromGbk.mdx).toBe(fromUtf8.mdx);
    expect(fromGbk.encoding).toBe('GB18030');
  });

  it('turns a refused file into an ImportError with the same message', () => {
    expect(() => importTextFile(Buffer.from('no Chinese here\n'), { places })).toThrowError(ImportError);
    expect(() => importTextFile(Buffer.from('%PDF-1.4\n'), { places })).toThrowError(/不是文本文件.*not a text file/);
  });
});

describe('import CLI with encoded files', () => {
  const dirs: string[] = [];
  afterAll(() => dirs.forEach((d) => rmSync(d, { recursive: true, force: true })));
  /** A content dir with the places of tests/fixtures/content-min and no reports yet. */
  const contentDir = () => {
    const dir = mkdtempSync(join(tmpdir(), 'fazhi-encoding-'));
    dirs.push(dir);
    cpSync(fileURLToPath(new URL('./fixtures/content-min/places.yaml', import.meta.url)), join(dir, 'places.yaml'));
    return dir;
  };

  it('imports a GBK .txt as the same entry as its UTF-8 text, and reports the encoding', () => {
    const dir = contentDir();
    const file = join(dir, '怀化市2023年法治政府建设报告.txt');
    writeFileSync(file, iconv.encode(seed, 'gbk'));
    const r = runImportCli(dir, [file]);
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('编码 / encoding: GB18030（GBK），已转换为 UTF-8 / converted to UTF-8');
    expect(readFileSync(join(dir, 'reports/hunan/huaihua/2023.mdx'), 'utf8')).toBe(importText(seed, { places: loadPlaces(dir) }).mdx);
  }, 30_000);

  it('exits 1 on a binary .txt and on an English-only .txt, naming the file and writing nothing', () => {
    const dir = contentDir();
    const pdf = join(dir, '报告（扫描件）.txt');
    writeFileSync(pdf, Buffer.concat([Buffer.from('%PDF-1.5\n'), Buffer.alloc(64, 0)]));
    const english = join(dir, 'report-en.txt');
    writeFileSync(english, 'Report on building a law-based government in 2023.\n');
    const r = runImportCli(dir, [pdf, english]);
    expect(r.code).toBe(1);
    expect(r.stderr).toContain(`${pdf}: 不是文本文件（看起来是 PDF 文件）`);
    expect(r.stderr).toContain('not a text file (it looks like a PDF file)');
    expect(r.stderr).toContain(`${english}: 文件中没有任何汉字`);
    expect(r.stderr).toContain('the file has no Chinese characters');
    expect(existsSync(join(dir, 'reports'))).toBe(false);
    expect(readdirSync(dir).sort()).toEqual(['places.yaml', 'report-en.txt', '报告（扫描件）.txt'].sort());
  }, 30_000);
});
