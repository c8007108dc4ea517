import type { APIRoute } from 'astro';
import { getReports } from '../../data/reports';
import { openReport } from '../../data/opendata';
import { reportJson } from '../../lib/opendata';

export const GET: APIRoute = async ({ site }) => {
  const reports = (await getReports()).map((r) => reportJson(openReport(r, site)));
  return new Response(JSON.stringify({ generated: 'fazhi-reports', count: reports.length, reports }, null, 1), {
    headers: { 'Content-Type': 'application/json; charset=utf-8' },
  });
};
