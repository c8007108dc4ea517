/**
 * The importer: a report copied as plain text from a government website, or written in Word,
 * becomes an MDX entry (frontmatter + body). Every format is first read into a SourceText (one
 * paragraph per line, plus what the format itself says: heading styles, tables); from there one
 * pipeline cleans, outlines, finds the metadata and serialises. Metadata is only ever taken from
 * the text; when the text does not state something (issuer, dates) we say so in a warning instead
 * of inventing it. Imports never lose data: saveEntry writes only inside reports/, merges into a
 * draft, and replaces a published entry only when forced, after a backup.
 *
 * This module is the pipeline; its parts are ./types.ts (SourceText, options, result, ImportError),
 * ./title.ts (the title, and the year and issuer it states), ./body.ts (the outline as mdast),
 * ./place-names.ts and ./places.ts (places), and ./save.ts (writing the entry). It re-exports
 * them, so callers import the importer from one place.
 */
import { isPlaceId, PLACE_ID_RULE, type PlaceRef } from '../../schemas/place';
import { loadPlaces } from '../places/load';
import { reportSchema, type IndicatorEntry, type ReportFrontmatter } from '../../schemas/report';
import { cleanText, type SourceLine } from './clean';
import { pageTitleOf } from './chrome';
import { extractIndicators, proposalsToFrontmatter } from '../figures/extract';
import { decodeText, TextFileError } from './encoding';
import { candidateList, hasDivisionCode, resolvePlace, resolvePlaceId, type PlaceTexts } from './places';
import { mdastToMdx, mdxFile, mdxToPlainText } from '../content/mdx';
import { contentDir } from '../../build/paths';
import { isWebUrl } from '../content/url';
import { parseDate, splitSentences } from '../text';
import { bodyText } from '../content/validate';
import { ImportError, type ImportOptions, type ImportResult, type SourceText } from './types';
import { findTitle, inferredTitle, issuerFromTitle, LEADING_YEAR, YEAR } from './title';
import { blockSentences, bodyToMdast, outlineSource } from './body';
import { placeFullName } from './place-names';

export type { IndicatorEntry, PlaceRef, ReportFrontmatter };
export { ImportError, type ImportErrorCode, type ImportOptions, type ImportResult, type SourceMeta, type SourceTable, type SourceText } from './types';
export { findTitle, inferredTitle, issuerFromTitle, looksLikeTitle, titleStrength, type TitleFound } from './title';
export { bodyToMdast, outlineSource, type BodyBlock, type TableBlock } from './body';
export { matchPlaces, placeFullName } from './place-names';
export { backupFile, HAND_EDITED_FIELDS, keepHandEdited, reportTarget, saveEntry, type SavedEntry, type SaveOptions } from './save';

/** Reads the places of a content dir: the one places loader (src/lib/places/load.ts). */
export { loadPlaces };

/** A publishing organ that is itself a government, and so may stand for the issuer. */
const GOVERNMENT_ORGAN = /(?:人民政府|管委会|管理委员会|街道办事处)$/;

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

