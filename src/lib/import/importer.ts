/**
 * The importer: a report copied as plain text from a government website, or written in Word,
 * becomes an MDX entry (frontmatter + body). Every format is first read into a SourceText (one
 * paragraph per line, plus what the format itself says: heading styles, tables); from there one
 * pipeline cleans, outlines, finds the metadata and serialises. Metadata is only ever taken from
 * the text; when the text does not state something (issuer, dates) we say so in a warning instead
 * of inventing it. Imports never lose data: saveEntry writes only inside reports/, merges into a
 * draft, and replaces a published entry only when forced, after a backup.
 */
import { constants, copyFileSync, existsSync, mkdirSync, readFileSync, realpathSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, isAbsolute, join, relative, resolve, sep } from 'node:path';
import type { Root, RootContent, Table, TableCell } from 'mdast';
import YAML from 'yaml';
import { isPlaceId, PLACE_ID_RULE, type PlaceRef } from '../../schemas/place';
import { loadPlaces } from '../places/load';
import { reportSchema, type IndicatorEntry, type ReportFrontmatter } from '../../schemas/report';
import { cleanText, type SourceLine } from './clean';
import { metaLabel, pageTitleOf, parseMetaFields, toSimplified } from './chrome';
import { extractIndicators, proposalsToFrontmatter } from '../figures/extract';
import { decodeText, TextFileError, type TextEncoding } from './encoding';
import { addPlaces, candidateList, hasDivisionCode, PlaceFileError, resolvePlace, resolvePlaceId, type PlaceTexts } from './places';
import { headingMarker, ORGAN, parseOutline, type Block, type HeadingDepth, type Outline } from './headings';
import { blocksToMdast, mdastToMdx, mdxFile, mdxToPlainText, splitMdxFile } from '../content/mdx';
import { contentDir } from '../../build/paths';
import { fullNameOf } from '../places/tree';
import { isWebUrl } from '../content/url';
import { charLength, parseDate, splitSentences } from '../text';
import { bodyText } from '../content/validate';
import { isDraft } from '../content/published';

export type { IndicatorEntry, PlaceRef, ReportFrontmatter };

export interface ImportOptions {
  /** Wins over the place inferred from the text. */
  placeId?: string;
  /** Wins over the year found in the text. */
  year?: number;
  /** Known places; read from `<content dir>/places.yaml` when omitted. */
  places?: readonly PlaceRef[];
}

export interface ImportResult {
  placeId?: string;
  /** The place and its ancestors that places.yaml lacks, parents first; saveEntry adds them. */
  newPlaces?: PlaceRef[];
  year: number;
  frontmatter: ReportFrontmatter;
  /** MDX body. */
  body: string;
  /** The whole file: frontmatter + body. */
  mdx: string;
  /** Every body sentence as plain text, as a reader sees it. */
  sentences: string[];
  warnings: string[];
  /** For a .txt read from bytes: the encoding it was in. */
  encoding?: TextEncoding;
}

export type ImportErrorCode =
  | 'empty'
  | 'unreadable'
  | 'not-text'
  | 'no-chinese'
  | 'no-year'
  | 'no-place'
  | 'unknown-place'
  | 'ambiguous-place'
  | 'bad-place-id'
  | 'outside-content'
  | 'published'
  | 'bad-existing'
  | 'invalid-frontmatter';

/** A report that cannot be imported without help; the message says what to pass or fix. */
export class ImportError extends Error {
  constructor(
    message: string,
    readonly code: ImportErrorCode,
  ) {
    super(message);
    this.name = 'ImportError';
  }
}

/** Reads the places of a content dir: the one places loader (src/lib/places/load.ts). */
export { loadPlaces };

const parentId = (id: string) => (id.includes('/') ? id.slice(0, id.lastIndexOf('/')) : undefined);
const depth = (id: string) => id.split('/').length;

/**
 * The full name used in titles (深圳市宝安区): `fullName` when given, else the site's rule
 * (fullNameOf in src/lib/places/tree.ts). Without a level, the depth of the id stands in for it.
 */
