/**
 * The places of places.yaml laid over the division tree (./division-index.ts), so that a place
 * the file lists keeps its hand-set id and names and matches by them; and, for a place the file
 * lacks, the entry to propose: a collision-safe pinyin id and names only where the site's
 * default would read wrong.
 */
import type { PlaceRef } from '../../schemas/place';
import { fullNameOf } from '../places/tree';
import { baseSlug, chainOf, divisions, MUNICIPALITY, parseZone, placeSlug, push, suffixSlug, zoneKey, type PlaceNode, type ZoneKind } from './division-index';

const parentIdOf = (id: string) => (id.includes('/') ? id.slice(0, id.lastIndexOf('/')) : undefined);

/** The places of places.yaml laid over the division tree. */
export class Known {
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
export function newPlace(n: PlaceNode, id: string): PlaceRef {
  const full = placeChainName(n);
  const names = chainOf(n).map((p) => p.name);
  // A listed zone is named like the others (合肥高新区), its listed name being the full one.
  const z = n.level === 'zone' && n.code ? parseZone(n.name, n.parent) : undefined;
  const ref: PlaceRef = { id, name: z ? `${n.parent!.short ?? n.parent!.name}${z.middle}${z.kind.short}` : n.name, level: n.level };
  if (n.level === 'zone' || full !== fullNameOf(n.name, n.level, names.slice(0, -1))) ref.fullName = n.level === 'zone' ? (n.fullName ?? n.name) : full;
  if (n.officialName) ref.officialName = n.officialName;
  return ref;
}
