/**
 * What passes between the import's parts: the SourceText every format is read into (the readers
 * in ./read.ts, ./html.ts, ./pdf.ts, ./docx.ts), the options and result of the pipeline
 * (./importer.ts), and the error that says what to pass or fix.
 */
import type { PlaceRef } from '../../schemas/place';
import type { ReportFrontmatter } from '../../schemas/report';
import type { HeadingDepth } from './headings';
import type { TextEncoding } from './encoding';

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