export function placeFullName(place: PlaceRef, places: readonly PlaceRef[]): string {
  if (place.fullName) return place.fullName;
  const ancestors: string[] = [];
  for (let id = parentId(place.id); id; id = parentId(id)) {
    const p = places.find((q) => q.id === id);
    if (p) ancestors.unshift(p.name);
  }
  const level = place.level ?? (depth(place.id) <= 2 ? 'prefecture' : 'county');
  return fullNameOf(place.name, level, ancestors);
}

const namesOf = (p: PlaceRef, places: readonly PlaceRef[]) =>
  [p.name, p.fullName, p.officialName, placeFullName(p, places)].filter((n): n is string => !!n && charLength(n) >= 2);

/**
 * The places named in `texts`, best first: the deepest match wins (a district over its city);
 * among equally deep ones, the one whose ancestors are also named. Returns all tied best matches.
 */
export function matchPlaces(texts: readonly string[], places: readonly PlaceRef[]): PlaceRef[] {
  const hay = texts.join('\n');
  const named = new Set(places.filter((p) => namesOf(p, places).some((n) => hay.includes(n))).map((p) => p.id));
  const score = (p: PlaceRef) => {
    let s = 0;
    for (let id = parentId(p.id); id; id = parentId(id)) if (named.has(id)) s++;
    return depth(p.id) * 100 + s;
  };
  const hits = places.filter((p) => named.has(p.id));
  const best = Math.max(...hits.map(score));
  return hits.filter((p) => score(p) === best);
}

const TITLE_WORDS = /报告|法治政府建设/;
/** A publishing organ that is itself a government, and so may stand for the issuer. */
const GOVERNMENT_ORGAN = /(?:人民政府|管委会|管理委员会|街道办事处)$/;

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

const YEAR = /(?<!\d)((?:19|20)\d{2})\s*年/;
const LEADING_YEAR = /^((?:19|20)\d{2})\s*年/;
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

/** A table of the source, standing on an empty line of SourceText.text reserved for it. */
export interface SourceTable {
  line: number;
  /** Cell texts row by row, the first row being the header; short rows are padded. */
  rows: string[][];
}

/**
 * A report as read from its file, before cleaning: the one input of the import pipeline, whatever
 * the format. A .txt is just `text`; a .docx adds what its structure says (src/lib/import/docx.ts).
 */
export interface SourceText {
  /** One paragraph per line. Warnings cite its 1-based line numbers. */
  text: string;
  /** Lines the source itself marks as headings (Word heading styles): line number -> depth. */
  headings?: ReadonlyMap<number, HeadingDepth>;
  /** Tables, in any order. */
  tables?: readonly SourceTable[];
  /** What reading the file dropped (images, comments); listed first among the import warnings. */
  warnings?: readonly string[];
  /** What the format states about the report outside its text (HTML meta tags, the gov.cn metadata table, PDF info). */
  meta?: SourceMeta;
}

/**
 * Metadata a source states in its own structure, each field as written there (dates `YYYY-MM-DD`).
 * The text's own statements are read by the pipeline; these complete or confirm them.
 */
export interface SourceMeta {
  title?: string;
  /** 发文机关 / 发布机构 as the page's metadata names it. */
  issuer?: string;
  /** 成文日期. */
  documentDate?: string;
  /** 发布日期 (never a page's update time or today's date). */
  publishedDate?: string;
  /** 来源 / 信息来源 / 发布者. */
  publisher?: string;
  /** Website name (SiteName). */
  site?: string;
  /** The page's own address (canonical or og:url), when the saved page states it. */
  url?: string;
  /** 索引号. */
  indexNumber?: string;
  /** 主题分类. */
  subject?: string;
  /** 文号. */
  documentNumber?: string;
  /** ColumnName: the site section it was published in. */
  column?: string;
}

/** A table in the body, among the outline's blocks. */
export interface TableBlock {
  type: 'table';
  rows: string[][];
  line: number;
}

/** A block of the imported body: an outline block or a table. */
export type BodyBlock = Block | TableBlock;

/**
 * The outline of the body lines. Lines the source marks as headings keep their depth and are not
 * read for numbering; all other lines go through parseOutline exactly as plain text does (numbered
 * headings, salutation, signature); tables are put back where they stood.
 */
