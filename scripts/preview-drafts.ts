/**
 * `npm run preview:drafts [-- --place <id>] [astro preview options]`: builds the site with drafts
 * into dist-drafts/ (as `npm run build:drafts`, search included) and serves it. With `--place`, a
 * scoped preview: only that place, its ancestors and its subdivisions are built
 * (src/build/preview.ts); the national pages show only their reports.
 */
import { fileURLToPath } from 'node:url';
import { run } from '../bench/run';
import { buildConfig } from '../src/lib/config';
import { previewNotice, readPreviewCli } from '../src/build/preview';

const USAGE = `用法 / usage: npm run preview:drafts [-- --place <地区 id / place id>] [astro preview 参数 / options]

  --place ID   只构建并预览该地区及其上级、下级地区的报告（含草稿），如 --place guangdong/shenzhen/baoan
               build and serve only this place, its ancestors and subdivisions (drafts included)
其余参数交给 astro preview / other options go to astro preview`;

const OUT = 'dist-drafts';
const PORT = '4322';

process.chdir(fileURLToPath(new URL('..', import.meta.url)));
const { args, env } = readPreviewCli(process.argv.slice(2), USAGE, buildConfig().contentDir);
const buildEnv = { ...process.env, ...env, INCLUDE_DRAFTS: 'true' };
const built = await run('npx', ['tsx', 'scripts/build.ts', '--out', OUT, '--work', '.shards/drafts'], buildEnv);
if (built !== 0) process.exit(built);
if (args.place) console.log(previewNotice(args.place, `http://localhost:${PORT}`));
process.exit(await run('astro', ['preview', '--outDir', OUT, '--port', PORT, ...args.rest], { ...buildEnv, ASTRO_TELEMETRY_DISABLED: '1' }));
