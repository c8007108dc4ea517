import { buildConfig } from './config';

/** The site's public origin: canonical links, feed, sitemap. `SITE_URL` overrides it for a deployment. */
export const siteUrl = (): string => buildConfig().siteUrl;