export function outlineSource(lines: readonly SourceLine[], src: Pick<SourceText, 'headings' | 'tables'>): Omit<Outline, 'blocks'> & { blocks: BodyBlock[] } {
  const styled = src.headings ?? new Map<number, HeadingDepth>();
  const outline = parseOutline(lines.filter((l) => !styled.has(l.line)));
  const placed: BodyBlock[] = [
    ...lines.filter((l) => styled.has(l.line)).map((l): BodyBlock => ({ type: 'heading', depth: styled.get(l.line)!, text: l.text, line: l.line })),
    ...(src.tables ?? []).filter((t) => t.rows.length).map((t): BodyBlock => ({ type: 'table', rows: t.rows, line: t.line })),
  ].sort((a, b) => a.line - b.line);
  const blocks: BodyBlock[] = [];
  let next = 0;
  for (const b of outline.blocks) {
    while (next < placed.length && placed[next].line < b.line) blocks.push(placed[next++]);
    blocks.push(b);
  }
  blocks.push(...placed.slice(next));
  return { ...outline, blocks };
}

const blockSentences = (b: BodyBlock): string[] =>
  (b.type === 'signature' ? b.lines : b.type === 'table' ? b.rows.flat() : [b.text]).flatMap(splitSentences);

/** A GFM table; the first row is the header, every row as wide as the widest. */
function tableToMdast(rows: readonly string[][]): Table {
  const width = Math.max(...rows.map((r) => r.length));
  return {
    type: 'table',
    align: Array.from({ length: width }, () => null),
    children: rows.map((r) => ({
      type: 'tableRow',
      children: Array.from({ length: width }, (_, i): TableCell => ({ type: 'tableCell', children: r[i] ? [{ type: 'text', value: r[i] }] : [] })),
    })),
  };
}

/** The mdast tree of a body: outline blocks as mdx.ts builds them, tables as GFM tables. */
export function bodyToMdast(blocks: readonly BodyBlock[]): Root {
  return {
    type: 'root',
    children: blocks.flatMap((b): RootContent[] => (b.type === 'table' ? [tableToMdast(b.rows)] : blocksToMdast([b]).children)),
  };
}

/** Marks an indicator value proposed by the extractor that no person has checked yet. */
export const PREFILL_NOTE = '待核对（自动提取）';

/**
 * Indicator values for a new entry, proposed by the extractor from the body as a reader sees it.
 * Each carries PREFILL_NOTE (before the extractor's own remark) so the official confirms it. A
 * proposal the content check would reject (quote not in the body, value out of range) is left
 * out: a prefill must never make an entry invalid.
 */
export function prefillIndicators(body: string, year: number): Record<string, IndicatorEntry> {
  const visible = bodyText(body);
  const out: Record<string, IndicatorEntry> = {};
  for (const [key, v] of Object.entries(proposalsToFrontmatter(extractIndicators(mdxToPlainText(body), { year })))) {
    const entry: IndicatorEntry = { ...v, note: v.note ? `${PREFILL_NOTE}：${v.note}` : PREFILL_NOTE };
    if (visible.includes(v.quote) && reportSchema.shape.indicators.safeParse({ [key]: entry }).success) out[key] = entry;
  }
  return out;
}

/** How to add a place, with the id filled in when we know it. */
const addPlaceHelp = (id = '<拼音路径，如 hunan/yueyang>') =>
  `在内容目录的 places.yaml 中添加该地区（上级地区须已存在；level 可为 province/prefecture/county/township/zone）：\n` +
  `  - id: ${id}\n    name: <中文名称，如 岳阳市>\n    level: <层级>\n` +
  `/ add the place to places.yaml of the content dir (its parent must exist) as above`;

const placeHelp = () => `请用 --place <地区id> 指定地区，或${addPlaceHelp()}, or pass --place <place id>`;

