/**
 * Reading numbers as the reports write them: `568宗`, `综合纠错率28.42%`, `1.97亿条`, `2.18万余场次`,
 * `1000余万元`, full-width `２８．４２％`. Arabic digits only (the reports state their figures in
 * digits; `一名法律顾问` is prose, not data). A redaction (`*****`) is never a number, nor part of one.
 */

/** Words before a number that make it approximate: 近 (nearly), 约 (about), 逾/超/超过 (over). */
const APPROX_BEFORE = ['超过', '多达', '近', '约', '逾', '超'] as const;
/** Words after the digits (or after 万/亿) that make it approximate: 余, 多 (more than). */
const APPROX_AFTER = ['余', '多'] as const;
/** Words after the unit that make it approximate: 以上 (or more), 左右 (about). */
const APPROX_TAIL = ['以上', '左右'] as const;

/**
 * Counting words and currency that follow a number, longest first so `人次` wins over `人`.
 * `万元` and `亿元` are not here: 万/亿 are read as scales, then `元` as the unit.
 */
export const UNITS: readonly string[] = [
  '个百分点', '个工作日', '平方米', '个月', '小时', '公里', '公斤',
  '人次', '家次', '户次', '件次', '场次', '批次', '车次', '项次', '期次', '个次',
  '%', '％', '‰', '元', '件', '宗', '起', '次', '场', '条', '卷', '人', '名', '位', '项', '份', '个',
  '家', '户', '本', '处', '期', '篇', '部', '类', '所', '批', '轮', '天', '日', '年', '月', '倍',
  '张', '册', '套', '台', '辆', '吨', '亩', '米', '间', '座', '栋', '支', '组', '队', '节', '届', '笔', '单', '封', '章', '例',
].sort((a, b) => b.length - a.length);

const DIGIT = '[0-9０-９]';
const INT = `(?:${DIGIT}{1,3}(?:,${DIGIT}{3})+|${DIGIT}+)`;
const DECIMAL = `${INT}(?:[.．]${DIGIT}+)?`;
/** Nothing numeric (and no redaction mark) may touch the digits on either side. */
const NOT_AFTER = `(?<!${DIGIT}|${DIGIT},|[.．*＊])`;
const NOT_BEFORE = `(?!${DIGIT}|[.．]${DIGIT}|[*＊])`;
const escape = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/**
 * Regex source of one number as the reports write it, without its unit: optional 近/约 before,
 * the digits (half- or full-width, `1,234` grouping, a decimal part), then 万/亿 and 余/多 in
 * either order (`46万余`, `1000余万`). No capture groups, so it composes into larger patterns.
 */
export const NUMBER_SOURCE =
  `(?:${APPROX_BEFORE.join('|')})?${NOT_AFTER}${DECIMAL}${NOT_BEFORE}` +
  `(?:[万亿](?:${APPROX_AFTER.join('|')})?|(?:${APPROX_AFTER.join('|')})[万亿]?)?`;

/**
 * Regex source of the unit alternatives `units`, each refusing to be the start of a longer known
 * unit that is not itself listed (`人` does not match the `人` of `287人次`).
 */
export function unitSource(units: readonly string[]): string {
  const alts = [...units]
    .sort((a, b) => b.length - a.length)
    .map((u) => {
      const longer = UNITS.filter((l) => l.length > u.length && l.startsWith(u) && !units.includes(l)).map((l) => escape(l.slice(u.length)));
      return escape(u) + (longer.length ? `(?!${longer.join('|')})` : '');
    });
  return `(?:${alts.join('|')})`;
}

const PARTS = new RegExp(
  `^(?<before>${APPROX_BEFORE.join('|')})?(?<digits>${DECIMAL})(?:(?<scale1>[万亿])(?<after1>${APPROX_AFTER.join('|')})?|(?<after2>${APPROX_AFTER.join('|')})(?<scale2>[万亿])?)?(?:(?<unit>${unitSource(UNITS)})(?<tail>${APPROX_TAIL.join('|')})?)?$`,
);
const FIND = new RegExp(`${NUMBER_SOURCE}(?:${unitSource(UNITS)}(?:${APPROX_TAIL.join('|')})?)?`, 'g');

/** Regex source of an optional 以上/左右 after a unit, to follow `unitSource` in a composed pattern. */
export const APPROX_TAIL_SOURCE = `(?:${APPROX_TAIL.join('|')})?`;

