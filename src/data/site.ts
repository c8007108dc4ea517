/** Typed queries over the site configuration (site.config.yaml, src/lib/site/) for pages and endpoints. */
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { imageMetadata } from 'astro/assets/utils';
import { buildConfig } from '../lib/config';
import { withBase } from '../lib/urls';
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

/** The header's height of the logo, in CSS pixels. */
const LOGO_HEIGHT = 40;

let logo: Promise<{ src: string; alt: string; width: number; height: number } | undefined> | undefined;

/**
 * The site's logo (`branding.logo`, a file under public/) as the header shows it: its width at the
 * header's height from the file's own size, so nothing shifts as it loads; read once per build.
 * Its text is empty unless the site gives one: the site name beside it in the same link says it.
 */
export function logoImage() {
  return (logo ??= (async () => {
    const { logo: path, logoAlt } = siteConfig().branding;
    if (!path) return undefined;
    const file = join(process.cwd(), 'public', path);
    if (!existsSync(file)) throw new Error(`找不到网站标志文件 ${join('public', path)}（branding.logo）/ logo file not found: ${join('public', path)} (branding.logo)`);
    const size = await imageMetadata(readFileSync(file), path);
    return { src: withBase(path), alt: logoAlt ?? '', width: Math.round((LOGO_HEIGHT * size.width) / size.height), height: LOGO_HEIGHT };
  })());
}

/**
 * The static paths of a route the configuration can switch off (`feed`, `openData`): one path
 * with `param` = `value` when on, none when off, so the file is never built rather than removed.
 */
export const switchedPaths = <P extends string>(on: boolean, param: P, value: string) => (on ? [{ params: { [param]: value } as Record<P, string> }] : []);
