/** `npm run check` of a site configuration: its own problems, and a scope that names no place of the content. */
import { existsSync, readFileSync } from 'node:fs';
import type { CheckedProblem } from '../content/check';
import { lineOfPath, parseYaml } from '../content/yaml';
import { readPlaces } from '../places/load';
import { parseSiteConfig } from './load';

/** Every problem of the site configuration `file` for the content in `contentDir`. */
export function checkSiteConfig(file: string, contentDir: string): CheckedProblem[] {
  if (!existsSync(file)) return [{ file, severity: 'error', message: '找不到网站配置文件（可用 npm run init -- --place <地区id> 生成）/ site configuration file not found (npm run init -- --place <id> writes one)' }];
  const text = readFileSync(file, 'utf8');
  const { config, problems } = parseSiteConfig(text, file);
  if (!config) return problems.map((p) => ({ ...p, severity: 'error' }));
  if (config.scope === 'national') return [];
  const ids = new Set(readPlaces(contentDir).rows.map((p) => p.id));
  if (ids.has(config.scope)) return [];
  return [
    {
      file,
      line: lineOfPath(parseYaml(text), ['scope']),
      field: 'scope',
      severity: 'error',
      message: `范围“${config.scope}”不在 ${contentDir}/places.yaml 中（npm run init -- --place ${config.scope} 可添加）/ scope "${config.scope}" is not a place of ${contentDir}/places.yaml`,
    },
  ];
}
