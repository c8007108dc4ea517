/** `npm run check`: validates all content and prints every problem at once; exit 1 on errors. */
import { parseArgs } from 'node:util';
import { checkContent } from '../src/lib/content/check';
import { contentDir } from '../src/build/paths';
import { siteFileOf } from '../src/lib/config';
import { checkSiteConfig } from '../src/lib/site/check';

const { values } = parseArgs({ options: { dir: { type: 'string' }, help: { type: 'boolean', short: 'h' } } });
if (values.help) {
  console.log('用法 / usage: npm run check -- [--dir <content dir>]   (default: $CONTENT_DIR or ./content)\n  网站配置 / site configuration: $SITE_CONFIG, else site.config.yaml, else sites/national.yaml');
  process.exit(0);
}

const dir = values.dir ?? contentDir();
// The site configuration first: a scope or base path that is wrong affects every page.
const problems = [...checkSiteConfig(siteFileOf(process.env.SITE_CONFIG), dir), ...(await checkContent(dir))];
for (const p of problems) {
  const where = [p.file, p.line && `第 ${p.line} 行 / line ${p.line}`, p.field].filter(Boolean).join(' › ');
  console.log(`${p.severity === 'error' ? '错误 / error' : '提醒 / warning'}  ${where}\n    ${p.message}`);
}
const errors = problems.filter((p) => p.severity === 'error').length;
console.log(errors ? `\n发现 ${errors} 个错误 / ${errors} error(s) found.` : `内容检查通过 / content OK (${dir}).`);
process.exit(errors ? 1 : 0);
