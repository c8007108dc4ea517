import type { APIRoute, GetStaticPaths } from 'astro';
import { getPlacesToRender } from '../../../data/places';
import { getReportsOfPlace } from '../../../data/reports';
import { openReport } from '../../../data/opendata';
import { reportJson } from '../../../lib/figures/opendata';
import { pagesToRender } from '../../../build/incremental';
import { placeDataUrl } from '../../../lib/urls';
import type { Place } from '../../../data/places';
import type { Report } from '../../../data/reports';
import { siteConfig } from '../../../data/site';

/** One file per place, unless the site configuration turns open data off. */
export const getStaticPaths = (async () => {
  if (!siteConfig().openData) return [];
  const paths = await Promise.all(
    (await getPlacesToRender()).map(async (place) => ({ params: { place: place.id }, props: { place, reports: await getReportsOfPlace(place) } })),
  );
  return pagesToRender('place-data', paths, (p) => placeDataUrl(p.props.place.id));
}) satisfies GetStaticPaths;

export const GET: APIRoute = async ({ props, site }) => {
  const { place, reports: own } = props as { place: Place; reports: Report[] };
  const reports = [...own].sort((a, b) => a.year - b.year).map((r) => reportJson(openReport(r, site)));
  const { id, name, fullName, level, code, parentId } = place;
  return new Response(
    JSON.stringify({ place: { id, name, fullName, level, code: code ?? null, parent: parentId ?? null, children: place.children.map((c) => c.id) }, reports }, null, 1),
    { headers: { 'Content-Type': 'application/json; charset=utf-8' } },
  );
};
