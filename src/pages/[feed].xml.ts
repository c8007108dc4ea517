import rss from '@astrojs/rss';
import type { APIRoute, GetStaticPaths } from 'astro';
import { getReports, reportDate } from '../data/reports';
import { feedItem } from '../lib/figures/opendata';
import { homeUrl, reportUrl } from '../lib/urls';
import { t } from '../strings';
import { siteConfig, switchedPaths } from '../data/site';

/** `feed.xml`, unless the site configuration turns the feed off (`feed: false`). */
export const getStaticPaths = (() => switchedPaths(siteConfig().feed, 'feed', 'feed')) satisfies GetStaticPaths;

/** Reports by publication date (or signing date), newest first; undated reports last. */
export const GET: APIRoute = async ({ site }) => {
  const reports = [...(await getReports())].sort((a, b) => (reportDate(b)?.getTime() ?? 0) - (reportDate(a)?.getTime() ?? 0) || b.year - a.year);
  return rss({
    title: t.site.name,
    description: t.site.tagline,
    // The channel links to the site's home page, under its base path.
    site: new URL(homeUrl(), site).href,
    customData: '<language>zh-CN</language>',
    items: reports.map((r) =>
      feedItem({
        title: r.data.title,
        link: reportUrl(r.place.id, r.year),
        date: reportDate(r),
        placeFullName: r.place.fullName,
        province: r.place.province.name,
        year: r.year,
        issuer: r.data.issuer,
      }),
    ),
  });
};
