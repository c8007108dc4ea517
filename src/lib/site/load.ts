/**
 * Reads a site configuration file (`site.config.yaml`) as content is read: the strict content YAML
 * reader (../content/yaml.ts), then the site schema; every problem with its file, line and field.
 * Which file is read is the build configuration's business (src/lib/config.ts).
 */
import { existsSync, readFileSync } from 'node:fs';
import { lineOfPath, parseYaml } from '../content/yaml';
import { formatProblems, type Problem } from '../content/validate';
import { stringKeys } from '../../strings';
import { siteSchema, type SiteConfig } from './schema';
import { contrastProblems } from './colors';

/** The deployment's own configuration, written by `npm run init` and edited by the web team. */
export const SITE_CONFIG_FILE = 'site.config.yaml';
/** Used when there is no site.config.yaml: the national collection (this repository's own site). */
export const NATIONAL_SITE_CONFIG = 'sites/national.yaml';

/** Thrown when a site configuration has problems: every one, a line each. */
export class SiteConfigError extends Error {
  override name = 'SiteConfigError';
  constructor(readonly problems: readonly Problem[]) {
    super(`网站配置文件有误，请逐条修改 / invalid site configuration:\n${formatProblems(problems)}`);
  }
}

/** Reads the text of a site configuration, named `file` in problems: the config, or every problem. */
export function parseSiteConfig(text: string, file: string): { config?: SiteConfig; problems: Problem[] } {
  const yaml = parseYaml(text);
  if (yaml.problems.length) return { problems: yaml.problems.map((p) => ({ file, ...p })) };
  const r = siteSchema.safeParse(yaml.value ?? {});
  if (!r.success) {
    return {
      problems: r.error.issues.map((issue) => {
        // An unknown field is found at its own line, not its parent's.
        const path = issue.code === 'unrecognized_keys' ? [...issue.path, issue.keys[0]] : issue.path;
        return { file, line: lineOfPath(yaml, path), field: path.join('.') || undefined, message: issue.message };
      }),
    };
  }
  const known = new Set(stringKeys());
  // Brand colours readers could not read (WCAG 2.1 AA) stop the build like any other wrong value.
  const colorProblems: Problem[] = contrastProblems(r.data.branding.colors).map((p) => ({
    file,
    line: lineOfPath(yaml, ['branding', 'colors', p.token]),
    field: `branding.colors.${p.token}`,
    message: p.message,
  }));
  const problems: Problem[] = [...colorProblems, ...Object.keys(r.data.strings)
    .filter((k) => !known.has(k))
    .map((k) => ({
      file,
      line: lineOfPath(yaml, ['strings', k]),
      field: `strings.${k}`,
      message: `没有这个界面文字（可改写的键见 src/strings.ts，如 site.footer）/ no such UI string (see src/strings.ts for the keys, e.g. site.footer)`,
    }))];
  return problems.length ? { problems } : { config: r.data, problems };
}

/** The site configuration in `file`; throws SiteConfigError naming every problem, or a missing file. */
export function loadSiteConfig(file: string): SiteConfig {
  if (!existsSync(file)) throw new SiteConfigError([{ file, message: '找不到网站配置文件（可用 npm run init -- --place <地区id> 生成）/ site configuration file not found (npm run init -- --place <id> writes one)' }]);
  const { config, problems } = parseSiteConfig(readFileSync(file, 'utf8'), file);
  if (!config) throw new SiteConfigError(problems);
  return config;
}
