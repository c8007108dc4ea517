/**
 * The gov.cn metadata block (索引号 / 主题分类 / 发布机构 / 成文日期 / 文号 …) and the page-info
 * line (发布时间…来源…浏览次数): the one registry of their labels, and the reading of their
 * values. The text importer (./clean.ts) and the HTML reader (./html-meta.ts) both read the
 * page's metadata through it before the chrome rules (./chrome.ts) drop those lines.
 */
import { headingMarker } from './headings';
import { isProse, toSimplified } from './lines';
import { normalizeSpace, parseDate } from '../text';

/** Fields of the page's metadata that the importer keeps. */
export type MetaField = 'title' | 'issuer' | 'organ' | 'publisher' | 'documentDate' | 'publishedDate' | 'indexNumber' | 'subject' | 'documentNumber';

interface MetaLabel {
  /** The label as pages write it (Simplified). */
  label: string;
  /** Where its value goes; labels without a field are dropped with their value. */
  field?: MetaField;
  /** Whether the label is also recognised without a colon (`索引号 1144…`): only the gov.cn block's own labels. */
  bare?: boolean;
  /** The kind of value, to tell a value on the next line from the next line of the page. */
  kind?: 'date' | 'number' | 'code' | 'title' | 'name' | 'any';
}

/**
 * Labels of the gov.cn 信息公开 table (GB/T 政府网站 信息公开 metadata) and of the page-info line
 * under an article. Dates labelled 时间 / 日期 / 更新时间 are dropped with their line but never
 * read: only 发布日期 / 发布时间 label a publication.
 */
const META_LABELS: readonly MetaLabel[] = [
  { label: '索引号', field: 'indexNumber', bare: true, kind: 'code' },
  { label: '主题分类', field: 'subject', bare: true, kind: 'name' },
  { label: '体裁分类', bare: true, kind: 'name' },
  { label: '组配分类', bare: true, kind: 'name' },
  { label: '服务对象分类', bare: true, kind: 'name' },
  { label: '服务对象', bare: true, kind: 'name' },
  { label: '信息分类', bare: true, kind: 'name' },
  { label: '分类', kind: 'name' },
  { label: '信息类别', bare: true, kind: 'name' },
  { label: '主题词', bare: true, kind: 'name' },
  { label: '关键词', kind: 'name' },
  { label: '发文机关', field: 'issuer', bare: true, kind: 'name' },
  { label: '发布机构', field: 'organ', bare: true, kind: 'name' },
  { label: '所属机构', bare: true, kind: 'name' },
  { label: '成文日期', field: 'documentDate', bare: true, kind: 'date' },
  { label: '发布日期', field: 'publishedDate', bare: true, kind: 'date' },
  { label: '发布时间', field: 'publishedDate', kind: 'date' },
  { label: '生效日期', bare: true, kind: 'date' },
  { label: '实施日期', bare: true, kind: 'date' },
  { label: '废止日期', bare: true, kind: 'date' },
  { label: '失效日期', bare: true, kind: 'date' },
  { label: '生成日期', bare: true, kind: 'date' },
  { label: '发文字号', field: 'documentNumber', bare: true, kind: 'number' },
  { label: '文号', field: 'documentNumber', bare: true, kind: 'number' },
  { label: '有效性', bare: true, kind: 'name' },
  { label: '效力状态', bare: true, kind: 'name' },
  { label: '时效性', bare: true, kind: 'name' },
  { label: '公开方式', bare: true, kind: 'name' },
  { label: '公开范围', bare: true, kind: 'name' },
  { label: '公开时限', bare: true, kind: 'name' },
  { label: '公开属性', bare: true, kind: 'name' },
  { label: '统一编号', bare: true, kind: 'code' },
  { label: '文件名称', field: 'title', bare: true, kind: 'title' },
  { label: '名称', field: 'title', bare: true, kind: 'title' },
  { label: '标题', field: 'title', bare: true, kind: 'title' },
  { label: '发布者', field: 'publisher', kind: 'name' },
  { label: '发布单位', field: 'publisher', kind: 'name' },
  { label: '信息来源', field: 'publisher', kind: 'name' },
  { label: '文章来源', field: 'publisher', kind: 'name' },
  { label: '稿件来源', field: 'publisher', kind: 'name' },
  { label: '来源', field: 'publisher', kind: 'name' },
  { label: '供稿单位', kind: 'name' },
  { label: '作者', kind: 'name' },
  { label: '撰稿', kind: 'name' },
  { label: '责任编辑', kind: 'name' },
  { label: '编辑', kind: 'name' },
  { label: '审核', kind: 'name' },
  { label: '更新时间', kind: 'date' },
  { label: '更新日期', kind: 'date' },
  { label: '时间', kind: 'date' },
  { label: '日期', kind: 'date' },
  { label: '浏览次数', kind: 'any' },
  { label: '浏览量', kind: 'any' },
  { label: '阅读次数', kind: 'any' },
  { label: '阅读量', kind: 'any' },
  { label: '访问次数', kind: 'any' },
  { label: '访问量', kind: 'any' },
  { label: '点击次数', kind: 'any' },
  { label: '点击数', kind: 'any' },
  { label: '点击量', kind: 'any' },
  { label: '点击率', kind: 'any' },
  { label: '浏览', kind: 'any' },
  { label: '阅读', kind: 'any' },
  { label: '字号', kind: 'any' },
  { label: '字体', kind: 'any' },
  { label: '分享到', kind: 'any' },
];

