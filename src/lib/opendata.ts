/**
 * Open-data shapes (documented in README): plain data in, rows out, shared by the JSON and CSV
 * endpoints so both always say the same thing.
 */
import { getIndicator, indicatorOrder } from './indicators';
import { quoteAnchorId } from './urls';

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
