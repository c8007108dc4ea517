/**
 * Open-data shapes (documented in README): plain data in, rows out, shared by the JSON and CSV
 * endpoints so both always say the same thing; and the files themselves (CSV, JSON, feed items),
 * written so that no text a report carries can act as a formula, markup or code where they are opened.
 */
import type { RSSFeedItem } from '@astrojs/rss';
import { stringify } from 'csv-stringify/sync';
import { getIndicator, indicatorOrder } from './indicators';
import { quoteAnchorId } from '../urls';

export interface OpenPlace {
  id: string;
  name: string;
  fullName: string;
  level: string;
  code?: string;
}

export interface OpenReportInput {
  place: OpenPlace;
  year: number;
  url: string;
  data: {
    title: string;
    titleInferred: boolean;
    issuer: string;
    documentDate?: Date;
    publishedDate?: Date;
    source?: { site?: string; url?: string; publisher?: string };
    indicators: Record<string, { value: number; quote: string; unit?: string; approximate: boolean; note?: string }>;
  };
}

/** One CSV row: a report and one of its indicators. Column order is the CSV's. */
export const CSV_COLUMNS = [
  'place_id',
  'place_name',
  'code',
  'level',
  'year',
  'key',
  'label',
  'value',
  'unit',
  'approximate',
  'quote',
  'url',
] as const;
export type CsvRow = Record<(typeof CSV_COLUMNS)[number], string | number | boolean>;

const day = (d?: Date) => (d ? d.toISOString().slice(0, 10) : null);

/** A report's indicators in registry order, each with what both exports say of it. */
function indicatorFacts(r: OpenReportInput) {
  return Object.entries(r.data.indicators)
    .sort(([a], [b]) => indicatorOrder(a) - indicatorOrder(b))
    .map(([key, v]) => {
      const def = getIndicator(key);
      return {
        key,
        v,
        label: def.label,
        // Counts keep the counting word the text uses (宗, 人次); rates and amounts the registry unit.
        unit: def.kind === 'count' ? (v.unit ?? def.unit) : def.unit,
        quoteUrl: `${r.url}#${quoteAnchorId(key)}`,
      };
    });
}

export function reportJson(r: OpenReportInput) {
  return {
    place: r.place,
    year: r.year,
    title: r.data.title,
    titleInferred: r.data.titleInferred,
    issuer: r.data.issuer,
    documentDate: day(r.data.documentDate),
    publishedDate: day(r.data.publishedDate),
    source: r.data.source ?? null,
    url: r.url,
    indicators: Object.fromEntries(
      indicatorFacts(r).map(({ key, v, label, unit, quoteUrl }) => [
        key,
        { label, value: v.value, unit, approximate: v.approximate, quote: v.quote, quoteUrl, ...(v.note ? { note: v.note } : {}) },
      ]),
    ),
  };
}

export function csvRows(reports: readonly OpenReportInput[]): CsvRow[] {
  return reports.flatMap((r) =>
    indicatorFacts(r).map(({ key, v, label, unit, quoteUrl }) => ({
      place_id: r.place.id,
      place_name: r.place.fullName,
      code: r.place.code ?? '',
      level: r.place.level,
      year: r.year,
      key,
      label,
      value: v.value,
      unit,
      approximate: v.approximate,
      quote: v.quote,
      url: quoteUrl,
    })),
  );
}

/**
 * A cell a spreadsheet would take for a formula starts with one of these (OWASP, "CSV Injection"):
 * `=HYPERLINK(…)` in a quote would become a live link, `=cmd|…` worse.
 */
const FORMULA_START = /^[=+\-@\t\r]/;

/**
 * A text cell as a spreadsheet shows it and never runs it: one that could start a formula gets a
 * leading `'` (which spreadsheets hide, and a reader of the raw CSV strips). Numbers (year, value)
 * are not text: they are written as they are, a negative number as a number.
 */
export const neutraliseCell = (text: string): string => (FORMULA_START.test(text) ? `'${text}` : text);

/** indicators.csv: UTF-8 with a BOM (so Excel reads it as UTF-8) and CRLF (what Excel writes itself). */
export function indicatorsCsv(reports: readonly OpenReportInput[]): string {
  return stringify(csvRows(reports), {
    header: true,
    columns: [...CSV_COLUMNS],
    bom: true,
    record_delimiter: 'windows',
    cast: { boolean: (b) => (b ? 'true' : 'false'), string: neutraliseCell },
  });
}

/** reports.json. */
export function reportsJson(reports: readonly OpenReportInput[]): string {
  return JSON.stringify({ generated: 'fazhi-reports', count: reports.length, reports: reports.map(reportJson) }, null, 1);
}

export interface FeedReportInput {
  title: string;
  /** The report page's path. */
  link: string;
  /** Publication date, else signing date. */
  date?: Date;
  placeFullName: string;
  province: string;
  year: number;
  issuer: string;
}

/** A report as an item of feed.xml; @astrojs/rss escapes every value as XML text. */
export const feedItem = (r: FeedReportInput): RSSFeedItem => ({
  title: r.title,
  link: r.link,
  pubDate: r.date,
  description: `${r.placeFullName} ${r.year}年度 · ${r.issuer}`,
  categories: [r.province, String(r.year)],
});
