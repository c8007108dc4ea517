import type { APIRoute } from 'astro';
import { getReports } from '../../data/reports';
import { openReport } from '../../data/opendata';
import { indicatorsCsv } from '../../lib/figures/opendata';

export const GET: APIRoute = async ({ site }) => {
  const csv = indicatorsCsv((await getReports()).map((r) => openReport(r, site)));
  return new Response(csv, { headers: { 'Content-Type': 'text/csv; charset=utf-8' } });
};
