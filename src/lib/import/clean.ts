/**
 * Strips the page chrome that comes along when a report is copied from a government website (or
 * read from a PDF printed from one) and keeps the metadata that chrome carries. What chrome is
 * lives in the named rules of ./import/chrome.ts; this module applies them line by line, reads the
 * gov.cn metadata block and the 发布时间…来源 line before dropping them, and drops the repeated
 * title line. Chrome is only ever recognised as a whole line (or, for a menu copied one item per
 * line, a run of short lines above the report), and a line of prose never is, so a body sentence
 * that merely contains a chrome word (`关注`, `业主`, `浏览`) is never touched.
 */
import { chromeRule, MENU_RUN, menuRunLines, pageTitleOf } from './chrome';
import { isProse } from './lines';
import { infoLineDate, isMetaValue, metaFieldOf, metaLabel, parseMetaFields, type MetaField } from './meta-fields';
import { normalizeSpace, parseDate, splitLines } from '../text';

/** One non-empty line of the source, whitespace-normalised, with its 1-based line number. */
export interface SourceLine {
  text: string;
  line: number;
}

/** A line dropped as chrome, with the id of the rule that dropped it. */
export interface RemovedLine extends SourceLine {
  rule: string;
}

export interface CleanResult {
  /** The remaining lines, in order: title (if any), body, signature. */
  lines: SourceLine[];
  /** 发布者 / 信息来源 / 来源 of the page. */
  publisher?: string;
  /** 发布日期 / 发布时间 of the page, `YYYY-MM-DD`; never an unlabelled, 更新时间 or today's date. */
  publishedDate?: string;
  /**
   * The dates of the article's info lines, unlabelled or labelled 时间 (infoLineDate), with their
   * line: the importer takes the one between the title and the report for the publication date.
   */
  infoDates: { line: number; date: string }[];
  /** 成文日期 when the page states it, `YYYY-MM-DD`. */
  documentDate?: string;
  /** 发文机关 when the page states it. */
  issuer?: string;
  /** 发布机构 of the gov.cn metadata block. */
  organ?: string;
  /** 索引号 of the gov.cn metadata block. */
  indexNumber?: string;
  /** 主题分类 of the gov.cn metadata block. */
  subject?: string;
  /** 文号 / 发文字号. */
  documentNumber?: string;
  /** 标题 / 名称 of the metadata block, or the title of the page's <title> line: the report's title as the page states it. */
  title?: string;
  /** The lines dropped as chrome, in order, for reporting. */
  removed: RemovedLine[];
}

/** How far into the kept lines a repeated title line is looked for (never near the signature). */
const TITLE_REPEAT_WINDOW = 6;
const compact = (text: string) => text.replace(/\s+/g, '');
/** `标题_站点名`: the title followed by the site's name, as a page's <title> reads. */
const SITE_SUFFIX = /^[_\-—|｜]+[^。，,；;]{2,30}$/;

/** Whether `text` repeats a title-like line kept just before (CMS pages print the title twice). */
function repeatsTitle(text: string, kept: readonly SourceLine[]): boolean {
  if (isProse(text)) return false;
  const c = compact(text);
  return kept.some(({ text: k }) => {
    const kc = compact(k);
    return kc.length >= 6 && !isProse(k) && (c === kc || (c.startsWith(kc) && SITE_SUFFIX.test(c.slice(kc.length))));
  });
}

/** Keeps the first value of each field; dates are parsed, empty values ignored. */
function keepField(result: CleanResult, field: MetaField | undefined, value: string): void {
  if (!field || !value) return;
  if (field === 'publishedDate' || field === 'documentDate') {
    result[field] ??= parseDate(value);
    return;
  }
  result[field] ??= value;
}

/**
 * Removes page chrome and empty lines from a pasted report and extracts the metadata the chrome
 * carries. The first kept line is left in place even when it is a title: deciding what a title is
 * belongs to the importer; only its repetitions are chrome.
 */
export function cleanText(raw: string): CleanResult {
  const all = splitLines(raw)
    .map((t, i) => ({ text: normalizeSpace(t), line: i + 1 }))
    .filter((l) => l.text !== '');
  const result: CleanResult = { lines: [], removed: [], infoDates: [] };
  const rules = all.map((l) => chromeRule(l.text));
  const menu = new Set(menuRunLines(all.map((l) => l.text), (i) => !!rules[i]));

  for (let i = 0; i < all.length; i++) {
    const l = all[i];
    const rule = rules[i];
    if (!rule && menu.has(i)) {
      result.removed.push({ ...l, rule: MENU_RUN.id });
      continue;
    }
    if (rule) {
      result.removed.push({ ...l, rule: rule.id });
      if (rule.id === 'page-title') result.title ??= pageTitleOf(l.text);
      if (rule.id !== 'metadata') continue;
      // A label alone on its line (the block copied one table cell per line): its value may be the next line.
      const label = metaLabel(l.text);
      const next = all[i + 1];
      if (label && next && isMetaValue(label, next.text)) {
        keepField(result, metaFieldOf(label), next.text);
        result.removed.push({ ...next, rule: rule.id });
        i++;
      } else if (!label) {
        for (const f of parseMetaFields(l.text) ?? []) keepField(result, f.field, f.value);
        const date = infoLineDate(l.text);
        if (date) result.infoDates.push({ line: l.line, date });
      }
      continue;
    }
    if (result.lines.length <= TITLE_REPEAT_WINDOW && repeatsTitle(l.text, result.lines)) {
      result.removed.push({ ...l, rule: 'repeated-title' });
      continue;
    }
    result.lines.push(l);
  }
  return result;
}
