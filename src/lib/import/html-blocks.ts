/**
 * A web page as a sequence of blocks in reading order (paragraphs with their lines, headings,
 * data tables, images), and where the report stands among them: the dense core (the deepest
 * element holding nearly all of the page's sentence text), Mozilla Readability's pick mapped back
 * to the page's elements, and the chrome the page's structure names (header, nav, footer …).
 */
import { Readability } from '@mozilla/readability';
import { normalizeSpace } from '../text';

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
export const SENTENCE_MARK = /[。；！？，,;]/;
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
export function sentenceWeights(body: Element): { weights: Map<Element, number>; chrome: Element[] } {
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
export function denseCore(body: Element, weights: Map<Element, number>): Element {
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
export const ID_ATTR = 'data-fazhi-node';

/**
 * Readability's choice in the original page: the element holding every block with sentence text
 * that Readability kept, and the set of elements it kept. Undefined when it finds no article.
 */
export function readabilityPick(doc: Document, byId: readonly Element[], weights: Map<Element, number>): { pick: Element; kept: Set<Element>; title?: string } | undefined {
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

export interface Cell {
  text: string;
  rowSpan: number;
  colSpan: number;
}

/** A block of the page in reading order: a paragraph (its lines), a heading, a data table or an image. */
export interface Block {
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
export function readBlocks(root: Element, bodyEl: Element, core: Element): Block[] {
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

/** A block's text, its lines (or cells) joined by spaces. */
export const blockText = (b: Block) => (b.kind === 'table' ? b.rows!.flat().map((c) => c.text).join(' ') : b.lines.join(' '));
/** Text without any white space, for comparing titles however a page spaces them. */
export const compact = (s: string) => normalizeSpace(s).replace(/\s+/g, '');
