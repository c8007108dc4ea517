import type { APIRoute } from 'astro';
import { stringify } from 'csv-stringify/sync';
import { getReports } from '../../data/reports';
import { openReport } from '../../data/opendata';
import { CSV_COLUMNS, csvRows } from '../../lib/opendata';

export const GET: APIRoute = async ({ site }) => {
  const rows = csvRows((await getReports()).map((r) => openReport(r, site)));
  // The BOM makes Excel read the file as UTF-8; CRLF is what Excel writes itself.
  const csv = stringify(rows, { header: true, columns: [...CSV_COLUMNS], bom: true, record_delimiter: 'windows', cast: { boolean: (b) => (b ? 'true' : 'false') } });
  return new Response(csv, { headers: { 'Content-Type': 'text/csv; charset=utf-8' } });
};
