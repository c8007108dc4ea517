/**
 * Checks across entries that a Zod schema of one entry cannot make: the file's place and year,
 * quotes against the body, duplicates. Plain data in, problems out, so the build and
 * `npm run check` report the same problems in the same words.
 */
import { findIndicator } from '../figures/indicators';

export interface Problem {
  /** Path of the entry, relative to the project. */
  file: string;
  /** Line in the file (1-based), where known. */
  line?: number;
  /** Frontmatter field, e.g. `indicators.litigationLossRate.quote`. */
  field?: string;
  message: string;
}

export interface EntryInput {
  file: string;
  /** `<place id>/<year>`: the path under reports/ without extension. */
  id: string;
  body: string;
  data: { year: number; indicators: Record<string, { quote: string; value: number }> };
}

/** The one wording of this error, shared by validation and the rehype plugin that marks quotes. */
export const quoteNotFound = (quote: string) =>
  `引文“${quote}”在正文中找不到，请逐字复制正文原句 / the quote does not occur in the body; copy it from the text exactly`;

/** The body as a reader sees its text: Markdown escapes and heading marks removed. */
export function bodyText(body: string): string {
  return body
    .replace(/\\([!-/:-@[-`{-~])/g, '$1') // CommonMark: any ASCII punctuation may be backslash-escaped
    .replace(/&#x([0-9a-f]+);/gi, (_, hex: string) => String.fromCodePoint(parseInt(hex, 16)))
    .replace(/&#(\d+);/g, (_, dec: string) => String.fromCodePoint(Number(dec)))
    .replace(/^#{1,6}\s+/gm, '');
}

/** Splits an entry id into place id and year, or returns undefined when it is not `<place>/<year>`. */
export function parseEntryId(id: string): { placeId: string; year: number } | undefined {
  const m = /^(.+)\/(\d{4})$/.exec(id);
  return m ? { placeId: m[1], year: Number(m[2]) } : undefined;
}

/**
 * Checks that need the body: it is not empty, and every quote occurs in it. The reports loader runs
 * these at content sync, so the body need not be kept in the content store for the build.
 */
export function bodyProblems(e: Pick<EntryInput, 'file' | 'body'> & { data: { indicators: Record<string, { quote: string }> } }): Problem[] {
  const problems: Problem[] = [];
  if (!e.body.trim()) problems.push({ file: e.file, message: '正文为空 / the report body is empty' });
  const text = bodyText(e.body);
  for (const [key, v] of Object.entries(e.data.indicators)) {
    if (findIndicator(key) && !text.includes(v.quote)) {
      problems.push({ file: e.file, field: `indicators.${key}.quote`, message: quoteNotFound(v.quote) });
    }
  }
  return problems;
}

/** Checks of where an entry lives: its file is `<place id>/<year>`, the place exists and the year matches. */
export function locationProblems(e: Pick<EntryInput, 'file' | 'id' | 'data'>, placeIds: ReadonlySet<string>): Problem[] {
  const where = parseEntryId(e.id);
  if (!where) {
    return [
      {
        file: e.file,
        message: `报告文件应放在 reports/<地区id>/<年度>.mdx，如 reports/hunan/huaihua/2023.mdx / a report must be at reports/<place id>/<year>.mdx`,
      },
    ];
  }
  const problems: Problem[] = [];
  if (!placeIds.has(where.placeId)) {
    problems.push({
      file: e.file,
      message: `地区“${where.placeId}”不在 places.yaml 中，请先添加该地区 / place "${where.placeId}" is not in places.yaml; add it first`,
    });
  }
  if (!Number.isNaN(e.data.year) && where.year !== e.data.year) {
    problems.push({
      file: e.file,
      field: 'year',
      message: `文件名年度 ${where.year} 与 year: ${e.data.year} 不一致 / the file name says ${where.year} but year is ${e.data.year}`,
    });
  }
  return problems;
}

/** All problems of one entry, given its body problems: an entry not at <place>/<year> is reported for that alone. */
export function entryProblems(e: Pick<EntryInput, 'file' | 'id' | 'data'>, placeIds: ReadonlySet<string>, body: readonly Problem[]): Problem[] {
  const location = locationProblems(e, placeIds);
  return parseEntryId(e.id) ? [...location, ...body] : location;
}

export function validateEntries(entries: readonly EntryInput[], placeIds: ReadonlySet<string>): Problem[] {
  return entries.flatMap((e) => entryProblems(e, placeIds, bodyProblems(e)));
}

/** How a build that fails on its content begins its message; scripts/build.ts shows the list after it whole. */
export const CONTENT_PROBLEMS = '报告内容有误';

/** One line per problem: `file:line › field: message`. */
export function formatProblems(problems: readonly Problem[]): string {
  return problems.map((p) => `${p.file}${p.line ? `:${p.line}` : ''}${p.field ? ` › ${p.field}` : ''}: ${p.message}`).join('\n');
}
