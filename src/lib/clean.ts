/**
 * Strips the page chrome that comes along when a report is copied from a government website
 * (repeated title, publisher/date/view-count lines, share and login widgets) and keeps the
 * metadata that chrome carries. Chrome is only ever recognised as a whole line, so a body
 * sentence that merely contains a chrome word (`关注`, `业主`) is never touched.
 */
import { normalizeSpace, parseDate, splitLines } from './text';

/** One non-empty line of the source, whitespace-normalised, with its 1-based line number. */
export interface SourceLine {
  text: string;
  line: number;
}

export interface CleanResult {
  /** The remaining lines, in order: title (if any), body, signature. */
  lines: SourceLine[];
  /** 发布者 / 发布机构 / 信息来源 / 来源 of the page. */
  publisher?: string;
  /** 发布日期 / 发布时间 of the page, `YYYY-MM-DD`. */
  publishedDate?: string;
  /** 成文日期 when the page states it, `YYYY-MM-DD`. */
  documentDate?: string;
  /** 发文机关 when the page states it. */
  issuer?: string;
  /** The lines dropped as chrome, for reporting. */
  removed: SourceLine[];
}

/** The share widget that ends the article on many government CMSs: everything from it on is chrome. */
const CHROME_TAIL = /^扫一扫在手机(上)?打开(当前页|本页)?$/;

/** Whole lines of widget text. Exact matches only: these words also occur inside real sentences. */
const CHROME_LINES = new Set([
  '招标',
  '业主',
  '-',
  '关注我们可获得更多采购需求',
  '关注',
  '相关推荐',
  '返回首页',
  '收藏',
  '登录',
  '最近搜索',
  '热门搜索',
]);
const CHROME_PATTERNS = [/^标签[:：]/, /^\d+人觉得有用$/];

/** Labels of the page's metadata line(s). `信息来源` before `来源` so the longer label wins. */
const META_LABEL =
  /(发布者|发布机构|发布单位|发布日期|发布时间|成文日期|发文机关|信息来源|来源|浏览次数|访问次数|点击数|阅读次数|作者|字号|索引号|文号)\s*[:：]/g;

/** Reads `label:value` pairs when the line is nothing but such pairs, else undefined. */
export function parseMetaLine(text: string): Map<string, string> | undefined {
  // A metadata line is short and is not prose; a body sentence never starts with `发布者:`.
  if (text.length > 160 || text.includes('。')) return undefined;
  const matches = [...text.matchAll(META_LABEL)];
  if (!matches.length || matches[0].index !== 0) return undefined;
  const fields = new Map<string, string>();
  matches.forEach((m, i) => {
    const end = i + 1 < matches.length ? matches[i + 1].index : text.length;
    const value = normalizeSpace(text.slice(m.index + m[0].length, end));
    if (!fields.has(m[1])) fields.set(m[1], value);
  });
  return fields;
}

const isChrome = (text: string) =>
  CHROME_LINES.has(text) || (text.length <= 40 && CHROME_PATTERNS.some((re) => re.test(text)));

/** How far into the text a repeated title line is looked for. */
const TITLE_REPEAT_WINDOW = 6;

/**
 * Removes page chrome and empty lines from a pasted report and extracts the metadata the chrome
 * carries. The first line is left in place even when it is a title: deciding what a title is
 * belongs to the importer; only its repetitions are chrome.
 */
export function cleanText(raw: string): CleanResult {
  const all = splitLines(raw)
    .map((t, i) => ({ text: normalizeSpace(t), line: i + 1 }))
    .filter((l) => l.text !== '');
  const result: CleanResult = { lines: [], removed: [] };

  const tail = all.findIndex((l) => CHROME_TAIL.test(l.text));
  const candidates = tail >= 0 ? all.slice(0, tail) : all;
  if (tail >= 0) result.removed.push(...all.slice(tail));

  for (const l of candidates) {
    const meta = parseMetaLine(l.text);
    if (meta) {
      result.publisher ??= meta.get('发布者') || meta.get('发布机构') || meta.get('发布单位') || meta.get('信息来源') || meta.get('来源') || undefined;
      const published = meta.get('发布日期') ?? meta.get('发布时间');
      if (published) result.publishedDate ??= parseDate(published);
      const signed = meta.get('成文日期');
      if (signed) result.documentDate ??= parseDate(signed);
      result.issuer ??= meta.get('发文机关') || undefined;
      result.removed.push(l);
      continue;
    }
    if (isChrome(l.text)) {
      result.removed.push(l);
      continue;
    }
    // CMS pages print the title twice (page heading and article heading).
    const first = result.lines[0];
    if (first && l.text === first.text && result.lines.length < TITLE_REPEAT_WINDOW) {
      result.removed.push(l);
      continue;
    }
    result.lines.push(l);
  }
  result.removed.sort((a, b) => a.line - b.line);
  return result;
}
