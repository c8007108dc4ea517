/**
 * The title of an imported report, found among the lines above it past page chrome, and the
 * issuer and year a title states. Titles are only ever taken from the text (or the page's own
 * metadata); when there is none, `inferredTitle` builds one in 公文 form, and the entry says so.
 */
import type { SourceLine } from './clean';
import { metaLabel, parseMetaFields } from './meta-fields';
import { toSimplified } from './lines';
import { headingMarker, ORGAN } from './headings';
import { charLength } from '../text';

const TITLE_WORDS = /报告|法治政府建设/;

/**
 * A line that is a report title: names the report, short, not a sentence, not a metadata line
 * (`组配分类: 法治政府建设年度报告`). A title may start with its year when it ends like one
 * (`2023年度法治政府建设工作报告`).
 */
export function looksLikeTitle(text: string): boolean {
  return (
    TITLE_WORDS.test(toSimplified(text)) &&
    charLength(text) <= 80 &&
    !/[。，,；;！？!?]/.test(text) &&
    (!/^(?:19|20)\d{2}\s*年/.test(text) || /(?:报告|情况)$/.test(text)) &&
    !headingMarker(text) &&
    !parseMetaFields(text) &&
    !metaLabel(text)
  );
}

/**
 * How far a title is looked for past page chrome the rules did not know (a column tree, a notice
 * in prose), until the report begins: its first numbered heading, a salutation, or a paragraph.
 */
const TITLE_SEARCH = 80;
/** How far a title-like line that does not end like a report's title is looked for: only past header lines at the top. */
const WEAK_TITLE_SEARCH = 8;
/** Lines of prose a title is looked for past: notices above a page's title (自动转换为繁体…。), never a body. */
const PROSE_BEFORE_TITLE = 2;
/** Longer than a notice: a paragraph of the report, which no title follows. */
const NOTICE_CHARS = 100;
/** A header line that may stand before the title: short, not a sentence, salutation or heading. */
const isHeaderLine = (text: string) => charLength(text) <= 60 && !/[。，,；;！？!?:：]$|[。！？；;]/.test(text) && !headingMarker(text);
/** `深宝府〔2024〕3号`: the 文号 a 公文 prints above its title. */
const DOCUMENT_NUMBER_LINE = /^[\u4e00-\u9fa5]{1,12}\s*[〔\[［(（]\s*(?:19|20)\d{2}\s*[〕\]］)）]\s*\d{1,4}\s*号$/;
/** `1. 首页`: an item of a numbered list of links, as a printed breadcrumb or menu reads. */
const NUMBERED_MENU_ITEM = /^\d{1,2}\s*[.．、]\s*[\u4e00-\u9fa5]{1,8}$/;
/** How a report's title ends: …的报告, …工作报告, …年度报告, …工作情况, …工作总结. */
const REPORT_TITLE_END = /(?:报告|报告书|情况|总结)$/;

/**
 * How much a line looks like the report's title: 3 when it ends like one and names its year
 * (北京市朝阳区人民政府关于2021年法治政府建设情况的报告), 2 when it ends like one (a column named
 * 法治政府建设年度报告), 1 when it only names the subject (a menu item 法治政府建设), else 0.
 */
export function titleStrength(text: string): number {
  if (!looksLikeTitle(text)) return 0;
  const s = toSimplified(text).replace(/\s+/g, '');
  if (!REPORT_TITLE_END.test(s)) return 1;
  return YEAR.test(s) ? 3 : 2;
}

/**
 * Whether a line of that strength may be the title at line `i`: one that names its year anywhere
 * above the report; one that only ends like a title, when it is more than a column's name (关于…,
 * or longer than 法治政府建设年度报告); else only near the top, past header lines.
 */
const usableTitle = (text: string, strength: number, i: number, onlyHeader: boolean) =>
  strength === 3 || (strength === 2 && (/关于|關於/.test(text) || charLength(text) >= 14)) || (strength > 0 && onlyHeader && i < WEAK_TITLE_SEARCH);
/** The first line of a wrapped title fills the width of a column; a menu item does not. */
const TITLE_HEAD_CHARS = 12;
/** A title's second line as a narrow page or a 公文 wraps it: short, and not a sentence, heading or label. */
const isTitleTail = (text: string) => charLength(text) <= 20 && !/[。，,；;！？!?:：]/.test(text) && !headingMarker(text) && !/[\d]{4}/.test(text);
/** Two lines of one title joined: CJK runs on without a space. */
const joinTitle = (a: string, b: string) => (/[\u3400-\u9fff）》”]$/.test(a) && /^[\u3400-\u9fff（《“]/.test(b) ? a + b : `${a} ${b}`);