/**
 * Imports one report read into a SourceText; the one pipeline of every format. Throws ImportError
 * when the year or place can neither be found in the text nor was given. Decisions:
 * - title: the line above the report that looks most like a report's title (findTitle), the
 *   lines above it dropped as page header; else the title the page's metadata states; else built
 *   (titleInferred: true) from the issuer the text states, or else the place's full name;
 * - issuer: from the title (`XX人民政府关于…`), else the signature block, else the page's 发文机关;
 *   when the text states none, the place's full name, with a warning (never an invented 人民政府);
 * - documentDate from the signature date, publishedDate and publisher from the page metadata; a
 *   missing date stays missing;
 * - the salutation and the signature block stay in the body (opening and closing paragraphs), so
 *   the page reads like the document; the title line does not (the layout shows the title);
 * - the frontmatter is that of a new entry: `draft: true`, and the indicators the extractor finds,
 *   each marked PREFILL_NOTE. For an existing entry, keepHandEdited keeps its own draft and
 *   indicators instead.
 */
export function importSource(src: SourceText, opts: ImportOptions = {}): ImportResult {
  const warnings: string[] = [...(src.warnings ?? [])];
  const places = opts.places ?? loadPlaces(contentDir());
  const clean = cleanText(src.text);
  if (!clean.lines.length) throw new ImportError('文本为空或只有网页杂项 / the text is empty or only page chrome', 'empty');

  // Title: the title line (or two, when wrapped), found past chrome no rule knew, else the title the
  // page's metadata states (its 标题 / 名称 field, or src.meta). The title is not part of the body.
  const meta = src.meta ?? {};
  const statedTitle = clean.title ?? (meta.title && (pageTitleOf(meta.title) ?? meta.title));
  const head = findTitle(clean.lines, statedTitle);
  const sourceTitle = head.text ?? statedTitle;
  if (head.header.length) {
    const dropped = head.header.map((l) => l.text).join('｜');
    warnings.push(`标题前的 ${head.header.length} 行不属于报告正文，已删除：${dropped} / dropped ${head.header.length} page header line(s) above the title: ${dropped}`);
  }
  const bodyLines: SourceLine[] = clean.lines.slice(head.end === undefined ? 0 : head.end + 1);
  const outline = outlineSource(bodyLines, src);
  warnings.push(...outline.warnings);
  const blocks = outline.blocks;
  if (!blocks.some((b) => b.type === 'paragraph' || b.type === 'heading')) {
    throw new ImportError('没有找到报告正文 / no report body found', 'empty');
  }
  const firstParagraph = blocks.find((b) => b.type === 'paragraph');

  // Year: given, else the title's, else the opening `2023年，…`.
  const textYear = Number((sourceTitle && YEAR.exec(sourceTitle)?.[1]) || (firstParagraph && LEADING_YEAR.exec(firstParagraph.text)?.[1])) || undefined;
  const year = opts.year ?? textYear;
  if (!year) {
    throw new ImportError('无法从标题或首句确定报告年度，请用 --year 指定 / cannot find the report year in the title or first sentence; pass --year', 'no-year');
  }
  if (opts.year && textYear && opts.year !== textYear) {
    warnings.push(`指定年度 ${opts.year} 与文中年度 ${textYear} 不一致，已用 ${opts.year} / the given year ${opts.year} differs from the text's ${textYear}; using ${opts.year}`);
  }

  const statedIssuer = (sourceTitle && issuerFromTitle(sourceTitle)) || outline.issuer || clean.issuer;

  // Place: given, else named in the title, issuer, 来源 or first sentence (in that order of trust),
  // against places.yaml and the national division list (src/lib/import/places.ts). A place
  // places.yaml lacks is proposed with its missing ancestors, added to the file by saveEntry. The
  // salutation is left out: it names the addressee (the city above), not the author.
  const placeTexts: PlaceTexts = {
    title: [sourceTitle, meta.title].filter(Boolean).join('\n') || undefined,
    issuer: [statedIssuer, meta.issuer].filter(Boolean).join('\n') || undefined,
    publisher: [clean.publisher, clean.organ, meta.publisher].filter(Boolean).join('\n') || undefined,
    firstSentence: firstParagraph && splitSentences(firstParagraph.text)[0],
  };
  let place: PlaceRef | undefined;
  let newPlaces: PlaceRef[] = [];
  let placeNames: string[] = [];
  if (opts.placeId) {
    if (!isPlaceId(opts.placeId)) {
      throw new ImportError(`--place 给出的地区 id“${opts.placeId}”不符合规则：${PLACE_ID_RULE.zh} / the place id "${opts.placeId}" given with --place ${PLACE_ID_RULE.en}`, 'bad-place-id');
    }
    place = places.find((p) => p.id === opts.placeId);
    // An id places.yaml lacks is taken when the text names that place (`--place` after an ambiguity).
    const named = place ? undefined : resolvePlaceId(opts.placeId, placeTexts, places);
    if (named) ({ place, newPlaces, names: placeNames } = named);
    if (!place) throw new ImportError(`地区“${opts.placeId}”不在 places.yaml 中 / unknown place "${opts.placeId}". ${addPlaceHelp(opts.placeId)}`, 'unknown-place');
  } else {
    const resolved = resolvePlace(placeTexts, places);
    if (resolved.kind === 'ambiguous') {
      const more = resolved.total > resolved.candidates.length ? `等 ${resolved.total} 处` : '';
      throw new ImportError(
        `文中的地区名称可指多处：${candidateList(resolved.candidates)}${more}。请用 --place 指定其一，如 --place ${resolved.candidates[0].id}` +
          ` / the place named in the text fits ${resolved.total} places (${resolved.candidates.map((c) => c.id).join(', ')}${more ? ', …' : ''}); pass one with --place, e.g. --place ${resolved.candidates[0].id}`,
        'ambiguous-place',
      );
    }
    if (resolved.kind === 'none') {
      const considered = resolved.considered.length
        ? `文中提到：${candidateList(resolved.considered)}`
        : `places.yaml 中有 ${places.length} 个地区${places.length ? `（${places.slice(0, 8).map((p) => p.id).join('、')}${places.length > 8 ? '…' : ''}）` : ''}，全国行政区划也无一在文中出现`;
      throw new ImportError(
        `无法从标题、发文机关、来源或首句识别地区（${considered}）/ cannot tell the place from the title, issuer, source or first sentence (considered: ${resolved.considered.map((c) => c.id).join(', ') || `${places.length} places of places.yaml and the national division list`}). ${placeHelp()}`,
        'no-place',
      );
    }
    ({ place, newPlaces, names: placeNames } = resolved);
  }
  // places.yaml is edited by hand and only checked by `npm run check`: its id becomes a path.
  if (!isPlaceId(place.id)) {
    throw new ImportError(
      `places.yaml 中“${place.name}”的地区 id“${place.id}”不符合规则：${PLACE_ID_RULE.zh}。请先改正 places.yaml / the place id "${place.id}" of ${place.name} in places.yaml ${PLACE_ID_RULE.en}; fix places.yaml first`,
      'bad-place-id',
    );
  }
  if (newPlaces.length) {
    const listed = newPlaces.map((p) => `${p.id}（${p.name}）`).join('、');
    warnings.push(`places.yaml 将新增地区：${listed}，请核对名称和层级 / new places for places.yaml: ${newPlaces.map((p) => p.id).join(', ')}; please check their names and levels`);
    if (place.level !== 'zone' && !hasDivisionCode(placeNames)) {
      warnings.push(
        `新地区“${placeNames.join(' > ')}”在构建时按名称查不到行政区划代码，npm run check 会报告此问题 / the build cannot look up the division code of ${placeNames.join(' > ')} by name; npm run check will report it`,
      );
    }
  }
  const fullName = placeFullName(place, [...places, ...newPlaces]);

  // 发布机构 of the page's metadata (the HTML reader's meta.issuer): the issuer only when it is itself a government.
  const organ = clean.organ ?? meta.issuer;
  let issuer = statedIssuer;
  if (!issuer && organ && GOVERNMENT_ORGAN.test(organ)) {
    issuer = organ;
    warnings.push(`文中未写明发文机关，issuer 暂填网页的发布机构“${organ}”，请核对 / the text names no issuer; issuer set to the page's publishing organ "${organ}", please check`);
  } else if (!issuer) {
    issuer = fullName;
    warnings.push(`文中未写明发文机关，issuer 暂填地区全称“${fullName}”，请核对 / the text names no issuer; issuer set to the place's full name "${fullName}", please check`);
  }
  const title = sourceTitle ?? inferredTitle(statedIssuer ?? fullName, year);
  if (!sourceTitle) warnings.push(`原文没有标题，已拟定为“${title}”(titleInferred: true) / the source has no title; built "${title}"`);

  // Dates and source: the text's own lines first, then what the format states (src.meta). Last for
  // the publication: the date of the info line between the title and the report, labelled or not
  // (`时间：2022-02-11 来源：…`), as the HTML reader takes it; a banner's or a footer's never.
  const documentDate = outline.documentDate ?? clean.documentDate ?? (meta.documentDate && parseDate(meta.documentDate));
  const titleLine = head.end !== undefined ? clean.lines[head.end].line : 0;
  const infoDates = new Set(clean.infoDates.filter((d) => d.line > titleLine && d.line < (bodyLines[0]?.line ?? Infinity)).map((d) => d.date));
  const publishedDate = clean.publishedDate ?? (meta.publishedDate && parseDate(meta.publishedDate)) ?? (infoDates.size === 1 ? [...infoDates][0] : undefined);
  const source: NonNullable<ReportFrontmatter['source']> = {};
  const sourceFields = {
    site: meta.site,
    url: meta.url && isWebUrl(meta.url) ? meta.url : undefined,
    publisher: clean.publisher ?? meta.publisher,
    indexNumber: clean.indexNumber ?? meta.indexNumber,
    organ,
    subject: clean.subject ?? meta.subject,
    documentNumber: clean.documentNumber ?? head.documentNumber ?? meta.documentNumber,
  };
  for (const [key, value] of Object.entries(sourceFields) as [keyof typeof sourceFields, string | undefined][]) if (value) source[key] = value;
  const frontmatter: ReportFrontmatter = {
    title,
    ...(sourceTitle ? {} : { titleInferred: true }),
    year,
    issuer,
    ...(documentDate ? { documentDate } : {}),
    ...(publishedDate ? { publishedDate } : {}),
    ...(Object.keys(source).length ? { source } : {}),
    draft: true,
    indicators: {},
  };

  const body = mdastToMdx(bodyToMdast(blocks));
  frontmatter.indicators = prefillIndicators(body, year);
  return {
    placeId: place.id,
    ...(newPlaces.length ? { newPlaces } : {}),
    year,
    frontmatter,
    body,
    mdx: mdxFile(frontmatter, body),
    sentences: blocks.flatMap(blockSentences),
    warnings,
  };
}

