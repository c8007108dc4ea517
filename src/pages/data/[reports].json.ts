import type { APIRoute, GetStaticPaths } from 'astro';
import { getReports } from '../../data/reports';
import { openReport } from '../../data/opendata';
import { reportsJson } from '../../lib/figures/opendata';
import { siteConfig, switchedPaths } from '../../data/site';

/** `data/reports.json`, unless the site configuration turns open data off. */
export const getStaticPaths = (() => switchedPaths(siteConfig().openData, 'reports', 'reports')) satisfies GetStaticPaths;

export const GET: APIRoute = async ({ site }) => {
  return new Response(reportsJson((await getReports()).map((r) => openReport(r, site))), {
    headers: { 'Content-Type': 'application/json; charset=utf-8' },
  });
};
