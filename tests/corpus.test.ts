/**
 * The synthetic corpus: deterministic, real places whose codes resolve, every quote in its body,
 * bodies in the size range, valid for the site's schemas, and parseable as MDX.
 */
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import YAML from 'yaml';
import { genCorpus, genCorpusParallel, loadMaterial } from '../bench/gen-corpus';
import { BODY_BYTES, corpusPlaces, generateCorpus, placesYaml, type Corpus, type Material } from '../bench/corpus';
import { nameStem, pinyinSlug } from '../src/lib/places/names';
import { divisionCode } from '../src/lib/places/divisions';
import { parseMdx, splitMdxFile } from '../src/lib/content/mdx';
import { placeSchema } from '../src/schemas/place';
import { reportSchema } from '../src/schemas/report';
import { bodyText, validateEntries } from '../src/lib/content/validate';

const REPORTS = 80;
let material: Material;
let corpus: Corpus;

beforeAll(() => {
  material = loadMaterial('seeds');
  corpus = generateCorpus({ reports: REPORTS, seed: 42, material });
}, 60_000);

describe('sentence material from the seeds', () => {
  it('has sentences for every part and no page chrome', () => {
    for (const part of ['measures', 'shortcomings', 'duty', 'plans'] as const) {
      expect(material.sentences.filter((s) => s.part === part).length, part).toBeGreaterThan(3);
    }
    const all = material.sentences.map((s) => s.text).join('\n');
    for (const chrome of ['扫一扫', '浏览次数', '热门搜索', '最近搜索', '返回首页']) expect(all).not.toContain(chrome);
  });
});

describe('generateCorpus', { timeout: 60_000 }, () => {
  it('is deterministic: the same options give the same files', () => {
    const again = generateCorpus({ reports: REPORTS, seed: 42, material });
    expect(again.reports.map((r) => r.file)).toEqual(corpus.reports.map((r) => r.file));
    expect(placesYaml(again.places, 'h')).toBe(placesYaml(corpus.places, 'h'));
    const other = generateCorpus({ reports: REPORTS, seed: 43, material });
    expect(other.reports.map((r) => r.file)).not.toEqual(corpus.reports.map((r) => r.file));
  });

  it('gives the same places and files when written in parts by worker threads', async () => {
    expect(corpusPlaces({ reports: REPORTS, seed: 42 })).toEqual(corpus.places);
    const dir = mkdtempSync(join(tmpdir(), 'corpus-'));
    try {
      genCorpus({ reports: 30, seed: 7, out: join(dir, 'one') });
      await genCorpusParallel({ reports: 30, seed: 7, out: join(dir, 'two') }, 2);
      const files = (root: string) => readdirSync(root, { recursive: true, encoding: 'utf8' }).filter((f) => /\.(mdx|yaml)$/.test(f)).sort();
      expect(files(join(dir, 'two'))).toEqual(files(join(dir, 'one')));
      expect(files(join(dir, 'one')).length).toBe(31);
      for (const f of files(join(dir, 'one'))) expect(readFileSync(join(dir, 'two', f), 'utf8'), f).toBe(readFileSync(join(dir, 'one', f), 'utf8'));
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('writes exactly the requested number of reports, each place-year once, years 2019-2024', () => {
    expect(corpus.reports).toHaveLength(REPORTS);
    expect(new Set(corpus.reports.map((r) => r.path)).size).toBe(REPORTS);
    for (const r of corpus.reports) expect(r.year).toBeGreaterThanOrEqual(2019), expect(r.year).toBeLessThanOrEqual(2024);
  });

  it('uses places of every level across many provinces', () => {
    const levels = new Set(corpus.reports.map((r) => corpus.places.find((p) => p.id === r.placeId)!.level));
    expect([...levels].sort()).toEqual(['county', 'prefecture', 'province', 'township', 'zone']);
    expect(new Set(corpus.places.map((p) => p.id.split('/')[0])).size).toBeGreaterThanOrEqual(12);
  });

  it('gives every non-zone place a names chain that divisionCode resolves, and unique pinyin ids', () => {
    const byId = new Map(corpus.places.map((p) => [p.id, p]));
    for (const p of corpus.places) {
      const chain: string[] = [];
      for (let id = p.id; id; id = id.includes('/') ? id.slice(0, id.lastIndexOf('/')) : '') chain.unshift(byId.get(id)!.name);
      if (p.level === 'zone') {
        expect(p.code).toBeUndefined();
        expect(byId.get(p.id.slice(0, p.id.lastIndexOf('/')))!.level).toBe('prefecture');
      } else {
        expect(divisionCode(chain), chain.join(' > ')).toBe(p.code);
      }
    }
    expect(new Set(corpus.places.map((p) => p.id)).size).toBe(corpus.places.length);
  });

  it('writes a places.yaml the place schema accepts, parents first', () => {
    const records = YAML.parse(placesYaml(corpus.places, 'test')) as unknown[];
    const seen = new Set<string>();
    for (const r of records) {
      const p = placeSchema.parse(r);
      if (p.id.includes('/')) expect(seen.has(p.id.slice(0, p.id.lastIndexOf('/'))), p.id).toBe(true);
      seen.add(p.id);
    }
  });

  it('writes frontmatter the report schema accepts, with quotes that occur in the body', () => {
    const entries = corpus.reports.map((r) => {
      const { data, body } = splitMdxFile(r.file);
      const parsed = reportSchema.safeParse(data);
      expect(parsed.success, `${r.path}: ${parsed.error?.message}`).toBe(true);
      expect(Object.keys(parsed.data!.indicators).length, r.path).toBeGreaterThanOrEqual(3);
      return { file: r.path, id: `${r.placeId}/${r.year}`, body, data: parsed.data! };
    });
    expect(validateEntries(entries, new Set(corpus.places.map((p) => p.id)))).toEqual([]);
  });

  it('writes bodies of 8-12 KB with the five-part structure, escaped for MDX', () => {
    for (const r of corpus.reports) {
      const bytes = Buffer.byteLength(r.body);
      expect(bytes, r.path).toBeGreaterThanOrEqual(BODY_BYTES.min);
      expect(bytes, r.path).toBeLessThanOrEqual(BODY_BYTES.max);
      const headings = r.body.split('\n').filter((l) => l.startsWith('## '));
      expect(headings.map((h) => h.slice(3, 5)), r.path).toEqual(['一、', '二、', '三、', '四、']);
      expect(r.body).toMatch(/^### （一）/m);
      expect(() => parseMdx(r.body), r.path).not.toThrow();
      expect(bodyText(r.body)).not.toMatch(/⟦|⟧/);
    }
  });

  it('varies the text: place names, figures and programme names differ between reports', () => {
    const texts = corpus.reports.map((r) => bodyText(r.body));
    const distinct = new Set(texts.flatMap((t) => t.match(/[\u4e00-\u9fff]{2}/g) ?? []));
    expect(distinct.size).toBeGreaterThan(4000);
    const sentences = new Set(texts.flatMap((t) => t.split('。')));
    expect(sentences.size / texts.flatMap((t) => t.split('。')).length).toBeGreaterThan(0.6);
  });
});

describe('place names', () => {
  it('drops administrative suffixes for ids', () => {
    expect(nameStem('宝安区')).toBe('宝安');
    expect(nameStem('延边朝鲜族自治州')).toBe('延边');
    expect(nameStem('西藏自治区')).toBe('西藏');
    expect(pinyinSlug('内蒙古自治区')).toBe('neimenggu');
    expect(pinyinSlug('吕梁市')).toBe('lvliang');
    expect(pinyinSlug('沙县')).toBe('shaxian');
  });
});
