/**
 * Saved web pages (.html/.htm) as SourceText. A government page holds the report inside the site's
 * chrome: top bar, navigation, breadcrumbs, the title, an info line (发布时间 / 来源 / 浏览次数 /
 * 字体), often the gov.cn 信息公开 metadata table, share and print controls, QR prompts, related
 * links and the footer. The chrome is removed by structure, not by line rules:
 * - the dense core: the deepest element holding nearly all of the page's Chinese sentence text
 *   (the report is the only long run of punctuated prose on such a page);
 * - Mozilla Readability's pick, run on a copy of the page and mapped back to the original
 *   elements. It is used when it holds the whole core and adds blocks around it (those it kept);
 *   when it picks less than the core or another block, the core is used: a body sentence must
 *   never be dropped;
 * - in and around that block, the blocks the page's structure says are not the report: the title
 *   (kept once, as the first line), the info line and the metadata table (read into `meta`), and
 *   share / print / font-size / QR widgets, which hold no sentence.
 * Bytes are decoded by BOM, then the page's declared charset, then detection (./encoding.ts).
 * Traditional-character pages are kept verbatim; labels are matched through Simplified.
 */
import { isUtf8 } from 'node:buffer';
import { Readability } from '@mozilla/readability';
import { parseHTML } from 'linkedom';
import { htmlToSource } from './docx';
import { ImportError, type SourceMeta, type SourceText } from './types';
import { normalizeSpace, parseDate } from '../text';
import { isMetaValue, metaFieldOf, metaLabel, parseMetaFields, toSimplified, type MetaField, type MetaFieldValue } from './chrome';
import { decodeAs, detectEncoding, encodingLabel, type TextEncoding } from './encoding';

// ---------------------------------------------------------------------------------------------
// Decoding


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

