/**
 * Place names as titles print them: a place's full name from its row and its ancestors' rows of
 * places.yaml, and the places of a list that texts name.
 */
import type { PlaceRef } from '../../schemas/place';
import { fullNameOf } from '../places/tree';
import { charLength } from '../text';

const parentId = (id: string) => (id.includes('/') ? id.slice(0, id.lastIndexOf('/')) : undefined);
const depth = (id: string) => id.split('/').length;

/**
 * The full name used in titles (深圳市宝安区): `fullName` when given, else the site's rule
 * (fullNameOf in src/lib/places/tree.ts). Without a level, the depth of the id stands in for it.
 */
export function placeFullName(place: PlaceRef, places: readonly PlaceRef[]): string {
  if (place.fullName) return place.fullName;
  const ancestors: string[] = [];
  for (let id = parentId(place.id); id; id = parentId(id)) {
    const p = places.find((q) => q.id === id);
    if (p) ancestors.unshift(p.name);
  }
  const level = place.level ?? (depth(place.id) <= 2 ? 'prefecture' : 'county');
  return fullNameOf(place.name, level, ancestors);
}

const namesOf = (p: PlaceRef, places: readonly PlaceRef[]) =>
  [p.name, p.fullName, p.officialName, placeFullName(p, places)].filter((n): n is string => !!n && charLength(n) >= 2);

/**
 * The places named in `texts`, best first: the deepest match wins (a district over its city);
 * among equally deep ones, the one whose ancestors are also named. Returns all tied best matches.
 */
export function matchPlaces(texts: readonly string[], places: readonly PlaceRef[]): PlaceRef[] {
  const hay = texts.join('\n');
  const named = new Set(places.filter((p) => namesOf(p, places).some((n) => hay.includes(n))).map((p) => p.id));
  const score = (p: PlaceRef) => {
    let s = 0;
    for (let id = parentId(p.id); id; id = parentId(id)) if (named.has(id)) s++;
    return depth(p.id) * 100 + s;
  };
  const hits = places.filter((p) => named.has(p.id));
  const best = Math.max(...hits.map(score));
  return hits.filter((p) => score(p) === best);
}
