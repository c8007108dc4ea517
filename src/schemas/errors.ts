/**
 * Chinese-first wording for Zod's generic errors (a missing field, a field the schema does not
 * know, a wrong type), so officials read every schema problem in their language. Field-specific
 * rules carry their own messages in the schemas. Installed as Zod's global error map on import
 * (Astro parses content with its own calls, so a per-parse map cannot be passed); it only words
 * these generic cases and leaves every other message as Zod's default.
 */
import { z } from 'astro/zod';

const TYPE_NAMES: Record<string, string> = {
  string: '文字',
  number: '数字',
  boolean: 'true 或 false',
  object: '键值映射',
  array: '列表',
  date: '日期',
};

export const zhErrorMap: z.ZodErrorMap = (issue, ctx) => {
  if (issue.code === z.ZodIssueCode.invalid_type) {
    if (issue.received === 'undefined') return { message: '缺少必填字段 / required field is missing' };
    const want = TYPE_NAMES[issue.expected] ?? issue.expected;
    return { message: `应为${want}，实际为 ${issue.received} / expected ${issue.expected}, received ${issue.received}` };
  }
  if (issue.code === z.ZodIssueCode.unrecognized_keys) {
    const keys = issue.keys.join('、');
    return { message: `未知字段：${keys}（请检查拼写，或删除该字段）/ unknown field(s): ${issue.keys.join(', ')}` };
  }
  return { message: ctx.defaultError };
};

z.setErrorMap(zhErrorMap);