/** Where the title stands among the lines, and its text (two lines joined when it was wrapped). */
export interface TitleFound {
  /** First line of the title, when found. */
  index?: number;
  /** Last line of the title (index, or the line after it when the title was wrapped). */
  end?: number;
  text?: string;
  /** The lines above the title: page header, not the report. */
  header: SourceLine[];
  /** The 文号 printed among the header lines. */
  documentNumber?: string;
}

/**
 * The title among the lines above the report: the line equal to the title the page's metadata
 * states, else the line that looks most like a report's title (titleStrength), the last of equals,
 * as the title stands right above the text and links to other reports above it. A title wrapped
 * onto a short second line (a narrow column, a 公文's two-line title, a PDF) is taken whole. The
 * search runs past any chrome the rules did not know (a column tree, site names, a 公文's red
 * header, a notice in prose) and stops where the report begins: a numbered heading, a salutation,
 * a paragraph. A line that only names the subject is taken only near the top, past header lines.
 * The lines above the title are not the report: they are returned to be dropped, and a 文号 among
 * them is read.
 */
export function findTitle(lines: readonly SourceLine[], known?: string): TitleFound {
  const wanted = known?.replace(/\s+/g, '');
  const same = (text: string) => !!wanted && text.replace(/\s+/g, '') === wanted;
  let best: { index: number; end: number; text: string; strength: number } | undefined;
  let prose = 0;
  let onlyHeader = true;
  for (let i = 0; i < Math.min(lines.length, TITLE_SEARCH); i++) {
    const text = lines[i].text;
    const next = lines[i + 1]?.text;
    const joined = next !== undefined && charLength(text) >= TITLE_HEAD_CHARS && isTitleTail(next) ? joinTitle(text, next) : undefined;
    if (same(text) || (joined && same(joined))) {
      best = same(text) ? { index: i, end: i, text, strength: Infinity } : { index: i, end: i + 1, text: joined!, strength: Infinity };
      break;
    }
    const strength = titleStrength(text);
    // A title wrapped onto a short line that ends it (…法治政府建 / 设情况的报告) is taken whole,
    // unless the first line alone is the stronger title.
    const whole = joined && REPORT_TITLE_END.test(toSimplified(next!)) ? titleStrength(joined) : 0;
    if (whole >= strength && usableTitle(joined!, whole, i, onlyHeader) && whole >= (best?.strength ?? 0)) {
      best = { index: i, end: i + 1, text: joined!, strength: whole };
      i++;
      continue;
    }
    if (usableTitle(text, strength, i, onlyHeader) && strength >= (best?.strength ?? 0)) best = { index: i, end: i, text, strength };
    if (strength) continue;
    // A numbered line of a few words is a list in the page (a breadcrumb printed as `1. 首页`), not the report's first heading.
    if ((headingMarker(text) && !NUMBERED_MENU_ITEM.test(text)) || /[:：]$/.test(text)) break;
    // Prose under a title is the report's opening; prose above any title may be a notice.
    if (/[。！？]/.test(text) && (best || ++prose > PROSE_BEFORE_TITLE || charLength(text) > NOTICE_CHARS)) break;
    if (!isHeaderLine(text)) onlyHeader = false;
  }
  if (!best) return { header: [] };
  const header = lines.slice(0, best.index);
  return { index: best.index, end: best.end, text: best.text, header, documentNumber: header.find((l) => DOCUMENT_NUMBER_LINE.test(l.text))?.text };
}

/** A year as a text states it (2023年). */
export const YEAR = /(?<!\d)((?:19|20)\d{2})\s*年/;
/** A year that opens a sentence (2023年，…). */
export const LEADING_YEAR = /^((?:19|20)\d{2})\s*年/;
/** `漳州高新区管委会关于…`: the issuing body before 关于. */
const TITLE_ISSUER = /^([^\d\s。，,；;：:“”"《》]{2,40}?)关于/;

/** The issuer named at the start of a title (`XX人民政府关于…`, or 關於 on a Traditional page), as written. */
export function issuerFromTitle(title: string): string | undefined {
  const simple = toSimplified(title);
  const m = TITLE_ISSUER.exec(simple);
  if (!m || !ORGAN.test(m[1])) return undefined;
  return simple.length === title.length ? title.slice(0, m[1].length) : m[1];
}

/** The title we write when the source has none, following 公文 form: 发文机关 + 关于 + 事由 + 的报告. */
export const inferredTitle = (who: string, year: number) => `${who}关于${year}年度法治政府建设情况的报告`;