/** Imports one plain-text report (a .txt, or text copied from a web page): see importSource. */
export function importText(raw: string, opts: ImportOptions = {}): ImportResult {
  return importSource({ text: raw }, opts);
}

/**
 * Imports the bytes of a .txt report in whatever encoding it was saved (src/lib/import/encoding.ts);
 * a binary file, or one without any Chinese, throws ImportError (`not-text`, `no-chinese`).
 */
export function importTextFile(bytes: Uint8Array, opts: ImportOptions = {}): ImportResult {
  let decoded;
  try {
    decoded = decodeText(bytes);
  } catch (e) {
    if (e instanceof TextFileError) throw new ImportError(e.message, e.code);
    throw e;
  }
  return { ...importSource({ text: decoded.text, warnings: decoded.warnings }, opts), encoding: decoded.encoding };
}

/** Frontmatter fields people edit by hand; a re-import keeps them from the existing file. */
export const HAND_EDITED_FIELDS = ['indicators', 'source.site', 'source.url', 'draft'] as const;

/**
 * The fresh frontmatter with the hand-edited fields of an existing entry carried over, in the
 * schema's field order, and the names of the fields that were carried over. The existing entry's
 * `draft` and `indicators` replace the fresh ones even when absent: a published entry stays
 * published, and hand-checked indicators are never overwritten by the extractor's proposals.
 */
