/**
 * The text of a saved web page from its bytes: a byte order mark, then the charset the page
 * declares (unless the bytes are valid UTF-8, as a browser re-saves them), then detection as for
 * .txt files (./encoding.ts). Undecodable characters become a warning, or an error when many.
 */
import { isUtf8 } from 'node:buffer';
import { ImportError } from './types';
import { decodeAs, detectEncoding, encodingLabel, type TextEncoding } from './encoding';

/**
 * Charset labels a page may declare, as the WHATWG Encoding Standard maps them: every GB label
 * is read as GB18030 (a superset, so a page declaring gb2312 but using GBK characters still
 * reads right), every Big5 label as Big5-HKSCS (iconv-lite's `big5`).
 */
const CHARSET_LABELS: readonly [RegExp, TextEncoding][] = [
  [/^(?:utf-?8|unicode-1-1-utf-8)$/, 'UTF-8'],
  [/^(?:gb2312|gbk|gb18030|x-gbk|cp936|windows-936|ms936|csgb2312|chinese|iso-ir-58|euc-cn|csiso58gb231280)$/, 'GB18030'],
  [/^(?:big5|big5-hkscs|cn-big5|csbig5|x-x-big5|x-big5|cp950)$/, 'Big5'],
];

/** How far into the file a charset declaration is looked for (browsers look at the first 1024 bytes; saved pages put comments first). */
const PRESCAN_BYTES = 8192;

/** The charset label a page declares in `<meta charset>` or `<meta http-equiv="Content-Type">`, lowercased. */
export function declaredCharset(bytes: Uint8Array): string | undefined {
  const head = Buffer.from(bytes.buffer, bytes.byteOffset, Math.min(bytes.byteLength, PRESCAN_BYTES)).toString('latin1').replace(/<!--[\s\S]*?-->/g, '');
  for (const tag of head.match(/<meta\b[^>]*>/gi) ?? []) {
    const m = /charset\s*=\s*["']?\s*([\w.:-]+)/i.exec(tag);
    if (m) return m[1].toLowerCase();
  }
  return undefined;
}

export interface DecodedHtml {
  html: string;
  encoding: TextEncoding;
  warnings: string[];
}

const startsWith = (b: Uint8Array, sig: readonly number[]) => b.length >= sig.length && sig.every((x, i) => b[i] === x);
/** Share of undecodable characters above which the page was not in the encoding we read it in. */
const MAX_REPLACED_SHARE = 0.01;

/**
 * The text of a saved page. Order: a byte order mark; then the charset the page declares, except
 * that bytes which are valid UTF-8 are UTF-8 (browsers that save a page re-encode it as UTF-8 and
 * may leave the old `charset=gb2312` in place; GBK or Big5 text is never valid UTF-8); then
 * detection as for .txt files. Undecodable characters become a warning.
 */
export function decodeHtml(bytes: Uint8Array): DecodedHtml {
  const warnings: string[] = [];
  let encoding: TextEncoding | undefined;
  if (startsWith(bytes, [0xef, 0xbb, 0xbf])) encoding = 'UTF-8';
  else if (startsWith(bytes, [0xff, 0xfe])) encoding = 'UTF-16LE';
  else if (startsWith(bytes, [0xfe, 0xff])) encoding = 'UTF-16BE';
  else {
    const label = declaredCharset(bytes);
    const declared = label ? CHARSET_LABELS.find(([re]) => re.test(label))?.[1] : undefined;
    const hasNonAscii = bytes.some((b) => b >= 0x80);
    if (isUtf8(bytes) && (hasNonAscii || !declared)) encoding = 'UTF-8';
    else if (declared && declared !== 'UTF-8') encoding = declared;
    else encoding = detectEncoding(bytes)?.encoding;
    if (label && !declared) warnings.push(`网页声明的编码“${label}”不是中文网页常用编码，已按 ${encodingLabel(encoding ?? 'UTF-8')} 读取，请核对 / the page declares charset "${label}", which we do not read; read as ${encoding ?? 'UTF-8'}, please check`);
  }
  if (!encoding) {
    throw new ImportError(
      '无法识别网页文件的编码，文件可能已损坏或不是网页。请在浏览器中打开该网页，用“另存为…网页，仅 HTML”重新保存后再导入 / cannot tell the encoding of the web page; it may be damaged or not a web page. Open it in a browser, save it again as "Web page, HTML only" and import that',
      'not-text',
    );
  }
  const html = decodeAs(bytes, encoding);
  const replaced = isUtf8(bytes) ? 0 : (html.match(/\uFFFD/g)?.length ?? 0);
  if (replaced > [...html].length * MAX_REPLACED_SHARE) {
    throw new ImportError(
      `按 ${encodingLabel(encoding)} 读取网页时有 ${replaced} 处字符无法识别，文件可能已损坏或不是网页 / ${replaced} characters of the web page cannot be read as ${encoding}; it may be damaged or not a web page`,
      'not-text',
    );
  }
  if (replaced) warnings.push(`按 ${encodingLabel(encoding)} 读取网页时有 ${replaced} 处字符无法识别，已显示为“\uFFFD”，请对照原网页修改 / ${replaced} characters could not be read as ${encoding} and show as "\uFFFD"; correct them from the page`);
  return { html, encoding, warnings };
}
