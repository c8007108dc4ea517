/** Typed queries over the site configuration (site.config.yaml, src/lib/site/) for pages and endpoints. */
import { buildConfig } from '../lib/config';
import type { SiteConfig } from '../lib/site/schema';
import { t } from '../strings';
import { getPlace } from './places';

export type { SiteConfig };

/** The checked site configuration of this build. */
export const siteConfig = (): SiteConfig => buildConfig().site;

/** The place a jurisdiction's site is scoped to, or undefined for the national collection. */
export const scopePlaceId = (): string | undefined => (siteConfig().scope === 'national' ? undefined : siteConfig().scope);

/** The name of the site's whole area, as comparisons say it: 全国, or the scope place's full name (深圳市). */
export async function scopeName(): Promise<string> {
  const id = scopePlaceId();
  return id ? (await getPlace(id)).fullName : t.site.nationalScope;
}

/**
 * The static paths of a route the configuration can switch off (`feed`, `openData`): one path
 * with `param` = `value` when on, none when off, so the file is never built rather than removed.
 */
export const switchedPaths = <P extends string>(on: boolean, param: P, value: string) => (on ? [{ params: { [param]: value } as Record<P, string> }] : []);
