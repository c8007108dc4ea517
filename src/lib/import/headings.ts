/**
 * Outline detection for Chinese official reports: the numbered headings (`一、` `（一）` `1.`),
 * headings that run on into their paragraph, the salutation at the top and the signature block at
 * the bottom. Works line by line on cleaned text; never rewrites a sentence.
 */
import type { SourceLine } from './clean';
import { CHINESE_DATE_LINE, charLength, parseDate } from '../text';

export type HeadingDepth = 2 | 3 | 4;

export type Block =
  | { type: 'heading'; depth: HeadingDepth; text: string; line: number }
  | { type: 'paragraph'; text: string; line: number }
  /** `漳州市人民政府:` — the addressee, kept as the opening paragraph. */
  | { type: 'salutation'; text: string; line: number }
  /** Issuer and date lines at the end, kept as the closing paragraph, one line each. */
  | { type: 'signature'; lines: string[]; issuer?: string; date?: string; line: number };

export interface Outline {
  blocks: Block[];
  /** The issuer named in the signature block. */
  issuer?: string;
  /** The signature date (成文日期), `YYYY-MM-DD`. */
  documentDate?: string;
  warnings: string[];
}

export interface HeadingMarker {
  depth: HeadingDepth;
  /** The outline number (一 -> 1); for `1.` style headings only, used to check the sequence. */
  number?: number;
  /** `1加强…`: a number with its separator lost, only a heading when it continues the sequence. */
  bare?: boolean;
  /** The line started with a stray `)`: the text to use without it. */
  repaired?: string;
}

const CN_NUM = '[一二三四五六七八九十]{1,3}';
const H2 = new RegExp(`^${CN_NUM}、`);
const H3 = new RegExp(`^[（(]${CN_NUM}[)）]`);
/** `1.` `1、` `1．`, but not a decimal (`1.97亿条`). */
const H4 = /^(\d{1,2})\s*[.．、](?!\d)/;
/**
 * `1加强…`: the separator was lost. Not when a counter or unit follows the number (`12月`,
 * `3个`), which makes it a sentence starting with a quantity.
 */
