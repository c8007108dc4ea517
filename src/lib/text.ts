/**
 * Text utilities for Chinese report texts: whitespace, sentences, dates. No I/O, no Markdown.
 */

/** Whitespace that pasted web text carries: NBSP, ideographic space, BOM, zero-width and tabs. */
const ODD_SPACE = /[\t\v\f\u00a0\u1680\u2000-\u200a\u202f\u205f\u3000]/g;
const ZERO_WIDTH = /[\u200b-\u200d\u2060\ufeff]/g;

/**
 * Turns every kind of space into a plain space, drops zero-width characters, collapses runs of
 * spaces and trims. Single spaces inside a line are kept: some are meaningful (`“双随机 一公开”`).
 */
export function normalizeSpace(text: string): string {
  return text.replace(ZERO_WIDTH, '').replace(ODD_SPACE, ' ').replace(/ {2,}/g, ' ').trim();
}

/** Splits text into lines: `\r\n`, `\r` and Unicode line separators all end a line. */
export function splitLines(text: string): string[] {
  return text.split(/\r\n|[\r\n\u2028\u2029\u0085]/);
}

/** Length in characters (code points), which is what a reader counts, not UTF-16 units. */
export const charLength = (s: string): number => [...s].length;

/** Sentence terminators. Half-width forms are included because the sources mix both widths. */
const TERMINATORS = '。！？；!?;';
/** Closing marks that belong to the sentence they follow (`…。”`). */
const CLOSERS = '”’」』）)》〉】〕"\'';

/**
 * Splits Chinese text into sentences on 。！？；(and their half-width forms) and on newlines.
 * The terminator stays on its sentence, together with any closing quote or bracket right after it
 * (`他说：“好。”`), so joining the sentences gives back the text minus line breaks.
 * Sentences are trimmed; empty ones are dropped.
 */
export function splitSentences(text: string): string[] {
  const out: string[] = [];
  for (const line of splitLines(text)) {
    const chars = [...line];
    let buf = '';
    for (let i = 0; i < chars.length; i++) {
      buf += chars[i];
      if (!TERMINATORS.includes(chars[i])) continue;
      // Runs of terminators (`？！`) and closers stay with the sentence.
      while (i + 1 < chars.length && (TERMINATORS.includes(chars[i + 1]) || CLOSERS.includes(chars[i + 1]))) buf += chars[++i];
      const s = buf.trim();
      if (s) out.push(s);
      buf = '';
    }
    const rest = buf.trim();
    if (rest) out.push(rest);
  }
  return out;
}

const CN_DIGITS: Record<string, number> = { 〇: 0, 零: 0, O: 0, o: 0, 一: 1, 二: 2, 三: 3, 四: 4, 五: 5, 六: 6, 七: 7, 八: 8, 九: 9 };

/** 一 .. 三十一 as written in dates and outline numbers; undefined when not a plain Chinese numeral. */
export function chineseNumber(s: string): number | undefined {
  if (!s) return undefined;
  if (/^\d+$/.test(s)) return Number(s);
  const m = /^([一二三四五六七八九])?(十)?([一二三四五六七八九])?$/.exec(s);
  if (!m || (!m[1] && !m[2] && !m[3])) return undefined;
  if (m[2]) return (m[1] ? CN_DIGITS[m[1]] : 1) * 10 + (m[3] ? CN_DIGITS[m[3]] : 0);
  if (m[1] && m[3]) return undefined;
  return CN_DIGITS[(m[1] ?? m[3])!];
}

const pad = (n: number) => String(n).padStart(2, '0');

/** `YYYY-MM-DD` when the parts make a real calendar date, else undefined. */
export function isoDate(year: number, month: number, day: number): string | undefined {
  const d = new Date(Date.UTC(year, month - 1, day));
  if (d.getUTCFullYear() !== year || d.getUTCMonth() !== month - 1 || d.getUTCDate() !== day) return undefined;
  return `${year}-${pad(month)}-${pad(day)}`;
}

/** A whole line that is only a Chinese-style date: `2021年2月19日` or `二〇二一年二月十九日`. */
export const CHINESE_DATE_LINE =
  /^(\d{4}|[〇零一二三四五六七八九]{4})\s*年\s*(\d{1,2}|[一二三四五六七八九十]{1,3})\s*月\s*(\d{1,2}|[一二三四五六七八九十]{1,3})\s*日$/;

/**
 * Parses a date as the sources write it and returns `YYYY-MM-DD` (date only; a time is ignored).
 * Accepts `2021年2月19日`, `二〇二一年二月十九日`, `2021-02-23 10:03:21`, `2024/2/22`, `2024.02.22`.
 * Returns undefined for anything else or for impossible dates: dates are never guessed.
 */
export function parseDate(text: string): string | undefined {
  const s = normalizeSpace(text);
  const cn = /(\d{4}|[〇零一二三四五六七八九]{4})\s*年\s*(\d{1,2}|[一二三四五六七八九十]{1,3})\s*月\s*(\d{1,2}|[一二三四五六七八九十]{1,3})\s*日/.exec(s);
  if (cn) {
    const year = /^\d+$/.test(cn[1]) ? Number(cn[1]) : Number([...cn[1]].map((c) => CN_DIGITS[c]).join(''));
    const month = chineseNumber(cn[2]);
    const day = chineseNumber(cn[3]);
    return month && day ? isoDate(year, month, day) : undefined;
  }
  const num = /(?<!\d)(\d{4})[-/.](\d{1,2})[-/.](\d{1,2})(?!\d)/.exec(s);
  if (num) return isoDate(Number(num[1]), Number(num[2]), Number(num[3]));
  return undefined;
}