export function keepHandEdited(fresh: ReportFrontmatter, existing: Record<string, unknown>): { frontmatter: ReportFrontmatter; kept: string[] } {
  const kept: string[] = [];
  const old = existing as Partial<ReportFrontmatter>;
  const oldSource = (old.source ?? {}) as NonNullable<ReportFrontmatter['source']>;
  // site and url are hand-edited: the existing ones win; the page's own fields come from the fresh import.
  const { site: freshSite, url: freshUrl, ...freshPage } = fresh.source ?? {};
  const site = oldSource.site ?? freshSite;
  const url = oldSource.url ?? freshUrl;
  const source = {
    ...(site !== undefined ? { site } : {}),
    ...(url !== undefined ? { url } : {}),
    ...freshPage,
  };
  if (oldSource.site !== undefined) kept.push('source.site');
  if (oldSource.url !== undefined) kept.push('source.url');
  if (old.draft !== undefined) kept.push('draft');
  const indicators = old.indicators && typeof old.indicators === 'object' ? old.indicators : {};
  if (old.indicators && Object.keys(old.indicators).length) kept.push('indicators');
  const frontmatter: ReportFrontmatter = {
    title: fresh.title,
    ...(fresh.titleInferred ? { titleInferred: true } : {}),
    year: fresh.year,
    issuer: fresh.issuer,
    ...(fresh.documentDate ? { documentDate: fresh.documentDate } : {}),
    ...(fresh.publishedDate ? { publishedDate: fresh.publishedDate } : {}),
    ...(Object.keys(source).length ? { source } : {}),
    ...(old.draft !== undefined ? { draft: old.draft } : {}),
    indicators,
  };
  return { frontmatter, kept };
}

