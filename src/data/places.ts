/** Typed queries over places: the tree, ancestors, division codes. The only module that reads the places collection. */
import { getCollection } from 'astro:content';
import { buildPlaceTree, rootsOf, type Place } from '../lib/places/tree';
import { buildScope } from '../build/scope';
import { buildConfig } from '../lib/config';
import { inSiteScope, siteScopeOf } from '../lib/content/published';

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

/** The place a jurisdiction's site is scoped to; undefined for the national collection. */
const siteRoot = (): string | undefined => siteScopeOf(buildConfig());

/** True if the site has a page for `placeId`: every place of the national collection, a jurisdiction's own and those below it. */
export const onSite = (placeId: string): boolean => inSiteScope(siteRoot(), placeId);

/** The places of the site (a jurisdiction's site leaves out the rest of places.yaml, and the places above its own). */
export async function getAllPlaces(): Promise<Place[]> {
  const root = siteRoot();
  const all = [...(await places()).values()];
  return root ? all.filter((p) => inSiteScope(root, p.id)) : all;
}

/** The places at the top of the site: the provinces, or a jurisdiction's own place. */
export async function getTopPlaces(): Promise<Place[]> {
  const root = siteRoot();
  return root ? [await getPlace(root)] : getProvinces();
}

/** A place's ancestors that have pages on this site (a jurisdiction's site has none above its own place). */
export const ancestorsOnSite = (p: Place): Place[] => p.ancestors.filter((a) => onSite(a.id));

/** Places whose pages this build renders (all, or those of the shard's provinces, or of a scoped preview). */
export async function getPlacesToRender(): Promise<Place[]> {
  const scope = buildScope();
  return (await getAllPlaces()).filter((p) => scope.hasProvince(p.province.id) && scope.hasPlace(p.id));
}

export async function getPlaceIds(): Promise<Set<string>> {
  return new Set((await places()).keys());
}

/** Provinces that hold places of the site, ordered by division code: the groups of split tables and the search filter. */
export async function getProvinces(): Promise<Place[]> {
  const root = siteRoot();
  const provinces = rootsOf(await places());
  return root ? provinces.filter((p) => root === p.id || root.startsWith(`${p.id}/`)) : provinces;
}

/** The place and all places under it. */
export function descendantsAndSelf(p: Place): Place[] {
  return [p, ...p.children.flatMap(descendantsAndSelf)];
}
