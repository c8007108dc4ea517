/**
 * The site configuration (`site.config.yaml`): what makes a build one government's site. Name,
 * origin and base path, the scope (the whole country or one place and its subdivisions), branding,
 * the footer a Chinese government site must carry, the feed and open-data switches, and UI strings
 * a site may reword. Read by ./load.ts with the content YAML reader, so a problem names the file,
 * line and field as content problems do.
 */
import { z } from 'astro/zod';
import { isPlaceId } from '../places/id';
import { PLACE_ID_RULE } from '../../schemas/place';
import '../../schemas/errors';

/** A CSS colour a site may give a theme token: hex, or `oklch()` / `rgb()` with numbers only, so nothing else reaches the stylesheet. */
export const COLOR_PATTERN = /^(?:#[0-9a-fA-F]{3}|#[0-9a-fA-F]{6}|oklch\(\s*[0-9.]+%?\s+[0-9.]+\s+[0-9.]+\s*\)|rgb\(\s*\d{1,3}\s*,?\s*\d{1,3}\s*,?\s*\d{1,3}\s*\))$/;

/** The brand tokens of the `@theme` (src/styles/global.css) a site may set. */
export const BRAND_TOKENS = ['brand-50', 'brand-600', 'brand-700', 'brand-800'] as const;
export type BrandToken = (typeof BRAND_TOKENS)[number];

const color = z.string().regex(COLOR_PATTERN, '颜色应写成 #rrggbb 或 oklch(L% C H)，如 #8f1d17 / colour must be #rrggbb or oklch(L% C H), e.g. #8f1d17');

/** A base path: `/` or `/segment/…/`, letters, digits, `-`, `_` and `.` only. */
export const BASE_PATTERN = /^\/(?:[A-Za-z0-9._-]+\/)*$/;

const text = (what: string) => z.string().trim().min(1, `${what}不能为空 / ${what} must not be empty`);

export const siteSchema = z
  .object({
    /** Full name: page titles, the header, the feed. */
    name: text('网站名称').default('法治政府建设年度报告库'),
    /** Short name: the header on phones, the feed's short title. */
    shortName: text('网站简称').default('法治报告库'),
    /** Public origin, without a path: canonical links, feed, sitemap, open data. */
    origin: z
      .string()
      .regex(/^https?:\/\/[A-Za-z0-9.-]+(?::\d+)?\/?$/, '网址应只写协议和域名，如 https://www.example.gov.cn（子路径写在 base 中）/ origin must be scheme and host only, e.g. https://www.example.gov.cn (the path goes in base)')
      .transform((s) => s.replace(/\/$/, ''))
      .default('https://fazhi-reports.example.org'),
    /** The path the site is served under on its origin, e.g. `/fzbg/`; `/` at the root. */
    base: z
      .string()
      .regex(BASE_PATTERN, 'base 应以“/”开头和结尾，如 /fzbg/，只含字母、数字、-、_、. / base must start and end with "/", like /fzbg/, with letters, digits, -, _ and . only')
      .default('/'),
    /** `national`, or the id of one place (in places.yaml): the site then holds that place and its subdivisions. */
    scope: z
      .union([
        z.literal('national'),
        z.string().refine(isPlaceId, (id) => ({ message: `范围应为 national 或 places.yaml 中的地区 id（现为“${id}”）：${PLACE_ID_RULE.zh} / scope must be national or a place id (got "${id}"): ${PLACE_ID_RULE.en}` })),
      ])
      .default('national'),
    branding: z
      .object({
        /** Logo file under public/, as a path from the site's root (e.g. `/logo.svg`); none by default. */
        logo: z
          .string()
          .regex(/^\/[A-Za-z0-9._/-]+\.(?:svg|png|webp|jpg|jpeg)$/, '标志应为 public/ 下的图片路径，如 /logo.svg / logo must be an image path under public/, e.g. /logo.svg')
          .refine((p) => !p.split('/').includes('..'), '标志路径不能含“..” / logo path must not contain ".."')
          .optional(),
        /** Text alternative of the logo; empty when not given, as the site name beside it in the same link says it. */
        logoAlt: text('标志说明').optional(),
        /** Theme colour tokens; the default red where not given. */
        colors: z.object(Object.fromEntries(BRAND_TOKENS.map((k) => [k, color.optional()])) as Record<BrandToken, z.ZodOptional<typeof color>>).strict().default({}),
      })
      .strict()
      .default({}),
    /** What a government site's footer must show (政府网站发展指引). */
    footer: z
      .object({
        /** 主办单位 */
        sponsor: text('主办单位').optional(),
        /** 承办单位 */
        organizer: text('承办单位').optional(),
        /** 网站标识码: ten letters or digits. */
        siteCode: z.string().regex(/^[A-Za-z0-9]{10}$/, '网站标识码应为 10 位字母或数字，如 4403000001 / site code must be 10 letters or digits').optional(),
        /** ICP备案号, e.g. 粤ICP备12345678号-1; linked to the MIIT filing system. */
        icp: z.string().regex(/^[\u4e00-\u9fa5]{1,2}ICP备\d{6,10}号(?:-\d{1,3})?$/, 'ICP备案号应形如 粤ICP备12345678号-1 / ICP number must look like 粤ICP备12345678号-1').optional(),
        /** 公安备案号, e.g. 粤公网安备44030402000001号; linked to the public-security filing system by its digits. */
        psb: z.string().regex(/^[\u4e00-\u9fa5]{1,2}公网安备\s?\d{14}号$/, '公安备案号应形如 粤公网安备44030402000001号 / public-security number must look like 粤公网安备44030402000001号').optional(),
        contact: z
          .object({
            phone: z.string().regex(/^[0-9()（）+\- ]{5,30}$/, '电话只能含数字、括号、+、- 和空格 / phone may hold digits, brackets, +, - and spaces').optional(),
            email: z.string().email('邮箱格式不对 / not an email address').optional(),
            address: text('地址').optional(),
          })
          .strict()
          .optional(),
      })
      .strict()
      .default({}),
    /** Publish the RSS feed (`feed.xml`). */
    feed: z.boolean().default(true),
    /** Publish the open data (`data/`: reports.json, indicators.csv, per-place JSON) and link to it. */
    openData: z.boolean().default(true),
    /** UI strings to reword, by their key in src/strings.ts (e.g. `site.footer`); only plain strings. */
    strings: z.record(z.string(), z.string().min(1)).default({}),
  })
  .strict();

export type SiteConfig = z.output<typeof siteSchema>;
export type SiteConfigInput = z.input<typeof siteSchema>;