const isOutside = (rel: string) => rel === '..' || rel.startsWith(`..${sep}`) || isAbsolute(rel);

/**
 * Whether the folders of `target` that already exist stay inside `reports` once links are
 * followed: a folder under reports/ that is a link to elsewhere would carry the write out.
 */
function staysInside(reports: string, target: string): boolean {
  let existing = dirname(target);
  while (!existsSync(existing) && existing !== dirname(existing)) existing = dirname(existing);
  // Nothing of reports/ exists yet: the folders mkdir creates are plain ones.
  if (isOutside(relative(reports, existing))) return true;
  return !isOutside(relative(realpathSync(reports), realpathSync(existing)));
}

/**
 * The file of an entry: `<dir>/reports/<place id>/<year>.mdx`. Refused (ImportError
 * `outside-content`) unless the id is well formed and the path resolves inside `<dir>/reports/`,
 * links followed: an import must never write elsewhere on the disk.
 */
export function reportTarget(dir: string, placeId: string, year: number): string {
  const reports = resolve(dir, 'reports');
  const target = join(dir, 'reports', placeId, `${year}.mdx`);
  const rel = relative(reports, resolve(target));
  if (!rel || isOutside(rel) || !isPlaceId(placeId) || !Number.isInteger(year) || !staysInside(reports, resolve(target))) {
    throw new ImportError(
      `拒绝写入 ${target}：地区 id“${placeId}”不符合规则，或其文件夹链接到别处，文件会落在内容目录的 reports/ 之外，未写入任何文件。地区 id ${PLACE_ID_RULE.zh}` +
        ` / refusing to write ${target}: the place id "${placeId}" is invalid, or its folder links elsewhere, so the file would fall outside reports/ of the content dir; nothing was written. A place id ${PLACE_ID_RULE.en}`,
      'outside-content',
    );
  }
  return target;
}

const stamp = (d: Date) => {
  const p = (n: number) => String(n).padStart(2, '0');
  return `${d.getFullYear()}${p(d.getMonth() + 1)}${p(d.getDate())}T${p(d.getHours())}${p(d.getMinutes())}${p(d.getSeconds())}`;
};

/**
 * Copies `file` to `<file>.bak-<YYYYMMDDTHHMMSS>` next to it (`-2`, `-3`… when that exists) and
 * returns the copy's path. The name ends in neither .mdx nor .md, so the site and `npm run check`
 * never take a backup for a report; an existing backup is never overwritten.
 */
export function backupFile(file: string, now: Date = new Date()): string {
  const base = `${file}.bak-${stamp(now)}`;
  for (let n = 1; ; n++) {
    const backup = n === 1 ? base : `${base}-${n}`;
    try {
      copyFileSync(file, backup, constants.COPYFILE_EXCL);
      return backup;
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code !== 'EEXIST') throw e;
    }
  }
}

