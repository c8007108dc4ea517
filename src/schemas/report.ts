import { z } from 'astro/zod';
import './errors';
import { findIndicator, INDICATORS } from '../lib/figures/indicators';
import { isWebUrl } from '../lib/content/url';

const FIRST_YEAR = 2000;

/** One indicator as a report states it. */
export const indicatorValueSchema = z
  .object({
    /** The number, in the registry unit of the indicator (万 and 亿 already multiplied out). */
    value: z
      .number({ invalid_type_error: '数值必须是数字 / value must be a number' })
      .finite('数值必须是有限的数字（不能是 .inf 或超出范围的数）/ value must be a finite number')
      .nonnegative('数值不能为负 / value must not be negative'),
    /** The exact phrase of the report body that states the value. */
    quote: z.string().min(2, '引文不能为空 / quote must not be empty'),
    /** The counting word as the text writes it (宗, 人次) when it differs from the registry unit. */
    unit: z.string().max(4).optional(),
    /** True when the text says 余/多/近 (more than, about). */
    approximate: z.boolean().default(false),
    /** Remark for readers, e.g. 综合纠错率. */
    note: z.string().optional(),
  })
  .strict();

/**
 * A calendar date written `YYYY-MM-DD`, as a UTC Date. Strict: `2009-02-30` is refused, not rolled
 * over to 2 March as `new Date()` would. YAML hands dates over as text (the core schema, see
 * src/lib/content/frontmatter.ts); a Date is accepted only where code builds data directly.
 */
const date = (label: string) => {
  const message = `${label}必须是真实存在的日期，写作 2024-02-22 / must be a real date written like 2024-02-22`;
  return z
    .union([z.string(), z.date()], { errorMap: () => ({ message }) })
    .transform((v, ctx) => {
      if (v instanceof Date) return v;
      const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(v.trim());
      const d = m ? new Date(Date.UTC(+m[1], +m[2] - 1, +m[3])) : undefined;
      if (!m || !d || d.getUTCFullYear() !== +m[1] || d.getUTCMonth() !== +m[2] - 1 || d.getUTCDate() !== +m[3]) {
        ctx.addIssue({ code: z.ZodIssueCode.custom, message });
        return z.NEVER;
      }
      return d;
    })
    .optional();
};

export const reportSchema = z
  .object({
    /** The report's own title; when the source has none, one built from place and year (see titleInferred). */
    title: z.string().min(4, '标题过短 / title too short'),
    /** True when the title was built by us rather than taken from the source. */
    titleInferred: z.boolean().default(false),
    /** Report year (the year the report covers, not the year it was published). */
    year: z
      .number({ invalid_type_error: '年度必须是数字，如 2023 / year must be a number like 2023' })
      .int('年度必须是整数 / year must be an integer')
      .min(FIRST_YEAR, `年度不能早于 ${FIRST_YEAR} / year must be ${FIRST_YEAR} or later`)
      .refine((y) => y <= new Date().getFullYear(), '年度不能晚于今年 / year must not be in the future'),
    /** Issuing authority (发文机关) as the report names it. */
    issuer: z.string().min(2, '发文机关不能为空 / issuer must not be empty'),
    /** 成文日期: the date the report was signed. Never invented. */
    documentDate: date('成文日期'),
    /** 发布日期: the date it was published online. Never invented. */
    publishedDate: date('发布日期'),
    /** Where the text was taken from. */
    source: z
      .object({
        /** Website name, e.g. 怀化市人民政府网. */
        site: z.string().optional(),
        /** The page the text was taken from: http(s) only, never a script or data URL. */
        url: z.string().refine(isWebUrl, '来源链接必须是以 http:// 或 https:// 开头的网址 / source url must be an http(s) address').optional(),
        /** 发布者 / 信息来源 line of the source page. */
        publisher: z.string().optional(),
        /** 索引号: the page's index number in the gov.cn 信息公开 metadata, e.g. 11440306007542722M/2024-00049. */
        indexNumber: z.string().optional(),
        /** 发布机构: the organ that published the page, as its gov.cn metadata names it. */
        organ: z.string().optional(),
        /** 主题分类: the page's subject category in the gov.cn metadata, e.g. 综合政务. */
        subject: z.string().optional(),
        /** 文号 / 发文字号: the document number, e.g. 深宝府〔2024〕3号. */
        documentNumber: z.string().optional(),
      })
      .strict()
      .optional(),
    /** Drafts show in `astro dev` and the drafts preview, never in a production build. */
    draft: z.boolean().default(false),
    /** Registry key -> value and quote. Checked field by field so every problem shows at once. */
    indicators: z
      .record(z.string(), indicatorValueSchema)
      .default({})
      .superRefine((indicators, ctx) => {
        for (const [key, v] of Object.entries(indicators)) {
          const def = findIndicator(key);
          if (!def) {
            ctx.addIssue({
              code: z.ZodIssueCode.custom,
              path: [key],
              message: `未知指标“${key}”，可用指标见 src/lib/figures/indicators.ts / unknown indicator "${key}"; known keys: ${INDICATORS.map((d) => d.key).join(', ')}`,
            });
          } else if (def.kind === 'count' && Number.isFinite(v.value) && !Number.isInteger(v.value)) {
            ctx.addIssue({
              code: z.ZodIssueCode.custom,
              path: [key, 'value'],
              message: `${def.label}是件数，必须是整数（现为 ${v.value}）/ ${key} is a count and must be a whole number (got ${v.value})`,
            });
          } else if (def.kind === 'rate' && v.value > 100) {
            ctx.addIssue({
              code: z.ZodIssueCode.custom,
              path: [key, 'value'],
              message: `${def.label}是百分比，必须在 0 到 100 之间（现为 ${v.value}）/ ${key} is a rate and must be between 0 and 100 (got ${v.value})`,
            });
          }
        }
      }),
  })
  .strict();

/** A report's frontmatter as the schema gives it to the site (dates as Date, defaults filled in). */
export type ReportData = z.output<typeof reportSchema>;
export type IndicatorValue = z.output<typeof indicatorValueSchema>;

/** An indicator as written to frontmatter: `approximate` may be left out (it defaults to false). */
export type IndicatorEntry = z.input<typeof indicatorValueSchema>;

/**
 * Frontmatter as written to a file (the importer's output): what the schema takes in, with dates
 * always as `YYYY-MM-DD` text and the indicators always written out.
 */
export type ReportFrontmatter = Omit<z.input<typeof reportSchema>, 'documentDate' | 'publishedDate' | 'indicators'> & {
  documentDate?: string;
  publishedDate?: string;
  indicators: Record<string, IndicatorEntry>;
};
