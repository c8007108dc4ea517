/**
 * Traceable figures and open data over the production build: every figure links to a quote marked
 * on the linked report page; the CSV (UTF-8 with BOM) parses back to exactly the published
 * entries' indicators; JSON, feed and sitemap list the published reports.
 */
import { parse } from 'csv-parse/sync';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { splitMdxFile } from '../../src/lib/content/mdx';
import { parseEntryId } from '../../src/lib/content/validate';
import { INDICATORS } from '../../src/lib/figures/indicators';
import { assertBuilt, DIST, htmlFiles, page, urlOf } from '../helpers/dist';

interface Entry {
  placeId: string;
  year: number;
  indicators: Record<string, { value: number; quote: string; approximate?: boolean; unit?: string }>;
}

/** The published entries of content/, read straight from the files (not through the site). */
function publishedEntries(): Entry[] {
  const root = 'content/reports';
  return readdirSync(root, { recursive: true, encoding: 'utf8' })
    .filter((f) => f.endsWith('.mdx'))
    .map((f) => ({ f, ...splitMdxFile(readFileSync(join(root, f), 'utf8')) }))
    .filter(({ data }) => data.draft !== true)
    .map(({ f, data }) => ({ ...parseEntryId(f.replace(/\.mdx$/, ''))!, indicators: (data.indicators ?? {}) as Entry['indicators'] }));
}

beforeAll(assertBuilt);

describe('every figure is traceable', () => {
  it('each link to a quote, on every page, lands on a mark with that quote on the linked report', () => {
    let links = 0;
    for (const file of htmlFiles()) {
      const $ = page(urlOf(file));
      $('a[href*="#q-"]').each((_, a) => {
        const href = $(a).attr('href')!;
        const target = new URL(href, `http://site${urlOf(file)}`);
        const $t = page(target.pathname);
        const mark = $t(`mark[id="${target.hash.slice(1)}"]`);
        expect(mark.length, `${urlOf(file)} → ${href}`).toBe(1);
        expect($t('#report-body').find(mark).length, `${href} is in the body`).toBe(1);
        links++;
      });
    }
    // Every indicator of every published entry is shown and linked somewhere (panel, tables).
    const stated = publishedEntries().reduce((n, e) => n + Object.keys(e.indicators).length, 0);
    expect(links).toBeGreaterThanOrEqual(stated * 2);
  });

  it('the indicator index counts the reports stating each indicator', () => {
    const entries = publishedEntries();
    const $ = page('/indicators/');
    for (const def of INDICATORS) {
      const n = entries.filter((e) => def.key in e.indicators).length;
      const item = $(`a[href="/indicators/${def.key}/"]`).parent();
      expect(item.text(), def.key).toContain(`${n} 份报告载明`);
    }
  });

  it('an indicator page lists every reported value with its quote', () => {
    const entries = publishedEntries().filter((e) => 'reconsiderationReceived' in e.indicators);
    const $ = page('/indicators/reconsiderationReceived/');
    expect($('table[data-sortable] tbody tr').length).toBe(entries.length);
    for (const e of entries) {
      expect($(`a[href="/places/${e.placeId}/${e.year}/#q-reconsiderationReceived"]`).length).toBeGreaterThan(0);
      expect($.text()).toContain(e.indicators.reconsiderationReceived.quote);
    }
    // Charts are SVG with a title and a description, and nothing runs in the browser for them.
    expect($('svg[role="img"] title').length).toBe(2);
    expect($('svg[role="img"] desc').length).toBe(2);
  });
});

describe('open data', () => {
  it('indicators.csv starts with a BOM and round-trips to the published entries', () => {
    const raw = readFileSync(join(DIST, 'data/indicators.csv'));
    expect([...raw.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const rows = parse(raw, { bom: true, columns: true }) as Record<string, string>[];
    expect(Object.keys(rows[0])).toEqual(['place_id', 'place_name', 'code', 'level', 'year', 'key', 'label', 'value', 'unit', 'approximate', 'quote', 'url']);
    const fromCsv = rows
      .map((r) => `${r.place_id}|${r.year}|${r.key}|${Number(r.value)}|${r.approximate}|${r.quote}`)
      .sort();
    const fromEntries = publishedEntries()
      .flatMap((e) => Object.entries(e.indicators).map(([k, v]) => `${e.placeId}|${e.year}|${k}|${v.value}|${v.approximate === true}|${v.quote}`))
      .sort();
    expect(fromCsv).toEqual(fromEntries);
    for (const r of rows) {
      const url = new URL(r.url);
      expect(url.hash).toBe(`#q-${r.key}`);
      expect(url.pathname).toBe(`/places/${r.place_id}/${r.year}/`);
    }
  });

  it('reports.json lists every published report with its indicators and quote links', () => {
    const json = JSON.parse(readFileSync(join(DIST, 'data/reports.json'), 'utf8'));
    const entries = publishedEntries();
    expect(json.count).toBe(entries.length);
    for (const e of entries) {
      const r = json.reports.find((x: { place: { id: string }; year: number }) => x.place.id === e.placeId && x.year === e.year);
      expect(r, `${e.placeId} ${e.year}`).toBeDefined();
      expect(Object.keys(r.indicators).sort()).toEqual(Object.keys(e.indicators).sort());
      for (const [k, v] of Object.entries(e.indicators)) expect(r.indicators[k]).toMatchObject({ value: v.value, quote: v.quote });
    }
  });

  it('each place has its JSON, with its code and reports', () => {
    const baoan = JSON.parse(readFileSync(join(DIST, 'data/places/guangdong/shenzhen/baoan.json'), 'utf8'));
    expect(baoan.place).toMatchObject({ id: 'guangdong/shenzhen/baoan', name: '宝安区', code: '440306', level: 'county', parent: 'guangdong/shenzhen' });
    expect(baoan.reports.map((r: { year: number }) => r.year)).toEqual([2023]);
    const zone = JSON.parse(readFileSync(join(DIST, 'data/places/fujian/zhangzhou/gaoxin.json'), 'utf8'));
    expect(zone.place).toMatchObject({ level: 'zone', code: null, parent: 'fujian/zhangzhou' });
  });

  it('the feed and the sitemap list every published report', () => {
    const feed = readFileSync(join(DIST, 'feed.xml'), 'utf8');
    const sitemap = readFileSync(join(DIST, 'sitemap-0.xml'), 'utf8');
    for (const e of publishedEntries()) {
      expect(feed).toContain(`/places/${e.placeId}/${e.year}/</link>`);
      expect(sitemap).toContain(`/places/${e.placeId}/${e.year}/</loc>`);
    }
    expect(feed.match(/<item>/g)?.length).toBe(publishedEntries().length);
  });

  it('pages carry a description and Open Graph tags', () => {
    const $ = page('/places/hunan/huaihua/2023/');
    expect($('meta[name="description"]').attr('content')).toContain('怀化市');
    expect($('meta[property="og:title"]').attr('content')).toBe('关于怀化市2023年度法治政府建设情况的报告');
    expect($('meta[property="og:type"]').attr('content')).toBe('article');
    expect($('meta[property="og:url"]').attr('content')).toMatch(/\/places\/hunan\/huaihua\/2023\/$/);
  });
});