export interface SaveOptions {
  /** Replace a published entry (after a backup). */
  force?: boolean;
  /** Work out the file, write nothing. */
  dryRun?: boolean;
  /** When the backup was made; for its name. */
  now?: Date;
}

export interface SavedEntry {
  target: string;
  /** Whether the file existed before. */
  existed: boolean;
  /** Whether the file existed as a published entry (replaced only with `force`). */
  published: boolean;
  frontmatter: ReportFrontmatter;
  mdx: string;
  /** Hand-edited fields carried over from the existing file (keepHandEdited). */
  kept: string[];
  /** Where the published file was copied before it was replaced. */
  backup?: string;
  /** Ids of the places added to places.yaml for this entry (ImportResult.newPlaces not yet there). */
  placesAdded?: string[];
}

/**
 * Writes an imported report into content dir `dir`. A new entry is written as imported. An existing
 * draft keeps its hand-edited fields (keepHandEdited). An existing published entry is never
 * touched unless `force` is given, and then it is first copied to a backup (backupFile): a
 * re-import would replace the title, body and dates people may have corrected. The file is
 * written whole (temporary file, then rename), so an interrupted import leaves the old one.
 * Throws ImportError: `outside-content`, `published`, `bad-existing`, `invalid-frontmatter`.
 */
export function saveEntry(dir: string, result: ImportResult, opts: SaveOptions = {}): SavedEntry {
  if (!result.placeId) throw new ImportError('没有地区，无法确定保存位置 / no place, so no file to write to', 'no-place');
  const target = reportTarget(dir, result.placeId, result.year);
  const existed = existsSync(target);
  let frontmatter = result.frontmatter;
  let kept: string[] = [];
  let published = false;
  if (existed) {
    let data: Record<string, unknown>;
    try {
      data = splitMdxFile(readFileSync(target, 'utf8')).data;
    } catch (e) {
      throw new ImportError(
        `${target}：现有文件的 frontmatter 无法解析，未覆盖。请先改正该文件 / cannot parse the frontmatter of the existing file, so it was not overwritten; fix it first (${(e as Error).message})`,
        'bad-existing',
      );
    }
    published = !isDraft(data);
    if (published && !opts.force && !opts.dryRun) {
      throw new ImportError(
        `${target} 是已发布的报告（没有 draft: true）。重新导入会替换其正文、标题、日期和来源，为免丢失已核对的内容，已停止，未改动任何文件。` +
          `如确需用新文本替换，请加 --force 重新运行（原文件会先备份在同一文件夹）` +
          ` / ${target} is a published report (no draft: true). Re-importing would replace its text, title, dates and source, so nothing was changed. ` +
          `To replace it anyway, run again with --force (the old file is backed up next to it first)`,
        'published',
      );
    }
    ({ frontmatter, kept } = keepHandEdited(result.frontmatter, data));
  }
  const checked = reportSchema.safeParse(frontmatter);
  if (!checked.success) {
    throw new ImportError(
      `${target}：生成的 frontmatter 不符合要求 / the generated frontmatter is invalid:\n${checked.error.issues.map((i) => `  ${i.path.join('.')}: ${i.message}`).join('\n')}`,
      'invalid-frontmatter',
    );
  }
  const mdx = mdxFile(frontmatter, result.body);
  const saved: SavedEntry = { target, existed, published, frontmatter, mdx, kept };
  if (opts.dryRun) return saved;
  // New places first: an entry is never written under a place the site does not know.
  if (result.newPlaces?.length) {
    try {
      saved.placesAdded = addPlaces(dir, result.newPlaces);
    } catch (e) {
      if (e instanceof PlaceFileError) throw new ImportError(e.message, 'bad-existing');
      throw e;
    }
  }
  if (published) saved.backup = backupFile(target, opts.now);
  mkdirSync(dirname(target), { recursive: true });
  const tmp = `${target}.tmp-${process.pid}`;
  try {
    writeFileSync(tmp, mdx);
    renameSync(tmp, target);
  } finally {
    rmSync(tmp, { force: true });
  }
  return saved;
}