const byLength = (a: MetaLabel, b: MetaLabel) => b.label.length - a.label.length;
const LABEL_BY_NAME = new Map(META_LABELS.map((l) => [l.label, l]));
const alternation = (labels: readonly MetaLabel[]) => [...labels].sort(byLength).map((l) => l.label).join('|');
/**
 * A label with its colon anywhere, a gov.cn block label standing alone between spaces, or a counter
 * label right before its number (`阅读 691`, as article-info lines of newer templates write it).
 */
const LABEL_RE = new RegExp(
  `(${alternation(META_LABELS)})\\s*[:：]|(?<=^|\\s)(${alternation(META_LABELS.filter((l) => l.bare))})(?=\\s|$)|(?<=^|\\s)(${alternation(META_LABELS.filter((l) => l.kind === 'any'))})(?=\\s*\\d+\\s*次?(?:\\s|$))`,
  'g',
);
/** A date and time written before the labels (`2024-01-05 10:30 来源：…`): dropped, never read. */
const LEADING_DATE = /^(?:\d{4}\s*[-/.年]\s*\d{1,2}\s*[-/.月]\s*\d{1,2}\s*日?)(?:\s*\d{1,2}:\d{2}(?::\d{2})?)?\s*/;
/** Brackets, bars and dots around the fields of one line (`【来源：…】`, `来源：… | 时间：…`, `… · 阅读 691`), read as spaces. */
const FIELD_BRACKETS = /[【】\[\]|｜丨·•]/g;
/** Values that mean "none". */
const EMPTY_VALUE = /^(?:无|暂无|空|-+|—+|\/|不详)?$/;

/** One field of a metadata line, its value as written (not converted). */
export interface MetaFieldValue {
  label: string;
  field?: MetaField;
  value: string;
}

/** The Simplified form to match, and the text to take values from: the original when conversion kept its length. */
function simplifiedPair(text: string): { simple: string; original: string } {
  const simple = toSimplified(text);
  return { simple, original: simple.length === text.length ? text : simple };
}

/**
 * The fields of a line that is nothing but `label: value` pairs (the gov.cn block on one line, or
 * the 发布时间…来源…浏览次数 line), else undefined. Values are as written; a line of prose, a line
 * not starting with a label (a leading date aside) and a line with a value longer than a title
 * are not metadata.
 */
export function parseMetaFields(text: string): MetaFieldValue[] | undefined {
  if (text.length > 240 || isProse(text)) return undefined;
  const { simple, original } = simplifiedPair(text);
  const s = simple.replace(FIELD_BRACKETS, ' ');
  const o = original.replace(FIELD_BRACKETS, ' ');
  const lead = s.length - s.trimStart().length + (LEADING_DATE.exec(s.trimStart())?.[0].length ?? 0);
  const matches = [...s.matchAll(LABEL_RE)];
  if (!matches.length || matches[0].index !== lead) return undefined;
  const fields: MetaFieldValue[] = [];
  for (const [i, m] of matches.entries()) {
    const end = i + 1 < matches.length ? matches[i + 1].index : s.length;
    const value = normalizeSpace(o.slice(m.index + m[0].length, end));
    if (value.length > 100) return undefined;
    const def = LABEL_BY_NAME.get(m[1] ?? m[2] ?? m[3])!;
    // One label without a colon is a weak sign: alone on its line it is for metaLabel to judge, and
    // a value after it must have the label's shape (`有效性 审查` is not a field).
    if (matches.length === 1 && !m[1] && (!value || !fitsLabel(def.label, value))) return undefined;
    fields.push({ label: def.label, field: def.field, value: EMPTY_VALUE.test(value) ? '' : value });
  }
  return fields;
}

