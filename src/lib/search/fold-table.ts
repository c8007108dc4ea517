/**
 * The fold table (./fold.ts) from OpenCC's character dictionaries, made by the build (Node only:
 * the page loads the result, not the dictionaries).
 */
import iconv from 'iconv-lite';
import { from, to } from 'opencc-js/preset/t2cn';
import { makeFold, type Fold } from './fold';

type Dict = string | readonly (readonly [string, string])[];

/** `from → first replacement` of an OpenCC dictionary, single BMP characters only (the fold keeps positions). */
function charEntries(dict: Dict): [string, string][] {
  const rows: readonly (readonly [string, string])[] =
    typeof dict === 'string' ? dict.split('|').map((row) => { const [k, ...v] = row.split(' '); return [k, v[0] ?? ''] as const; }) : dict;
  return rows.filter(([k, v]) => k.length === 1 && v?.length === 1 && k !== v).map(([k, v]) => [k, v]);
}

/** The dictionaries of a locale's conversion that map characters (not phrases): variants, then Traditional → Simplified. */
const charDicts = (groups: readonly (readonly Dict[])[]): Dict[] => groups.flatMap((g) => g.slice(-1));

/**
 * True for the 3,755 most common Simplified characters (GB 2312 level 1, rows 0xB0–0xD7 of its
 * encoding, the same bytes in GBK). OpenCC folds three of them (著→着, 乾→干, 么→幺) because they
 * also write another word in Traditional text; folding them would change Simplified reports
 * (显著 would be indexed as 显着) for a rare Traditional usage, so they are left as they are.
 */
function commonSimplified(c: string): boolean {
  const b = iconv.encode(c, 'gbk');
  return b.length === 2 && b[0] >= 0xb0 && b[0] <= 0xd7 && b[1] >= 0xa1 && b[1] <= 0xfe;
}

let table: string | undefined;

/** Every character some OpenCC Traditional form folds to, with its Simplified form, as `FoldTable.pairs`. */
export function foldPairs(): string {
  if (table !== undefined) return table;
  const variants = new Map([...charDicts(from.hk), ...charDicts(from.tw)].flatMap(charEntries));
  const simplified = new Map(charDicts(to.cn).flatMap(charEntries));
  const out = new Map<string, string>();
  for (const c of new Set([...variants.keys(), ...simplified.keys()])) {
    // A variant to standard Traditional, then to Simplified, until nothing changes (a few steps).
    let f = c;
    for (let step = 0; step < 4; step++) {
      const next = simplified.get(variants.get(f) ?? f) ?? variants.get(f) ?? f;
      if (next === f) break;
      f = next;
    }
    if (f !== c && !commonSimplified(c)) out.set(c, f);
  }
  table = [...out].map(([k, v]) => k + v).join('');
  return table;
}

let fold: Fold | undefined;

/** The fold the build uses (the same table it writes for the page), made once. */
export const buildFold = (): Fold => (fold ??= makeFold(foldPairs()));
