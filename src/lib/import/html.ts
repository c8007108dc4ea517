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
 * Bytes are decoded by BOM, then the page's declared charset, then detection (./html-decode.ts).
 * Traditional-character pages are kept verbatim; labels are matched through Simplified. The page's
 * blocks and its dense core are read by ./html-blocks.ts, its metadata by ./html-meta.ts; this
 * module puts them together and finds the title and the widgets.
 */
import { parseHTML } from 'linkedom';
import { htmlToSource } from './docx';
import { ImportError, type SourceText } from './types';
import { normalizeSpace, parseDate } from '../text';
import { toSimplified } from './lines';
import { decodeHtml } from './html-decode';
import { blockText, compact, denseCore, ID_ATTR, readabilityPick, readBlocks, SENTENCE_MARK, sentenceWeights, type Block } from './html-blocks';
import { buildMeta, infoLineDate, isGovBlock, isInfoLine, labelRuns, metaFields, metaTags, textsOf } from './html-meta';

export { decodeHtml, declaredCharset, type DecodedHtml } from './html-decode';

// ---------------------------------------------------------------------------------------------
// Widgets and the title

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