/** Labels that make a metadata line an article's info line: its source, author, counters. */
const INFO_MARKERS = new Set(['来源', '信息来源', '文章来源', '稿件来源', '发布者', '发布单位', '作者', ...META_LABELS.filter((l) => l.kind === 'any' && !/字|分享/.test(l.label)).map((l) => l.label)]);

/**
 * The date an article's info line states without a publication label: the one date standing
 * unlabelled, or labelled only 时间 / 日期, in a metadata line that also has a 来源, 作者 or counter
 * (`2022年2月11日 10:23 · 来源：… · 阅读 691`, `时间：2022-02-11 来源：… 浏览量：6912`), as
 * `YYYY-MM-DD`. The caller takes it only from the line between the title and the report (the
 * HTML reader reads the same line the same way). 更新时间 and 成文日期 are their labels' dates; a
 * line with two different such dates gives none.
 */
export function infoLineDate(text: string): string | undefined {
  const fields = parseMetaFields(text);
  if (!fields?.some((f) => INFO_MARKERS.has(f.label))) return undefined;
  const lead = LEADING_DATE.exec(toSimplified(text).replace(FIELD_BRACKETS, ' ').trimStart())?.[0];
  const dates = new Set(
    [lead, ...fields.filter((f) => f.label === '时间' || f.label === '日期').map((f) => f.value)].flatMap((d) => {
      const date = d && parseDate(d);
      return date ? [date] : [];
    }),
  );
  return dates.size === 1 ? [...dates][0] : undefined;
}

/**
 * The label when the line is only a metadata label, as table cells copy: `发布机构：`, or without
 * its colon a label of the gov.cn block (`索引号`). A bare `标题`, `名称` or `时间` line is left alone.
 */
export function metaLabel(text: string): string | undefined {
  const s = normalizeSpace(toSimplified(text).replace(FIELD_BRACKETS, ' '));
  const m = /^(.{1,6}?)\s*([:：]?)$/.exec(s);
  const def = m ? LABEL_BY_NAME.get(m[1]) : undefined;
  return def && (m![2] || (def.bare && def.kind !== 'title')) ? def.label : undefined;
}

/** Field of a label, if the importer keeps it. */
export const metaFieldOf = (label: string): MetaField | undefined => LABEL_BY_NAME.get(label)?.field;

/**
 * Whether `text`, the line after a lone label, is that label's value (a table copied one cell per
 * line), rather than the next line of the page: it has the shape of the label's values.
 */
export function isMetaValue(label: string, text: string): boolean {
  const s = normalizeSpace(toSimplified(text));
  if (isProse(s) || s.length > 80 || metaLabel(s) || parseMetaFields(s) || headingMarker(s)) return false;
  return fitsLabel(label, s);
}

/** Whether a value has the shape of the label's values (a date for a date, a code for 索引号 …). */
function fitsLabel(label: string, s: string): boolean {
  switch (LABEL_BY_NAME.get(label)?.kind) {
    case 'date':
      return !!parseDate(s);
    case 'number':
      return /[〔\[［(（]\s*\d{4}\s*[〕\]］)）]|\d+\s*号$/.test(s) || EMPTY_VALUE.test(s);
    case 'code':
      return /^[\w\-/.·]+$/.test(s) && /\d/.test(s);
    case 'title':
      return s.length >= 6;
    case 'any':
      return /^[\d\s,]*次?$/.test(s);
    default:
      // A name or category: short, and neither the report's title nor the salutation that may follow the block.
      return s.length <= 40 && !/[:：]$|(?:19|20)\d{2}\s*年|报告|总结|情况/.test(s);
  }
}
