/** The site's public origin: canonical links, feed, sitemap. `SITE_URL` overrides it for a deployment. */
export const SITE_URL: string = process.env.SITE_URL ?? 'https://fazhi-reports.example.org';
