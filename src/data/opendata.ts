/** Published reports in the open-data shape, with absolute URLs. */
import type { OpenReportInput } from '../lib/figures/opendata';
import { reportUrl } from '../lib/urls';
import type { Report } from './reports';

export function openReport(r: Report, site: URL | undefined): OpenReportInput {
  const { id, name, fullName, level, code } = r.place;
  return {
    place: { id, name, fullName, level, ...(code ? { code } : {}) },
    year: r.year,
    url: new URL(reportUrl(r.place.id, r.year), site).href,
    data: r.data,
  };
}
