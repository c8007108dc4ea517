/**
 * Reading a `.txt` report whatever its encoding. Government sites and older Windows tools still
 * save GBK (GB18030) or UTF-16 text; read as UTF-8 it would be imported as mojibake. Order: known
 * binary signatures are refused; bytes that are valid UTF-8 are UTF-8 (with or without BOM); then
 * UTF-16 by its BOM or, without one, by its NUL bytes (in the byte order that reads as text); then chardet, trusted only for
 * encodings a Chinese government text can be in. iconv-lite decodes. The decoded text must look
 * like text (few control characters) and contain Chinese, or the file is refused.
 */
import { isUtf8 } from 'node:buffer';
import chardet from 'chardet';
import iconv from 'iconv-lite';

/** The encodings a report may be read in. GB18030 is a superset of GBK and GB2312. */
export type TextEncoding = 'UTF-8' | 'UTF-16LE' | 'UTF-16BE' | 'GB18030' | 'Big5';

export interface DecodedText {
  /** The text, without BOM. */
  text: string;
  encoding: TextEncoding;
  /** Whether the file started with a byte order mark. */
  bom: boolean;
  /** What the reader should check (characters that could not be decoded). */
  warnings: string[];
}

export type TextFileErrorCode = 'not-text' | 'no-chinese';

/** A file that is not a Chinese text; the message says what the file seems to be and what to do. */
export class TextFileError extends Error {
  constructor(
    message: string,
    readonly code: TextFileErrorCode,
  ) {
    super(message);
    this.name = 'TextFileError';
  }
}

/** How an encoding is named to officials: GB18030 is what Notepad and WPS call GBK / ANSI. */
export const encodingLabel = (e: TextEncoding): string => (e === 'GB18030' ? 'GB18030（GBK）' : e);

/** chardet's names that we accept, mapped to iconv-lite's. Anything else (Japanese, Korean, Latin) is not a Chinese report. */
const DETECTED: Readonly<Record<string, TextEncoding>> = { GB18030: 'GB18030', Big5: 'Big5' };
const ICONV: Readonly<Record<TextEncoding, string>> = { 'UTF-8': 'utf8', 'UTF-16LE': 'utf-16le', 'UTF-16BE': 'utf-16be', GB18030: 'gb18030', Big5: 'big5' };

/** `bytes` decoded as `encoding` (iconv-lite; a BOM of that encoding is dropped). */
export const decodeAs = (bytes: Uint8Array, encoding: TextEncoding): string => iconv.decode(asBuffer(bytes), ICONV[encoding]);

/** File types that are often saved or renamed as .txt by mistake, by their first bytes. */
const SIGNATURES: readonly { bytes: readonly number[]; zh: string; en: string }[] = [
  { bytes: [0x25, 0x50, 0x44, 0x46, 0x2d], zh: 'PDF 文件', en: 'a PDF file' },
  { bytes: [0x50, 0x4b, 0x03, 0x04], zh: 'Word（.docx）文档或 ZIP 压缩包', en: 'a Word .docx document or a ZIP archive' },
  { bytes: [0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1], zh: '旧版 Word（.doc）或 Excel 文件', en: 'an old Word .doc or Excel file' },
  { bytes: [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a], zh: 'PNG 图片', en: 'a PNG image' },
  { bytes: [0xff, 0xd8, 0xff], zh: 'JPEG 图片', en: 'a JPEG image' },
  { bytes: [0x47, 0x49, 0x46, 0x38], zh: 'GIF 图片', en: 'a GIF image' },
  { bytes: [0x1f, 0x8b], zh: 'gzip 压缩包', en: 'a gzip archive' },
  { bytes: [0x52, 0x61, 0x72, 0x21, 0x1a, 0x07], zh: 'RAR 压缩包', en: 'a RAR archive' },
  { bytes: [0x37, 0x7a, 0xbc, 0xaf, 0x27, 0x1c], zh: '7z 压缩包', en: 'a 7z archive' },
];

const asBuffer = (b: Uint8Array) => Buffer.from(b.buffer, b.byteOffset, b.byteLength);
/** How much of a file the byte-order check reads (even, so no character is cut in two). */
const SAMPLE_BYTES = 64 * 1024;

const startsWith = (b: Uint8Array, sig: readonly number[]) => b.length >= sig.length && sig.every((x, i) => b[i] === x);

const notText = (zhWhat: string, enWhat: string) =>
  new TextFileError(
    `不是文本文件（${zhWhat}），无法按纯文本导入。请打开原文件，把报告全文复制到记事本，另存为 .txt（编码选 UTF-8）后再导入；Word 文档请直接导入 .docx 文件` +
      ` / not a text file (${enWhat}). Open the original, copy the report text into Notepad and save it as a UTF-8 .txt file, then import that; import a Word document as its .docx file`,
    'not-text',
  );

/** What a report is written in: Chinese characters, punctuation, ASCII, spaces and line breaks. */
const READABLE = /[\p{Script=Han}\p{P}\p{Zs}\u0020-\u007e\t\r\n]/u;
/** Below this share of READABLE characters, bytes with NULs are not UTF-16 text. */
const MIN_READABLE_SHARE = 0.9;
/** Share of the characters of `text` that are READABLE. */
const readableShare = (text: string) => {
  let all = 0;
  let ok = 0;
  for (const ch of text) {
    all++;
    if (READABLE.test(ch)) ok++;
  }
  return all ? ok / all : 0;
};