/** A number read from report text. */
export interface ParsedNumber {
  /** The number with 万/亿 multiplied out: `1.97亿条` -> 197000000, `46万余元` -> 460000, `28.42%` -> 28.42. */
  value: number;
  /** The digits as written, in half-width form and without grouping commas: `2.18`, `59.036`. */
  digits: string;
  /** 万 or 亿 when the text scales the number. */
  scale?: '万' | '亿';
  /** The counting word or currency, without the scale: `件`, `人次`, `元`, `%` (`％` is read as `%`). */
  unit?: string;
  /** Everything after the digits exactly as written: `万余元`, `亿条`, `％`, `件以上`. Empty when nothing follows. */
  rawUnit: string;
  /** True when the text says 余/多/近/约/逾/超/以上/左右 (more than, about). */
  approximate: boolean;
  /** The word that makes it approximate (余, 多, 近, 约, 以上 ...). */
  approxWord?: string;
  /** True for a percentage. */
  percent: boolean;
}

/** A number found in a sentence, with where it is. */
export interface NumberMatch extends ParsedNumber {
  /** The matched text, from any 近/约 to the end of the unit: `400余卷`, `约3000人`. */
  text: string;
  /** Offset of `text` in the sentence (UTF-16 units, as String#slice counts). */
  index: number;
  /** Offset just after `text`. */
  end: number;
}

const FULL_WIDTH = /[０-９．％]/g;

/** Full-width digits, `．` and `％` to their half-width forms (nothing else changes). */
export function toHalfWidth(s: string): string {
  return s.replace(FULL_WIDTH, (c) => String.fromCharCode(c.charCodeAt(0) - 0xfee0));
}

/** Multiplies a decimal string by 10^exp exactly (no binary floating-point drift: 59.036万 -> 590360). */
function shiftDecimal(digits: string, exp: number): number {
  if (!exp) return Number(digits);
  const [int, frac = ''] = digits.split('.');
  const padded = frac.padEnd(exp, '0');
  const rest = padded.slice(exp);
  return Number(`${int}${padded.slice(0, exp)}${rest ? `.${rest}` : ''}`);
}

/**
 * Reads one number expression such as `568宗`, `28.42%`, `２４４件`, `1.97亿条`, `2.18万余场次`,
 * `1000余万元` or `约3000人`. The whole text (trimmed) must be the number and its unit; anything
 * else (a redaction, a word, two numbers) gives undefined.
 */
export function parseChineseNumber(text: string): ParsedNumber | undefined {
  const m = PARTS.exec(text.trim());
  if (!m?.groups) return undefined;
  const g = m.groups;
  const digits = toHalfWidth(g.digits).replace(/,/g, '');
  const scale = (g.scale1 ?? g.scale2) as ParsedNumber['scale'];
  const approxWord = g.before ?? g.after1 ?? g.after2 ?? g.tail;
  const unit = g.unit === '％' ? '%' : g.unit;
  const rawUnit = text.trim().slice((g.before ?? '').length + g.digits.length);
  return {
    value: shiftDecimal(digits, scale === '亿' ? 8 : scale === '万' ? 4 : 0),
    digits,
    ...(scale && { scale }),
    ...(unit && { unit }),
    rawUnit,
    approximate: approxWord !== undefined,
    ...(approxWord && { approxWord }),
    percent: unit === '%',
  };
}

/**
 * Every number in `sentence`, in order, each with its unit when one follows. Digits touching a
 * redaction mark (`5*****件`, `*****份`) are skipped: the real figure is hidden, so there is none.
 */
export function findNumbers(sentence: string): NumberMatch[] {
  const out: NumberMatch[] = [];
  for (const m of sentence.matchAll(FIND)) {
    const parsed = parseChineseNumber(m[0]);
    if (parsed) out.push({ ...parsed, text: m[0], index: m.index, end: m.index + m[0].length });
  }
  return out;
}

/** True when the unit is money (`元`, including `万元` and `亿元` once the scale is read). */
export const isMoney = (n: Pick<ParsedNumber, 'unit'>): boolean => n.unit === '元';

/**
 * A sum of money in 万元, the registry unit of finesAmount: `46万余元` -> 46, `1000余万元` -> 1000,
 * `3500元` -> 0.35. Undefined when the number is not money.
 */
export function toWanYuan(n: Pick<ParsedNumber, 'unit' | 'value'>): number | undefined {
  // Dividing exact integers by 10^4 gives the nearest double, the same as writing the decimal out.
  return isMoney(n) ? n.value / 10_000 : undefined;
}
