/**
 * What a web page states about the report outside its text: the gov.cn meta tags, the 信息公开
 * metadata block (a table, or a run of label lines, wherever it stands) and the info line under
 * the title (发布时间 / 来源 / 浏览次数). Labels are those of the one registry of ./chrome.ts
 * (parseMetaFields, metaLabel), which the text importer uses too. Only a date labelled 发布日期 /
 * 发布时间, or the one date of the info line, is a publication date.
 */
import { normalizeSpace, parseDate } from '../text';
import { isMetaValue, metaFieldOf, metaLabel, parseMetaFields, type MetaField, type MetaFieldValue } from './meta-fields';
import { toSimplified } from './lines';
import type { SourceMeta } from './types';
import type { Block } from './html-blocks';

/** Fields that only the gov.cn 信息公开 block states: a run of labels with one of these is that block, wherever it stands. */
const GOV_BLOCK_FIELDS = new Set<MetaField>(['indexNumber', 'subject', 'documentDate', 'documentNumber', 'issuer']);

/**
 * Closes the gaps tables pad labels with (`索 引 号：`, `名　　称：`, `有 效 性：`) so that the
 * label registry knows them; other text is left as it is.
 */
const closeLabelGaps = (text: string) =>
  text.replace(/(^|[\s【\[])((?:\p{Script=Han}\s+){1,5}\p{Script=Han})(?=\s*[:：]|\s*$)/gu, (m, before: string, label: string) => {
    const joined = label.replace(/\s+/g, '');
    return metaLabel(`${joined}：`) ? `${before}${joined}` : m;
  });

/**
 * A text that is only a label. In a cell of its own (a table cell, `<dt>`, `<li>`), the page's
 * structure says it is a label even without a colon, so any label counts there (`<th>名称</th>`).
 */
const labelOnly = (text: string, cell: boolean) => metaLabel(text) ?? (cell ? metaLabel(`${text}：`) : undefined);

/**
 * The `label: value` fields of a sequence of texts: cells in reading order (a label cell, then its
 * value cell) or lines of `label：value` pairs. Values are as written.
 */
export function metaFields(texts: readonly string[], cells = true): MetaFieldValue[] {
  const out: MetaFieldValue[] = [];
  let pending: string | undefined;
  const close = (value = '') => {
    if (pending) out.push({ label: pending, field: metaFieldOf(pending), value });
    pending = undefined;
  };
  for (const raw of texts) {
    const text = closeLabelGaps(normalizeSpace(raw));
    if (!text) continue;
    const label = labelOnly(text, cells);
    if (label) {
      close();
      pending = label;
      continue;
    }
    const fields = parseMetaFields(text);
    if (fields && !(pending && fields.length === 1 && !fields[0].field && isMetaValue(pending, text))) {
      close();
      out.push(...fields);
    } else if (pending && isMetaValue(pending, text)) close(text);
    else close();
  }
  close();
  return out;
}

/** Whether fields are the gov.cn 信息公开 block: three labels or more, one of them the block's own. */
export const isGovBlock = (fields: readonly MetaFieldValue[]) => new Set(fields.map((f) => f.label)).size >= 3 && fields.some((f) => f.field && GOV_BLOCK_FIELDS.has(f.field));

/** `<meta name|property=… content=…>` of the page, names lowercased, first one wins. */
export function metaTags(doc: Document): Map<string, string> {
  const out = new Map<string, string>();
  for (const m of doc.querySelectorAll('meta')) {
    const name = (m.getAttribute('name') ?? m.getAttribute('property') ?? '').trim().toLowerCase();
    const content = normalizeSpace(m.getAttribute('content') ?? '');
    if (name && content && !out.has(name)) out.set(name, content);
  }
  return out;
}

const httpUrl = (s: string | null | undefined) => (s && /^https?:\/\/[^\s"'<>]+$/i.test(s.trim()) ? s.trim() : undefined);

export const textsOf = (b: Block) => (b.kind === 'table' ? b.rows!.flat().map((c) => c.text) : b.lines);

/** An info line (发布时间…来源…浏览次数, or a bare 字号：): short, not prose, fields from its start (an unlabelled date aside). */
export const isInfoLine = (b: Block) =>
  b.kind === 'p' && b.chars <= 200 && !b.lines.some((l) => l.includes('。')) && (!!parseMetaFields(closeLabelGaps(b.lines[0])) || !!metaLabel(b.lines[0]));

/** Markers of an article's info line (来源, 阅读 691, 浏览次数, 作者, 发布…), matched in Simplified. */
const INFO_MARKER = /来源|阅读|浏览|作者|发布|点击|访问/;
/** Words of a banner's date (今天是… 农历…): the day the page was seen, never the article's. */
const BANNER_DATE = /今天|今日|农历/;
/** A date, with an optional time, as info lines write it. */
const DATE_IN_LINE = /(?:19|20)\d{2}\s*(?:年\s*\d{1,2}\s*月\s*\d{1,2}\s*日|[-/.]\s*\d{1,2}\s*[-/.]\s*\d{1,2}(?!\d))/g;
/** What stands right before a labelled date: a colon, or a date label written without one (`更新时间 2024-…`). */
const DATE_LABEL_BEFORE = /(?:[:：]|时间|日期|发布|更新|成文|印发)\s*$/;
/** A bare 时间 / 日期 label (not 更新时间, 成文日期 …): in an info line, the article's time. */
const PLAIN_DATE_LABEL_BEFORE = /(?:^|[\s|｜丨·•【\[])(?:时间|日期)\s*[:：]?\s*$/;

/**
 * The publication date an info line states without a publication label: the one date standing
 * unlabelled, or labelled only 时间 / 日期, in a line of 来源 / 阅读 / 浏览 / 作者 / 发布 markers
 * (`2022年2月11日 10:23 · 来源：… · 阅读 691`, `时间：2022-02-11 来源：… 浏览量：6912`). The
 * caller takes it only from the info line between the title and the report. Other labelled dates
 * (更新时间, 成文日期) are their labels'; a banner's date (今天是…) or two such dates give none.
 */
export function infoLineDate(b: Block): string | undefined {
  const line = toSimplified(b.lines.join(' '));
  if (!INFO_MARKER.test(line) || BANNER_DATE.test(line)) return undefined;
  const dates = [...line.matchAll(DATE_IN_LINE)].filter((m) => {
    const before = line.slice(0, m.index);
    return !DATE_LABEL_BEFORE.test(before) || PLAIN_DATE_LABEL_BEFORE.test(before);
  });
  return dates.length === 1 ? parseDate(dates[0][0]) : undefined;
}

/** The date of a labelled value, or undefined. */
const dateOf = (v: string | undefined) => (v ? parseDate(v) : undefined);

/**
 * Runs of consecutive blocks that are metadata: lines of `label：value` pairs, labels alone, and
 * the values following them (a 信息公开 block written as a list, `<li>索引号：…</li>` or
 * `<dt>索引号</dt><dd>…</dd>`) within one group of elements. Images inside a run do not end it.
 */
export function labelRuns(blocks: readonly Block[]): Block[][] {
  const runs: Block[][] = [];
  let run: Block[] = [];
  let pending: string | undefined;
  const end = () => {
    if (run.length) runs.push(run);
    run = [];
    pending = undefined;
  };
  // Blocks of one list or table-like group share their parent (or grandparent, for rows of cells).
  const sameGroup = (a: Element, b: Element) => a.parentElement === b.parentElement || a.parentElement?.parentElement === b.parentElement?.parentElement;
  for (const b of blocks) {
    if (b.kind === 'img') continue;
    const text = closeLabelGaps(b.lines.join(' '));
    if (run.length && !sameGroup(run[run.length - 1].el, b.el)) end();
    if (b.kind !== 'p' || b.chars > 160) end();
    else if (pending && isMetaValue(pending, text)) {
      run.push(b);
      pending = undefined;
    } else if ((pending = labelOnly(text, true))) run.push(b);
    else if (parseMetaFields(text)) run.push(b);
    else end();
  }
  end();
  return runs;
}

/** SourceMeta from the labelled fields (the 信息公开 block's first, then the info line's), the meta tags and the info line's date. */
export function buildMeta(p: { tags: Map<string, string>; fields: readonly MetaFieldValue[]; infoDate?: string; title?: string; canonical?: string | null; html: string }): SourceMeta {
  const meta: SourceMeta = {};
  const labelled = (field: MetaField) => p.fields.find((f) => f.field === field && f.value)?.value;
  const set = <K extends keyof SourceMeta>(k: K, v: SourceMeta[K] | undefined) => {
    if (v) meta[k] = v;
  };
  set('title', p.title);
  // 发文机关, else 发布机构 (which the importer keeps as the issuing organ only when it is a government).
  set('issuer', labelled('issuer') ?? labelled('organ'));
  set('documentDate', dateOf(labelled('documentDate')));
  // A labelled 发布日期 / 发布时间, else the CMS's PubDate, else the unlabelled date of the article's info line.
  set('publishedDate', dateOf(labelled('publishedDate')) ?? dateOf(p.tags.get('pubdate')) ?? p.infoDate);
  set('publisher', labelled('publisher') ?? p.tags.get('contentsource'));
  set('site', p.tags.get('sitename') ?? p.tags.get('og:site_name'));
  // A browser's "save as" notes where the page came from.
  const savedFrom = /<!--\s*saved from url=\(\d+\)(\S+?)\s*-->/i.exec(p.html.slice(0, 2048))?.[1];
  set('url', httpUrl(p.canonical) ?? httpUrl(p.tags.get('og:url')) ?? httpUrl(p.tags.get('url')) ?? httpUrl(savedFrom));
  set('indexNumber', labelled('indexNumber'));
  set('subject', labelled('subject'));
  set('documentNumber', labelled('documentNumber'));
  set('column', p.tags.get('columnname'));
  return meta;
}
