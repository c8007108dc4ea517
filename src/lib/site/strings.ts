/** What the site configuration hands the build besides its fields: UI rewordings and a cache tag. */
import { createHash } from 'node:crypto';
import { resolve } from 'node:path';
import type { SiteConfig } from './schema';

/** The rewordings of src/strings.ts a site makes: its name and short name, then its own `strings`. */
export const siteStrings = (site: SiteConfig): Record<string, string> => ({ 'site.name': site.name, 'site.shortName': site.shortName, ...site.strings });

/** A short tag naming a site configuration file, for the caches of builds made with it. */
export const siteConfigTag = (file: string): string => createHash('sha256').update(resolve(file)).digest('hex').slice(0, 10);
