import type { APIRoute } from 'astro';
import { getReports } from '../../data/reports';
import { openReport } from '../../data/opendata';
import { reportsJson } from '../../lib/figures/opendata';

export const GET: APIRoute = async ({ site }) => {
  return new Response(reportsJson((await getReports()).map((r) => openReport(r, site))), {
    headers: { 'Content-Type': 'application/json; charset=utf-8' },
  });
};