const H4_BARE = /^(\d{1,2}) ?(?![年月日号时分秒个项件次名人万亿千百元角余多家份条宗起场期批届季倍岁户所类篇部台套辆间座处率％%])(?=[\u4e00-\u9fff“"《])/;
/**
 * A line starting with a lone `)` (001: `)加强组织领导，专题研究部署。…`) is a `（二）` heading
 * whose opening paren and numeral were lost when the page was copied. We make it a level-3
 * heading and drop the `)`: it is page damage, not the report's words, and a heading that starts
 * with `)` reads as a mistake. The numeral is not restored: we never write words the report lacks.
 */
const STRAY_PAREN = /^[)）]\s*(?=\S)/;

/** Longest text, in characters, that still reads as a heading. Chinese-numeral outline items
 * (`一、` `（一）`) are unambiguous structure and run longer in practice (004 has a 75-character
 * `（二）`); arabic items also start ordinary enumerated paragraphs, so they get a stricter cap. */
export const HEADING_MAX: Record<HeadingDepth, number> = { 2: 80, 3: 80, 4: 60 };

/** The heading marker at the start of a line, if any. */
export function headingMarker(text: string): HeadingMarker | undefined {
  if (H2.test(text)) return { depth: 2 };
  if (H3.test(text)) return { depth: 3 };
  const h4 = H4.exec(text);
  if (h4) return { depth: 4, number: Number(h4[1]) };
  const bare = H4_BARE.exec(text);
  if (bare) return { depth: 4, number: Number(bare[1]), bare: true };
  if (STRAY_PAREN.test(text)) return { depth: 3, repaired: text.replace(STRAY_PAREN, '') };
  return undefined;
}

/**
 * Splits a numbered line into heading and paragraph: the heading is the text up to and including
 * the first `。`, or the whole line when it has no `。`. Returns undefined when that heading would
 * be longer than `max` characters: such a line is a paragraph that happens to start with a number.
 */
export function splitRunOn(text: string, max: number): { heading: string; rest?: string } | undefined {
  const i = text.indexOf('。');
  const heading = i >= 0 ? text.slice(0, i + 1) : text;
  if (charLength(heading) > max) return undefined;
  const rest = i >= 0 ? text.slice(i + 1).trim() : '';
  return rest ? { heading, rest } : { heading };
}

/** `漳州市人民政府:` — a short addressee line ending with a colon, nothing else in it. */
const SALUTATION = /^[^。，,；;！？!?、:：]{2,30}[:：]$/;
/** How an issuing body's name ends (人民政府, 管委会, 司法局, 街道办事处, 镇 ...). */
export const ORGAN = /(人民政府|政府|管委会|管理委员会|委员会|办公室|办公厅|办事处|局|厅|委|院|镇|乡|街道|区|县|市|州|旗|盟)$/;
/** Without a date under it, only a government's full name is taken for a signature. */
const GOVERNMENT = /(人民政府|管委会|管理委员会|办事处)$/;
const SIGNATURE_NAME = /^[^\s。，,；;：:！？!?、“”"()（）《》]{2,40}$/;

/** Detects the signature block (issuer line and/or date line) at the end of `lines`. */
export function detectSignature(lines: readonly SourceLine[]): { start: number; issuer?: string; date?: string; dateText?: string } | undefined {
  let start = lines.length;
  let date: string | undefined;
  let dateText: string | undefined;
  const last = lines[start - 1];
  if (last && CHINESE_DATE_LINE.test(last.text)) {
    date = parseDate(last.text);
    dateText = last.text;
    start--;
  }
  const prev = lines[start - 1];
  let issuer: string | undefined;
  if (prev && SIGNATURE_NAME.test(prev.text) && !headingMarker(prev.text) && (date ? ORGAN : GOVERNMENT).test(prev.text)) {
    issuer = prev.text;
    start--;
  }
  return start < lines.length ? { start, issuer, date, dateText } : undefined;
}

/**
 * Turns the body lines (title already removed) into blocks: salutation, headings, paragraphs,
 * signature. `一是…二是…` inside a paragraph is never a heading: only a marker at the start of a
 * line counts.
 */
export function parseOutline(lines: readonly SourceLine[]): Outline {
  const blocks: Block[] = [];
  const warnings: string[] = [];
  const sig = detectSignature(lines);
  const body = sig ? lines.slice(0, sig.start) : lines;
  let from = 0;

  if (body[0] && SALUTATION.test(body[0].text) && !headingMarker(body[0].text)) {
    blocks.push({ type: 'salutation', text: body[0].text, line: body[0].line });
    from = 1;
  }

  // Number of the last `1.`-style heading in the current section, to accept `2深化…` only in sequence.
  let lastItem = 0;
  for (const { text, line } of body.slice(from)) {
    const marker = headingMarker(text);
    if (!marker || (marker.bare && marker.number !== lastItem + 1)) {
      blocks.push({ type: 'paragraph', text, line });
      continue;
    }
    const split = splitRunOn(marker.repaired ?? text, HEADING_MAX[marker.depth]);
    if (!split) {
      // Too long for a heading: a paragraph. Its leading `1.` is escaped by the serializer.
      blocks.push({ type: 'paragraph', text, line });
      continue;
    }
    if (marker.repaired !== undefined) {
      warnings.push(`第 ${line} 行开头有多余的“)”，已去掉并作为三级标题 / line ${line} starts with a stray ")": dropped it and made the line a level-3 heading`);
    }
    if (marker.bare) {
      warnings.push(`第 ${line} 行编号“${marker.number}”后缺少顿号或点号，按序号作为四级标题 / line ${line}: number ${marker.number} lacks its "、" or ".", taken as a level-4 heading because it continues the numbering`);
    }
    lastItem = marker.depth === 4 ? marker.number! : 0;
    blocks.push({ type: 'heading', depth: marker.depth, text: split.heading, line });
    if (split.rest) blocks.push({ type: 'paragraph', text: split.rest, line });
  }

  if (sig) {
    const sigLines = lines.slice(sig.start);
    blocks.push({ type: 'signature', lines: sigLines.map((l) => l.text), issuer: sig.issuer, date: sig.dateText, line: sigLines[0].line });
  }
  return { blocks, issuer: sig?.issuer, documentDate: sig?.date, warnings };
}