// ---------------------------------------------------------------------------------------------
// The page's metadata labels: the one registry of ./chrome.ts (parseMetaFields, metaLabel), which
// the text importer uses too. Only a date labelled 发布日期 / 发布时间 is a publication date.

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
function metaFields(texts: readonly string[], cells = true): MetaFieldValue[] {
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
const isGovBlock = (fields: readonly MetaFieldValue[]) => new Set(fields.map((f) => f.label)).size >= 3 && fields.some((f) => f.field && GOV_BLOCK_FIELDS.has(f.field));

// ---------------------------------------------------------------------------------------------
// The page as a sequence of blocks

const ELEMENT_NODE = 1;
const TEXT_NODE = 3;

/** Elements whose text is never report text. */
const SKIP_TAGS = new Set([
  'script', 'style', 'noscript', 'template', 'iframe', 'frame', 'object', 'embed', 'svg', 'canvas', 'select', 'option',
  'button', 'input', 'textarea', 'head', 'title', 'meta', 'link', 'map', 'area', 'audio', 'video', 'picture', 'source',
]);
const BLOCK_TAGS = new Set([
  'address', 'article', 'aside', 'blockquote', 'body', 'caption', 'center', 'dd', 'details', 'dialog', 'dir', 'div', 'dl', 'dt',
  'fieldset', 'figcaption', 'figure', 'footer', 'form', 'h1', 'h2', 'h3', 'h4', 'h5', 'h6', 'header', 'hgroup', 'hr', 'html', 'legend',
  'li', 'main', 'menu', 'nav', 'ol', 'p', 'pre', 'section', 'summary', 'table', 'tbody', 'td', 'tfoot', 'th', 'thead', 'tr', 'ul',
]);
/** Blocks that hold paragraphs; the dense core is never one of the paragraph-level blocks inside them. */
const CONTAINER_TAGS = new Set(['article', 'body', 'dd', 'div', 'form', 'main', 'section', 'td', 'th', 'center', 'blockquote', 'li', 'figure']);
const HEADING = /^h([1-6])$/;

const tag = (el: Element) => el.tagName.toLowerCase();
const elementChildren = (el: Element) => [...el.childNodes].filter((n): n is Element => n.nodeType === ELEMENT_NODE);

function hidden(el: Element): boolean {
  if (el.hasAttribute('hidden') || el.getAttribute('aria-hidden') === 'true') return true;
  return /(?:^|;)\s*(?:display\s*:\s*none|visibility\s*:\s*hidden)/i.test(el.getAttribute('style') ?? '');
}
const skipped = (el: Element) => SKIP_TAGS.has(tag(el)) || hidden(el);

/** Punctuation that ends or divides a sentence: chrome (menus, counters, footers) rarely has it, report prose always. */
const SENTENCE_MARK = /[。；！？，,;]/;
const HAN = /\p{Script=Han}/gu;

/** Class or id names of page chrome (top bar, header, navigation, breadcrumbs, share bar, related links, footer). */
const CHROME_NAME = /(?:^|[-_\s])(?:foot|footer|bottom|copyright|banner|top|topbar|header|head|nav|navbar|menu|sidebar|side|aside|crumb|crumbs|breadcrumb|position|location|share|related|relate|xgwj|xglj|links|friendlink|prevnext)(?:$|[-_\s\d])/i;
/** …unless the name also says it is the content. */
const CONTENT_NAME = /content|article|zoom|detail|editor|main|text|body|ucap|trs_/i;
const CHROME_TAGS = new Set(['header', 'footer', 'nav', 'aside']);
const chromeNamed = (el: Element) => {
  const names = `${el.getAttribute('class') ?? ''} ${el.getAttribute('id') ?? ''}`;
  return CHROME_TAGS.has(tag(el)) || (CHROME_NAME.test(names) && !CONTENT_NAME.test(names));
};
/** A chrome-named element holding more than this share of the page's elements is not chrome but a wrapper (a page wrapped in `<div id="top">`). */
const CHROME_MAX_SHARE = 0.5;

/**
 * Sentence text per element: the Chinese characters of its text outside links, in blocks whose
 * text is punctuated prose. Menus, link lists and counters weigh nothing; so do elements named or
 * tagged as chrome (footer, header, nav, share, related …) unless they wrap most of the page:
 * a footer's "建议使用…浏览本站。" is no report. Returns the weights and those chrome elements.
 */
function sentenceWeights(body: Element): { weights: Map<Element, number>; chrome: Element[] } {
  const weights = new Map<Element, number>();
  const prose = new Map<Element, boolean>();
  const named: Element[] = [];
  const walk = (el: Element, block: Element, inLink: boolean): number => {
    if (skipped(el)) {
      weights.set(el, 0);
      return 0;
    }
    const t = tag(el);
    if (el !== body && chromeNamed(el)) named.push(el);
    const own = BLOCK_TAGS.has(t) ? el : block;
    if (!prose.has(own)) prose.set(own, SENTENCE_MARK.test(own.textContent ?? ''));
    const link = inLink || t === 'a';
    let sum = 0;
    for (const c of el.childNodes) {
      if (c.nodeType === TEXT_NODE && !link && prose.get(own)) sum += c.nodeValue?.match(HAN)?.length ?? 0;
      else if (c.nodeType === ELEMENT_NODE) sum += walk(c as Element, own, link);
    }
    weights.set(el, sum);
    return sum;
  };
  walk(body, body, false);
  const pageSize = body.querySelectorAll('*').length;
  const chrome: Element[] = [];
  for (const el of named) {
    const w = weights.get(el) ?? 0;
    if (chrome.some((c) => c.contains(el))) continue;
    const inside = el.querySelectorAll('*');
    if (inside.length > pageSize * CHROME_MAX_SHARE) continue;
    chrome.push(el);
    for (const d of [el, ...inside]) weights.set(d, 0);
    for (let a = el.parentElement; a; a = a.parentElement) if (weights.has(a)) weights.set(a, (weights.get(a) ?? 0) - w);
  }
  return { weights, chrome };
}

/** Share of the page's sentence text the dense core must hold. */
const CORE_SHARE = 0.9;

/**
 * The deepest element holding CORE_SHARE of the page's sentence text. A paragraph-level element
 * (a `<p>` holding a whole report written with `<br>`s) gives way to the container around it, so
 * that its sibling paragraphs (a signature) stay with it.
 */
function denseCore(body: Element, weights: Map<Element, number>): Element {
  const total = weights.get(body) ?? 0;
  let node = body;
  for (;;) {
    let best: Element | undefined;
    for (const c of elementChildren(node)) if (!best || (weights.get(c) ?? 0) > (weights.get(best) ?? 0)) best = c;
    if (!best || (weights.get(best) ?? 0) < CORE_SHARE * total) break;
    node = best;
  }
  while (node !== body && !CONTAINER_TAGS.has(tag(node))) node = node.parentElement ?? body;
  return node;
}

/** The attribute that names each element of the page, so that Readability's output (made from a copy) maps back to it. */
const ID_ATTR = 'data-fazhi-node';

/**
 * Readability's choice in the original page: the element holding every block with sentence text
 * that Readability kept, and the set of elements it kept. Undefined when it finds no article.
 */
function readabilityPick(doc: Document, byId: readonly Element[], weights: Map<Element, number>): { pick: Element; kept: Set<Element>; title?: string } | undefined {
  let article;
  try {
    article = new Readability(doc.cloneNode(true) as Document, { serializer: (n: Node) => n }).parse();
  } catch {
    return undefined;
  }
  const content = article?.content as Element | null | undefined;
  if (!content) return undefined;
  const kept = new Set<Element>();
  for (const el of content.querySelectorAll(`[${ID_ATTR}]`)) {
    const orig = byId[Number(el.getAttribute(ID_ATTR))];
    if (orig) kept.add(orig);
  }
  const withText = [...kept].filter((el) => (weights.get(el) ?? 0) > 0);
  if (!withText.length) return undefined;
  let pick: Element | null = withText[0];
  while (pick && !withText.every((el) => pick!.contains(el))) pick = pick.parentElement;
  return pick ? { pick, kept, title: article?.title ?? undefined } : undefined;
}

interface Cell {
  text: string;
  rowSpan: number;
  colSpan: number;
}

/** A block of the page in reading order: a paragraph (its lines), a heading, a data table or an image. */
interface Block {
  kind: 'p' | 'h' | 'table' | 'img';
  lines: string[];
  level?: number;
  rows?: Cell[][];
  /** The element the block's text belongs to. */
  el: Element;
  /** Characters of its text inside links, and in all. */
  linkChars: number;
  chars: number;
  /** Inside the block chosen as the report, and inside its dense core. */
  inBody: boolean;
  inCore: boolean;
}

/** Private marker for `<br>` inside a block's raw text. */
const BR = '\u2029';
/** CJK characters and punctuation: a source line break between two of them is no space (CSS Text segment-break rule). */
const CJK = '[\\p{Script=Han}\\u3000-\\u303f\\uff00-\\uffef]';
const CJK_BREAK = new RegExp(`(${CJK})[ \\t\\r\\n\\f]*[\\r\\n][ \\t\\r\\n\\f]*(?=${CJK})`, 'gu');

/** The lines of raw block text: collapsible whitespace collapsed as a browser renders it, `<br>` as line ends. */
function rawLines(raw: string, pre: boolean): string[] {
  const text = pre ? raw.replace(/\r\n?|\n/g, BR) : raw.replace(CJK_BREAK, '$1').replace(/[ \t\r\n\f]+/g, ' ');
  return text.split(BR).map(normalizeSpace).filter(Boolean);
}

/**
 * A table that lays out the page (or the report's paragraphs) rather than holding data: it
 * contains the report block or another table, has a single column, or has cells of several
 * paragraphs.
 */
function isLayoutTable(table: Element, body: Element): boolean {
  if (table.contains(body) || table.querySelector('table')) return true;
  const rows = [...table.querySelectorAll('tr')];
  if (rows.every((r) => elementChildren(r).filter((c) => /^t[dh]$/.test(tag(c))).length <= 1)) return true;
  return [...table.querySelectorAll('td,th')].some((cell) => cell.querySelectorAll('p,div,br').length >= 3 && SENTENCE_MARK.test(cell.textContent ?? ''));
}

/** Reads the page into blocks in reading order, marking those inside the report's block (`bodyEl`) and its dense core. */
function readBlocks(root: Element, bodyEl: Element, core: Element): Block[] {
  const blocks: Block[] = [];
  let raw = '';
  let linkChars = 0;
  let owner: Element = root;
  let inBody = false;
  let inCore = false;
  let pre = false;

  const flush = () => {
    const lines = rawLines(raw, pre);
    if (lines.length) {
      const chars = lines.join('').length;
      blocks.push({ kind: 'p', lines, el: owner, linkChars: Math.min(linkChars, chars), chars, inBody, inCore });
    }
    raw = '';
    linkChars = 0;
  };

  const cellText = (cell: Element): string => {
    let s = '';
    const walk = (n: Node) => {
      if (n.nodeType === TEXT_NODE) s += n.nodeValue ?? '';
      else if (n.nodeType === ELEMENT_NODE && !skipped(n as Element)) {
        const t = tag(n as Element);
        if (t === 'br' || (BLOCK_TAGS.has(t) && s)) s += BR;
        for (const c of n.childNodes) walk(c);
      }
    };
    for (const c of cell.childNodes) walk(c);
    return rawLines(s, false).join(' ');
  };

  const walk = (el: Element, inLink: boolean) => {
    if (skipped(el)) return;
    const t = tag(el);
    if (t === 'img') {
      flush();
      blocks.push({ kind: 'img', lines: [], el, linkChars: 0, chars: 0, inBody, inCore });
      return;
    }
    if (t === 'br') {
      raw += BR;
      return;
    }
    const block = BLOCK_TAGS.has(t);
    const enteringBody = el === bodyEl;
    const enteringCore = el === core;
    const saved = { owner, inBody, inCore, pre };
    if (block) {
      flush();
      owner = el;
      if (enteringBody) inBody = true;
      if (enteringCore) inCore = true;
      if (t === 'pre') pre = true;
    }
    const heading = HEADING.exec(t);
    if (t === 'table' && !isLayoutTable(el, bodyEl)) {
      const rows: Cell[][] = [];
      for (const tr of el.querySelectorAll('tr')) {
        if (tr.closest('table') !== el || skipped(tr)) continue;
        rows.push(
          elementChildren(tr)
            .filter((c) => /^t[dh]$/.test(tag(c)) && !skipped(c))
            .map((c) => ({ text: cellText(c), rowSpan: Math.max(1, Number(c.getAttribute('rowspan')) || 1), colSpan: Math.max(1, Number(c.getAttribute('colspan')) || 1) })),
        );
      }
      const chars = rows.flat().reduce((n, c) => n + c.text.length, 0);
      if (chars) blocks.push({ kind: 'table', lines: [], rows, el, linkChars: 0, chars, inBody, inCore });
    } else if (heading) {
      for (const c of el.childNodes) visit(c, inLink);
      const lines = rawLines(raw, false);
      raw = '';
      const chars = lines.join('').length;
      if (chars) blocks.push({ kind: 'h', level: Number(heading[1]), lines: [lines.join('')], el, linkChars: Math.min(linkChars, chars), chars, inBody, inCore });
      linkChars = 0;
    } else {
      for (const c of el.childNodes) visit(c, inLink || t === 'a');
    }
    if (block) {
      flush();
      ({ owner, inBody, inCore, pre } = saved);
    }
  };
  const visit = (n: Node, inLink: boolean) => {
    if (n.nodeType === TEXT_NODE) {
      const v = n.nodeValue ?? '';
      raw += v;
      if (inLink) linkChars += v.trim().length;
    } else if (n.nodeType === ELEMENT_NODE) walk(n as Element, inLink);
  };
  walk(root, false);
  flush();
  return blocks;
}

const blockText = (b: Block) => (b.kind === 'table' ? b.rows!.flat().map((c) => c.text).join(' ') : b.lines.join(' '));
const compact = (s: string) => normalizeSpace(s).replace(/\s+/g, '');

// ---------------------------------------------------------------------------------------------
// Metadata

/** `<meta name|property=… content=…>` of the page, names lowercased, first one wins. */
function metaTags(doc: Document): Map<string, string> {
  const out = new Map<string, string>();
  for (const m of doc.querySelectorAll('meta')) {
    const name = (m.getAttribute('name') ?? m.getAttribute('property') ?? '').trim().toLowerCase();
    const content = normalizeSpace(m.getAttribute('content') ?? '');
    if (name && content && !out.has(name)) out.set(name, content);
  }
  return out;
}

const httpUrl = (s: string | null | undefined) => (s && /^https?:\/\/[^\s"'<>]+$/i.test(s.trim()) ? s.trim() : undefined);

const textsOf = (b: Block) => (b.kind === 'table' ? b.rows!.flat().map((c) => c.text) : b.lines);

/** An info line (发布时间…来源…浏览次数, or a bare 字号：): short, not prose, fields from its start (an unlabelled date aside). */
const isInfoLine = (b: Block) =>
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
function infoLineDate(b: Block): string | undefined {
  const line = toSimplified(b.lines.join(' '));
  if (!INFO_MARKER.test(line) || BANNER_DATE.test(line)) return undefined;
  const dates = [...line.matchAll(DATE_IN_LINE)].filter((m) => {
    const before = line.slice(0, m.index);
    return !DATE_LABEL_BEFORE.test(before) || PLAIN_DATE_LABEL_BEFORE.test(before);
  });
  return dates.length === 1 ? parseDate(dates[0][0]) : undefined;
}

/**
 * Whole blocks that are page widgets (matched in Simplified): QR prompts, editor credits, the
 * heading of a related-links box, and print / close / font-size / share controls when the block
 * is nothing else. Most widgets are links and go as link lists; these are the ones written as text.
 */
const WIDGET = [
  /^.{0,12}(?:扫一扫|二维码).{0,16}$/,
  /^[【\[]?\s*(?:责任编辑|编辑|审核|校对)\s*[:：]\s*[^\s:：]{1,12}\s*[】\]]?$/,
  /^(?:相关(?:链接|文章|阅读|新闻|稿件|文件|推荐|信息)|延伸阅读|热点专题|推荐阅读)$/,
  /^(?:[【\[]?\s*(?:打印本页|打印此页|打印|关闭窗口|关闭本页|关闭|收藏本页|收藏|我要纠错|纠错|返回顶部|返回)\s*[】\]]?\s*)+$/,
  /^[【\[]?\s*(?:字体|字号)\s*[:：]?\s*(?:[【\[]?\s*(?:大|中|小|默认)\s*[】\]]?\s*)*$/,
  /^分享(?:到|至)?\s*[:：]\s*(?:微信|微博|新浪微博|腾讯微博|QQ空间|QQ|朋友圈|\s)*$/,
];
const noSentence = (b: Block) => !b.lines.some((l) => SENTENCE_MARK.test(l));
const isWidget = (b: Block) => (b.kind === 'p' || b.kind === 'h') && b.chars <= 80 && noSentence(b) && WIDGET.some((re) => re.test(toSimplified(b.lines.join(' '))));
/** A block of links without a sentence: related articles, tags, previous / next. */
const isLinkList = (b: Block) => b.kind === 'p' && b.linkChars >= b.chars * 0.5 && noSentence(b);

/** Separators between the article title and the site name in `<title>`. */
const TITLE_SEPARATOR = /\s*[_|｜]\s*|\s+[-—–]+\s+|\s*--\s*|\s*——\s*/;
const HAS_HAN = /\p{Script=Han}/u;

/** Endings of an organ's or a website's name (matched in Simplified). */
const ORGAN_OR_SITE_END = /(?:人民政府|政府|管委会|管理委员会|委员会|办事处|办公室|门户网站|网站|门户|政务网|政府网|网|局|厅)$/;
/** Words and a year that a report's title has and an organ's or a site's name has not. */
const REPORT_TITLE_WORD = /报告|情况|工作|总结|(?:19|20)\d{2}/;

/**
 * Whether a text names the site or an organ rather than the report (`北京市朝阳区人民政府`,
 * `…管理委员会`, `…门户网站`): the site's stated name, or an organ or site ending without a
 * report title's words. Headers, logos and `<title>` suffixes show it; a report title never is one.
 */
const siteNameLike = (t: string, site: string | undefined) => {
  const s = compact(toSimplified(t));
  return (site !== undefined && s === compact(toSimplified(site))) || (ORGAN_OR_SITE_END.test(s) && !REPORT_TITLE_WORD.test(s));
};

/** Fewest characters of a title: shorter `<title>` segments are a column's or a page's name (首页, 正文). */
const MIN_TITLE_CHARS = 6;

/**
 * The article's title in a `<title>` or og:title: of its Chinese segments that are not the site's
 * name and are long enough for a title, one with a report title's words first, then the longest.
 */
const titleSegment = (s: string | undefined, site: string | undefined) => {
  const reportWords = (x: string) => (REPORT_TITLE_WORD.test(toSimplified(x)) ? 1 : 0);
  return s
    ?.split(TITLE_SEPARATOR)
    .map(normalizeSpace)
    .filter((x) => HAS_HAN.test(x) && [...compact(x)].length >= MIN_TITLE_CHARS && !siteNameLike(x, site))
    .sort((a, b) => reportWords(b) - reportWords(a) || b.length - a.length)[0];
};

/** How many leading blocks of the report may repeat the title. */
const TITLE_WINDOW = 4;
/** How many blocks just above the report are searched for its heading when no block repeats a stated title. */
const TITLE_NEAR = 8;
/** How many blocks at each end of the report may be info lines. */
const INFO_WINDOW = 6;

/** The date of a labelled value, or undefined. */
const dateOf = (v: string | undefined) => (v ? parseDate(v) : undefined);

// ---------------------------------------------------------------------------------------------

const escapeHtml = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');

/** Blocks of the report as the simple HTML htmlToSource reads (paragraphs, headings h1-h3, tables). */
function blocksToHtml(title: string | undefined, blocks: readonly Block[]): string {
  const levels = [...new Set(blocks.filter((b) => b.kind === 'h').map((b) => b.level!))].sort((a, b) => a - b);
  const out: string[] = [];
  if (title) out.push(`<p>${escapeHtml(title)}</p>`);
  for (const b of blocks) {
    if (b.kind === 'img') out.push('<img>');
    else if (b.kind === 'h') {
      // The page's heading levels, shallowest first, become the body's section levels; a marked heading that is a whole sentence is a paragraph.
      const h = Math.min(3, levels.indexOf(b.level!) + 1);
      out.push(b.lines[0].includes('。') ? `<p>${escapeHtml(b.lines[0])}</p>` : `<h${h}>${escapeHtml(b.lines[0])}</h${h}>`);
    } else if (b.kind === 'table') {
      const rows = b.rows!.map((r) => `<tr>${r.map((c) => `<td rowspan="${c.rowSpan}" colspan="${c.colSpan}">${escapeHtml(c.text)}</td>`).join('')}</tr>`);
      out.push(`<table>${rows.join('')}</table>`);
    } else out.push(`<p>${b.lines.map(escapeHtml).join('<br>')}</p>`);
  }
  return out.join('');
}

/**
 * Reads a saved web page into a SourceText: the report's title as the first line, then its
 * paragraphs one per line, headings the page marks and its tables; `meta` from the gov.cn meta
 * tags (ArticleTitle, PubDate, ContentSource, SiteName, ColumnName), og:title / og:url /
 * canonical, the 信息公开 metadata table and the info line. Throws ImportError when the file is
 * not a readable page or holds no report text.
 */
export async function readHtml(bytes: Uint8Array): Promise<SourceText> {
  const decoded = decodeHtml(bytes);
  const { document: doc } = parseHTML(decoded.html) as unknown as { document: Document };
  const body = doc.body ?? doc.documentElement;
  if (!body) throw new ImportError('网页文件是空的 / the web page is empty', 'empty');

  const all = [body, ...body.querySelectorAll('*')];
  all.forEach((el, i) => el.setAttribute(ID_ATTR, String(i)));
  const { weights, chrome } = sentenceWeights(body);
  if (!weights.get(body)) {
    throw new ImportError(
      '网页中没有找到报告正文（没有成段的中文文字）。如果网页正文是图片或 PDF 附件，请下载附件后导入 / no report text found in the web page (no Chinese prose). If the report is an image or a PDF attachment, download the attachment and import that',
      /\p{Script=Han}/u.test(body.textContent ?? '') ? 'empty' : 'no-chinese',
    );
  }
  const core = denseCore(body, weights);
  const readability = readabilityPick(doc, all, weights);
  // Readability's block is used when it holds the whole core; its blocks outside the core pass only if it kept them.
  const widened = readability && readability.pick !== core && readability.pick.contains(core) ? readability : undefined;
  const bodyEl = widened?.pick ?? core;

  const blocks = readBlocks(body, bodyEl, core);
  let report = blocks.filter((b) => b.inBody && (b.inCore || !widened || widened.kept.has(b.el)));

  // The 信息公开 block, wherever it stands (a table, or a run of label lines); the report never keeps it.
  const tags = metaTags(doc);
  const govBlocks = [...blocks.filter((b) => b.kind === 'table' && isGovBlock(metaFields(textsOf(b)))).map((b) => [b]), ...labelRuns(blocks).filter((run) => isGovBlock(metaFields(run.flatMap(textsOf))))];
  const govFields = govBlocks.flatMap((run) => metaFields(run.flatMap(textsOf)));
  const metaBlocks = new Set<Block>(govBlocks.flat());

  // Title: the CMS's ArticleTitle, the block's 名称, the heading the page shows (above the dense
  // core, or repeated at its start), else og:title, Readability's or the <title>'s, never the site's name.
  const docTitle = normalizeSpace(doc.title ?? '');
  const coreStart = blocks.findIndex((b) => b.inCore);
  const rest = report.filter((b) => !metaBlocks.has(b));
  const before = blocks.slice(0, coreStart).filter((b) => !metaBlocks.has(b));
  const site = tags.get('sitename') ?? tags.get('og:site_name');
  const headingBlock = findTitleBlock(before, rest.slice(0, TITLE_WINDOW), [tags.get('articletitle'), tags.get('og:title')], docTitle, site);
  const tableTitle = govFields.find((f) => f.field === 'title' && f.value)?.value;
  const title =
    tags.get('articletitle') ||
    tableTitle ||
    (headingBlock && headingBlock.lines.join('')) ||
    titleSegment(tags.get('og:title'), site) ||
    titleSegment(readability?.title, site) ||
    titleSegment(docTitle, site) ||
    undefined;
  const titles = new Set([title, tags.get('articletitle'), tableTitle, headingBlock?.lines.join(''), titleSegment(tags.get('og:title'), site)].filter((x): x is string => !!x).map(compact));

  // Info lines: between the title and the dense core (or, without a title, just above the core), and at the report's two ends.
  const titleAt = headingBlock ? blocks.indexOf(headingBlock) : -1;
  const head = titleAt >= 0 && titleAt < coreStart ? blocks.slice(titleAt + 1, coreStart) : blocks.slice(Math.max(0, coreStart - INFO_WINDOW), coreStart);
  const infoBlocks = new Set([...head, ...rest.slice(0, INFO_WINDOW), ...rest.slice(-INFO_WINDOW)].filter((b) => !metaBlocks.has(b) && isInfoLine(b)));
  const infoFields = [...infoBlocks].flatMap((b) => metaFields(b.lines, false));

  // The info line between the title and the report's first paragraph states the article's date, labelled or not.
  const firstText = blocks.findIndex((b) => b.inBody && b.kind !== 'img' && !metaBlocks.has(b) && !infoBlocks.has(b) && b !== headingBlock && !isWidget(b) && !isLinkList(b) && !titles.has(compact(blockText(b))));
  const infoDates = [...infoBlocks].filter((b) => firstText < 0 || blocks.indexOf(b) < firstText).map(infoLineDate).filter((d): d is string => !!d);
  const inChrome = (b: Block) => chrome.some((c) => c.contains(b.el));
  const dropped = new Set(report.filter((b) => metaBlocks.has(b) || infoBlocks.has(b) || b === headingBlock || isWidget(b) || isLinkList(b) || inChrome(b)));
  const droppedEls = new Set([...dropped].map((b) => b.el));
  // An image goes with the widget it stands in (the QR code beside 扫一扫…) and is never report text outside the core.
  const widgetImage = (b: Block) => b.kind === 'img' && (!b.inCore || droppedEls.has(b.el.parentElement!));
  report = dropLeadingTitle(
    report.filter((b) => !dropped.has(b) && !widgetImage(b)),
    titles,
  );
  if (!report.some((b) => b.kind !== 'img')) throw new ImportError('网页中没有找到报告正文 / no report text found in the web page', 'empty');

  const warnings = [...decoded.warnings];
  const files = attachments(bodyEl, chrome);
  if (files.length) {
    warnings.push(
      `网页正文带有附件（${files.join('、')}），导入的只是网页上的文字；如报告全文在附件中，请下载附件后导入 / the page links attachments (${files.join(', ')}); only the page's own text was imported: if the report is in an attachment, download and import that`,
    );
  }
  const canonical = [...doc.querySelectorAll('link[rel]')].find((l) => /(?:^|\s)canonical(?:\s|$)/i.test(l.getAttribute('rel') ?? ''))?.getAttribute('href');
  const meta = buildMeta({ tags, fields: [...govFields, ...infoFields], infoDate: new Set(infoDates).size === 1 ? infoDates[0] : undefined, title, canonical, html: decoded.html });
  const source = htmlToSource(blocksToHtml(title, report));
  return { ...source, warnings: [...warnings, ...(source.warnings ?? [])], meta };
}

/** Files a report page links to (the report may be one of them), by their link text or file name. */
const ATTACHMENT = /\.(?:pdf|docx?|wps|ofd|xlsx?|et|zip|rar|7z)(?:[?#]|$)/i;
function attachments(bodyEl: Element, chrome: readonly Element[]): string[] {
  const names = [...bodyEl.querySelectorAll('a[href]')]
    .filter((a) => ATTACHMENT.test(a.getAttribute('href') ?? '') && !chrome.some((c) => c.contains(a)))
    .map((a) => normalizeSpace(a.textContent ?? '') || (a.getAttribute('href') ?? '').split(/[/?#]/).filter(Boolean).pop() || '');
  return [...new Set(names.filter(Boolean))];
}

/**
 * Runs of consecutive blocks that are metadata: lines of `label：value` pairs, labels alone, and
 * the values following them (a 信息公开 block written as a list, `<li>索引号：…</li>` or
 * `<dt>索引号</dt><dd>…</dd>`) within one group of elements. Images inside a run do not end it.
 */
function labelRuns(blocks: readonly Block[]): Block[][] {
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

/** Outline numbering of a section heading (一、 （一） 1. 第一章): a section's heading, never the report's title. */
const OUTLINE_NUMBER = /^(?:[一二三四五六七八九十]+[、.．]|[（(][一二三四五六七八九十\d]+[）)]|\d+[、.．]|第[一二三四五六七八九十\d]+[章节部分])/;

/**
 * The block that shows the report's title. Above the report: a block whose text is a title the
 * page states (ArticleTitle, og:title) or a segment of the <title> (which adds the site's name),
 * else the longest block of 8 characters or more that the <title> contains. At the report's
 * start, only the former. When no block repeats a stated title (a <title> showing only the site's
 * name), the article's own heading: the report's first block or the nearest block above it, a
 * heading first, that reads as a report title. Links, sentences, dates, section headings and the
 * site's or an organ's name (a header's logo text) never are.
 */
function findTitleBlock(before: readonly Block[], start: readonly Block[], stated: readonly (string | undefined)[], docTitle: string, site: string | undefined): Block | undefined {
  const notSite = (x: string | undefined): x is string => !!x && !siteNameLike(x, site);
  const segments = new Set([...stated, docTitle].flatMap((t) => (t ? [t, ...t.split(TITLE_SEPARATOR)] : [])).filter(notSite).map(compact));
  const whole = compact(docTitle);
  const textOf = (b: Block) => compact(b.lines.join(''));
  const titleLike = (b: Block) =>
    (b.kind === 'p' || b.kind === 'h') &&
    b.linkChars === 0 &&
    b.chars <= 120 &&
    [...textOf(b)].length >= MIN_TITLE_CHARS &&
    !SENTENCE_MARK.test(textOf(b).replace(/[,，、]/g, '')) &&
    notSite(b.lines.join(''));
  const exact = [...before, ...start].find((b) => titleLike(b) && segments.has(textOf(b)));
  if (exact) return exact;
  let best: Block | undefined;
  for (const b of before) {
    if (titleLike(b) && [...textOf(b)].length >= 8 && whole.includes(textOf(b)) && (!best || textOf(b).length > textOf(best).length)) best = b;
  }
  if (best) return best;
  const reportTitle = (b: Block) => {
    const t = toSimplified(textOf(b));
    return titleLike(b) && REPORT_TITLE_WORD.test(t) && !OUTLINE_NUMBER.test(t) && !parseDate(t) && !isInfoLine(b);
  };
  const near = [...start.slice(0, 1), ...before.slice(-TITLE_NEAR).reverse()];
  return near.find((b) => b.kind === 'h' && reportTitle(b)) ?? near.find(reportTitle);
}

/** Drops the title where the report repeats it at its start, whole or broken over two or three lines. */
function dropLeadingTitle(report: Block[], titles: Set<string>): Block[] {
  if (!titles.size) return report;
  const out = [...report];
  for (let i = 0; i < Math.min(TITLE_WINDOW, out.length); i++) {
    for (let n = 1; n <= 3 && i + n <= out.length; n++) {
      const joined = compact(out.slice(i, i + n).map(blockText).join(''));
      if (titles.has(joined)) {
        out.splice(i, n);
        return out;
      }
    }
  }
  return out;
}

/** SourceMeta from the labelled fields (the 信息公开 block's first, then the info line's), the meta tags and the info line's date. */
function buildMeta(p: { tags: Map<string, string>; fields: readonly MetaFieldValue[]; infoDate?: string; title?: string; canonical?: string | null; html: string }): SourceMeta {
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
