/**
 * `npm run init -- --place <id or name> [--name …] [--short-name …] [--origin …] [--base …] [--config …] [--content …] [--force]`:
 * the site configuration of one place and its content directory (src/lib/site/init.ts).
 */
import { isAbsolute, relative } from 'node:path';
import { parseArgs } from 'node:util';
import { pathToFileURL } from 'node:url';
import { InitError, initSite, PlaceQueryError } from '../src/lib/site/init';
import { SITE_CONFIG_FILE } from '../src/lib/site/load';
import { PlacesError } from '../src/lib/places/load';

const USAGE = `用法 / usage:
  npm run init -- --place <地区id或名称> [--name <网站名称>] [--short-name <简称>] [--origin <网址>]
                  [--base <子路径>] [--config <配置文件>] [--content <内容目录>] [--force]

为一个地区生成网站配置（${SITE_CONFIG_FILE}），并在内容目录的 places.yaml 中列出该地区、其上级和下辖地区
（省：地级市和县区；市：县区；县区：乡镇街道）。已有的 places.yaml 逐字保留，只添加缺少的地区；报告不会被改动。
Writes the site configuration of one place (${SITE_CONFIG_FILE}) and lists the place, its ancestors and
its subdivisions in the content directory's places.yaml (a province: its cities and counties; a city:
its counties; a county: its townships). An existing places.yaml keeps every byte and gains only the
places it lacks; reports are never touched.

  --place <id>          地区 id（如 guangdong/shenzhen）或名称（如 深圳市、广东省深圳市）
                        place id (e.g. guangdong/shenzhen) or Chinese name (深圳市, 广东省深圳市)
  --name <名称>         网站名称，默认“<地区全称>法治政府建设年度报告” / site name; default <full name>法治政府建设年度报告
  --short-name <简称>   网站简称，默认“<地区简称>法治报告” / short name; default <short name>法治报告
  --origin <网址>       门户网站的网址，如 https://www.example.gov.cn / the portal's origin
  --base <路径>         子路径，如 /fzbg/，默认 / / subpath, e.g. /fzbg/; default /
  --config <文件>       配置文件，默认 ${SITE_CONFIG_FILE} / configuration file; default ${SITE_CONFIG_FILE}
  --content <目录>      内容目录，默认 content / content directory; default content
  --force               替换已有的配置文件（原文件先备份为 <文件>.bak）/ replace an existing configuration (after a backup to <file>.bak)
  -h, --help            显示本说明 / show this help`;

export function main(argv: readonly string[], io = { log: console.log, error: console.error }): number {
  let values;
  try {
    ({ values } = parseArgs({
      args: [...argv],
      options: {
        place: { type: 'string' },
        name: { type: 'string' },
        'short-name': { type: 'string' },
        origin: { type: 'string' },
        base: { type: 'string' },
        config: { type: 'string', default: SITE_CONFIG_FILE },
        content: { type: 'string', default: 'content' },
        force: { type: 'boolean', default: false },
        help: { type: 'boolean', short: 'h', default: false },
      },
    }));
  } catch (e) {
    io.error(`参数有误 / bad arguments: ${(e as Error).message}\n\n${USAGE}`);
    return 1;
  }
  if (values.help) {
    io.log(USAGE);
    return 0;
  }
  if (!values.place) {
    io.error(`请用 --place 指定地区 / give the place with --place\n\n${USAGE}`);
    return 1;
  }
  const content = values.content.replace(/\/+$/, '') || '.';
  let r;
  try {
    r = initSite({ place: values.place, name: values.name, shortName: values['short-name'], origin: values.origin, base: values.base, config: values.config, content, force: values.force });
  } catch (e) {
    if (e instanceof InitError || e instanceof PlaceQueryError || e instanceof PlacesError) {
      io.error(e instanceof PlacesError ? `${e.message}\n未写入任何文件 / nothing was written` : e.message);
      return 1;
    }
    throw e;
  }

  // Paths as typed, or relative to here when inside it.
  const shown = (p: string) => {
    const rel = relative(process.cwd(), p);
    return rel && !rel.startsWith('..') && !isAbsolute(rel) ? rel : p;
  };
  const { place, fullName } = r.places;
  const site = r.site.base;
  const env = [values.config !== SITE_CONFIG_FILE ? `SITE_CONFIG=${values.config}` : '', content !== 'content' ? `CONTENT_DIR=${content}` : ''].filter(Boolean).join(' ');
  io.log(
    [
      `地区 / place: ${place.id}（${fullName}）`,
      ...(r.backup ? [`已备份原配置 / backed up the old configuration: ${shown(r.backup)}`] : []),
      `已写入网站配置 / wrote the site configuration: ${shown(r.config)}`,
      r.created
        ? `已新建地区文件 / created ${shown(r.placesFile)}：${r.added.length} 个地区 / places, and ${shown(content)}/reports/`
        : r.added.length
          ? `已在 ${shown(r.placesFile)} 中添加 ${r.added.length} 个地区，原有内容未改动 / added ${r.added.length} places, the rest kept as it was: ${r.added.join(', ')}`
          : `${shown(r.placesFile)} 已含全部所需地区，未改动 / already lists every place needed; unchanged`,
      '',
      '下一步 / next steps:',
      `  1. 编辑 ${shown(r.config)}：网址（origin）、页脚的主办单位、网站标识码和备案号等 / edit it: origin, the footer's sponsor, site code and filing numbers`,
      `  2. 导入报告 / import reports:  npm run import -- <文件或文件夹 / files or folders>${content !== 'content' ? ` --out ${content}` : ''}`,
      `  3. 构建 / build:  ${env ? `${env} ` : ''}npm run build`,
      `  4. 把 dist/ 中的全部文件复制到门户网站的 ${site} 下 / copy everything in dist/ under the portal's path ${site}`,
    ].join('\n'),
  );
  return 0;
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  process.exitCode = main(process.argv.slice(2));
}
