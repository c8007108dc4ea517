/** Typed queries over places: the tree, ancestors, division codes. The only module that reads the places collection. */
import { getCollection } from 'astro:content';
import { buildPlaceTree, rootsOf, type Place } from '../lib/places/tree';
import { buildScope } from '../build/scope';

export type { Place };

let cache: Promise<Map<string, Place>> | undefined;

async function load(): Promise<Map<string, Place>> {
  const entries = await getCollection('places');
  const { places, problems } = buildPlaceTree(entries.map((e) => e.data));
  if (problems.length) {
    throw new Error(`地区数据有误 / invalid place data:\n${problems.map((p) => `places.yaml › ${p.id}: ${p.message}`).join('\n')}`);
  }
  return places;
}

const places = () => (cache ??= load());

export async function getPlace(id: string): Promise<Place> {
  const p = (await places()).get(id);
  if (!p) throw new Error(`Unknown place: ${id}`);
  return p;
}

export async function getAllPlaces(): Promise<Place[]> {
  return [...(await places()).values()];
}

/** Places whose pages this build renders (all, or those of the shard's provinces, or of a scoped preview). */
export async function getPlacesToRender(): Promise<Place[]> {
  const scope = buildScope();
  return (await getAllPlaces()).filter((p) => scope.hasProvince(p.province.id) && scope.hasPlace(p.id));
}

export async function getPlaceIds(): Promise<Set<string>> {
  return new Set((await places()).keys());
}

/** Provinces, ordered by division code. */
export async function getProvinces(): Promise<Place[]> {
  return rootsOf(await places());
}

/** The place and all places under it. */
export function descendantsAndSelf(p: Place): Place[] {
  return [p, ...p.children.flatMap(descendantsAndSelf)];
}
