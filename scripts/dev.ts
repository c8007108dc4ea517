/**
 * `npm run dev [-- --place <id>] [astro dev options]`: the development server (`astro dev`), which
 * shows drafts. With `--place`, a scoped preview: only that place, its ancestors and its
 * subdivisions are loaded (src/build/preview.ts), so the first page and each edit show in about
 * a second at any size of the site. Without it, exactly `astro dev`.
 */
import { fileURLToPath } from 'node:url';
import { run } from '../bench/run';
import { buildConfig } from '../src/lib/config';
import { previewNotice, readPreviewCli } from '../src/build/preview';

const USAGE = `用法 / usage: npm run dev [-- --place <地区 id / place id>] [astro dev 参数 / options]

  --place ID   只预览该地区及其上级、下级地区的报告（草稿也显示），如 --place guangdong/shenzhen/baoan
               preview only this place, its ancestors and subdivisions (drafts shown)
其余参数交给 astro dev（如 --port 4400）/ other options go to astro dev (e.g. --port 4400)`;

process.chdir(fileURLToPath(new URL('..', import.meta.url)));
const { args, env } = readPreviewCli(process.argv.slice(2), USAGE, buildConfig().contentDir);
const portAt = args.rest.indexOf('--port');
if (args.place) console.log(previewNotice(args.place, `http://localhost:${portAt >= 0 ? args.rest[portAt + 1] : 4321}`));
process.exit(await run('astro', ['dev', ...args.rest], { ...process.env, ...env, ASTRO_TELEMETRY_DISABLED: '1' }));
