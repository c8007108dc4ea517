/** Display of figures and dates, shared by pages, tables and exports. */
import type { IndicatorDef } from './indicators';

const numberFormat = new Intl.NumberFormat('zh-CN', { maximumFractionDigits: 4 });

/** `28.42%`, `568件`, `1000余万元`: the value with its unit, `余` when approximate. */
export function formatValue(def: IndicatorDef, v: { value: number; approximate?: boolean; unit?: string }): string {
  const n = numberFormat.format(v.value);
  const approx = v.approximate ? '余' : '';
  return def.unit === '%' ? `${n}%` : `${n}${approx}${v.unit ?? def.unit}`;
}

/** `2024年2月22日` from a date that YAML parsed as UTC midnight. */
export function formatDate(d: Date): string {
  return `${d.getUTCFullYear()}年${d.getUTCMonth() + 1}月${d.getUTCDate()}日`;
}

/** `2024-02-22`, for `<time datetime>`. */
export const isoDate = (d: Date) => d.toISOString().slice(0, 10);
