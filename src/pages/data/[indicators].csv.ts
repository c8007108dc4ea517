import type { APIRoute, GetStaticPaths } from 'astro';
import { getReports } from '../../data/reports';
import { openReport } from '../../data/opendata';
import { indicatorsCsv } from '../../lib/figures/opendata';
import { siteConfig, switchedPaths } from '../../data/site';

/** `data/indicators.csv`, unless the site configuration turns open data off. */
export const getStaticPaths = (() => switchedPaths(siteConfig().openData, 'indicators', 'indicators')) satisfies GetStaticPaths;

export const GET: APIRoute = async ({ site }) => {
  const csv = indicatorsCsv((await getReports()).map((r) => openReport(r, site)));
  return new Response(csv, { headers: { 'Content-Type': 'text/csv; charset=utf-8' } });
};
