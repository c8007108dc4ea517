import type { APIRoute, GetStaticPaths } from 'astro';
import { getPlacesToRender } from '../../../data/places';
import { getReportsOfPlace } from '../../../data/reports';
import { openReport } from '../../../data/opendata';
import { reportJson } from '../../../lib/opendata';
import type { Place } from '../../../data/places';

export const getStaticPaths = (async () => (await getPlacesToRender()).map((place) => ({ params: { place: place.id }, props: { place } }))) satisfies GetStaticPaths;

export const GET: APIRoute = async ({ props, site }) => {
  const place = (props as { place: Place }).place;
  const reports = (await getReportsOfPlace(place)).sort((a, b) => a.year - b.year).map((r) => reportJson(openReport(r, site)));
  const { id, name, fullName, level, code, parentId } = place;
  return new Response(
    JSON.stringify({ place: { id, name, fullName, level, code: code ?? null, parent: parentId ?? null, children: place.children.map((c) => c.id) }, reports }, null, 1),
    { headers: { 'Content-Type': 'application/json; charset=utf-8' } },
  );
};