/**
 * UTF-16 without BOM. Its ASCII characters (digits, line breaks) put NULs in the bytes, which
 * text in any other encoding never has. The byte order is the one that reads as text: Chinese
 * characters with a 00 low byte (一 is U+4E00) blur the NUL pattern, while the wrong byte order
 * turns most characters into Hangul, Yi or private-use ones.
 */
function utf16ByNuls(b: Uint8Array): 'UTF-16LE' | 'UTF-16BE' | undefined {
  if (b.length % 2) return undefined;
  const sample = asBuffer(b.subarray(0, SAMPLE_BYTES));
  const le = readableShare(iconv.decode(sample, 'utf-16le'));
  const be = readableShare(iconv.decode(sample, 'utf-16be'));
  if (Math.max(le, be) < MIN_READABLE_SHARE) return undefined;
  return le >= be ? 'UTF-16LE' : 'UTF-16BE';
}

/** Which encoding the bytes are in, and whether they start with a BOM; undefined when none fits. */
export function detectEncoding(b: Uint8Array): { encoding: TextEncoding; bom: boolean } | undefined {
  const hasNul = b.includes(0);
  if (!hasNul && isUtf8(b)) return { encoding: 'UTF-8', bom: startsWith(b, [0xef, 0xbb, 0xbf]) };
  if (startsWith(b, [0xff, 0xfe])) return { encoding: 'UTF-16LE', bom: true };
  if (startsWith(b, [0xfe, 0xff])) return { encoding: 'UTF-16BE', bom: true };
  if (hasNul) {
    const utf16 = utf16ByNuls(b);
    return utf16 ? { encoding: utf16, bom: false } : undefined;
  }
  // On short texts chardet often rates GB18030 and Big5 alike; reports here are mainland ones, so GB18030 wins a tie.
  const best = chardet
    .analyse(b)
    .filter((m) => DETECTED[m.name])
    .sort((x, y) => y.confidence - x.confidence || (DETECTED[y.name] === 'GB18030' ? 1 : 0) - (DETECTED[x.name] === 'GB18030' ? 1 : 0))[0];
  return best ? { encoding: DETECTED[best.name], bom: false } : undefined;
}

/**
 * Control characters other than tab, line breaks and form feed: text has next to none, binary
 * data read as text is full of them. NUL is always one.
 */
const CONTROL = /[\u0000-\u0008\u000e-\u001f\u007f-\u009f]/gu;
const HAN = /\p{Script=Han}/u;
/** Share of control characters above which a file is not text. */
const MAX_CONTROL_SHARE = 0.01;
/** Share of undecodable characters above which the encoding was wrong (or the file is not text). */
const MAX_REPLACED_SHARE = 0.01;

/**
 * The text of a `.txt` report. Throws TextFileError when the file is binary (a known signature,
 * NUL bytes that are not UTF-16, control characters, undecodable bytes) or, not being empty, has
 * no Chinese character at all. Characters that could not be decoded, if few, become warnings.
 */
export function decodeText(bytes: Uint8Array): DecodedText {
  for (const s of SIGNATURES) if (startsWith(bytes, s.bytes)) throw notText(`看起来是${/^[A-Za-z0-9]/.test(s.zh) ? ' ' : ''}${s.zh}`, `it looks like ${s.en}`);
  const found = detectEncoding(bytes);
  if (!found) throw notText('含有二进制数据，或编码无法识别', 'it holds binary data, or its encoding is not one we can read');
  // iconv-lite strips the BOM.
  const text = decodeAs(bytes, found.encoding);
  const chars = Math.max(1, [...text].length);
  if ((text.match(CONTROL)?.length ?? 0) > chars * MAX_CONTROL_SHARE || text.includes('\u0000')) {
    throw notText('含有大量控制字符，像是二进制数据', 'it is full of control characters, like binary data');
  }
  // A valid UTF-8 file decodes without loss; U+FFFD in it was already in the source.
  const replaced = found.encoding === 'UTF-8' ? 0 : (text.match(/\uFFFD/g)?.length ?? 0);
  if (replaced > chars * MAX_REPLACED_SHARE) {
    throw notText(`按 ${encodingLabel(found.encoding)} 读取时有 ${replaced} 处字符无法识别`, `${replaced} characters cannot be read as ${found.encoding}`);
  }
  // An empty file is left to the importer, which says so in its own words.
  if (text.trim() && !HAN.test(text)) {
    throw new TextFileError(
      '文件中没有任何汉字，不是报告正文。请确认选对了文件；如果用记事本打开是乱码，请另存为 UTF-8 编码的 .txt 后再导入' +
        ' / the file has no Chinese characters, so it is not a report text. Check that it is the right file; if it looks garbled in Notepad, save it as a UTF-8 .txt and import that',
      'no-chinese',
    );
  }
  const warnings = replaced
    ? [`按 ${encodingLabel(found.encoding)} 读取时有 ${replaced} 处字符无法识别，已显示为“\uFFFD”，请对照原文修改 / ${replaced} characters could not be read as ${found.encoding} and show as "\uFFFD"; correct them from the original`]
    : [];
  return { text, encoding: found.encoding, bom: found.bom, warnings };
}
