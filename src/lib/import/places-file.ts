/** Adding proposed places to places.yaml, keeping the file's own text, comments and order byte for byte. */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import YAML, { isMap, isSeq, parseDocument, type YAMLMap } from 'yaml';
import { isPlaceId, placeSchema, type PlaceRef } from '../../schemas/place';
import { writeWhole } from './write';

const parentIdOf = (id: string) => (id.includes('/') ? id.slice(0, id.lastIndexOf('/')) : undefined);

/** Where places.yaml cannot take the new places; the message says what to fix. */
export class PlaceFileError extends Error {
  override name = 'PlaceFileError';
}

/**
 * Adds `places` (parents first) to `<dir>/places.yaml` and returns the ids added. The file's own
 * text, comments and order are kept byte for byte: each place is inserted as text after the last
 * entry of its parent's branch (at the end for a new province). A place already there under the
 * same name is skipped; one whose id is taken by another name stops with PlaceFileError before
 * anything is written. The file is replaced whole (temporary file, then rename).
 */
export function addPlaces(dir: string, places: readonly PlaceRef[]): string[] {
  const file = join(dir, 'places.yaml');
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch {
    throw new PlaceFileError(`找不到地区文件 ${file}，无法添加新地区 / cannot read ${file} to add the new places`);
  }
  const added: string[] = [];
  for (const place of places) {
    const checked = placeSchema.safeParse(place);
    if (!checked.success || !isPlaceId(place.id)) {
      throw new PlaceFileError(
        `新地区 ${place.id}（${place.name}）不符合地区规则，未写入：${checked.error?.issues.map((i) => i.message).join('；') ?? ''} / the new place ${place.id} is not valid; nothing was written`,
      );
    }
    const doc = parseDocument(text);
    if (doc.errors.length) {
      throw new PlaceFileError(`${file} 无法解析，请先改正：${doc.errors[0].message} / cannot parse ${file}; fix it first`);
    }
    const seq = doc.contents;
    const items = isSeq(seq) ? seq.items.filter((i): i is YAMLMap.Parsed => isMap(i)) : [];
    const idOf = (item: YAMLMap.Parsed) => String(item.get('id') ?? '');
    const same = items.find((item) => idOf(item) === place.id);
    if (same) {
      if (String(same.get('name') ?? '') === place.name) continue;
      throw new PlaceFileError(
        `${file} 中地区 id“${place.id}”已用于“${String(same.get('name'))}”，不能再用于“${place.name}”，未写入任何文件。请用 --place 指定地区或在 places.yaml 中改正 / the place id "${place.id}" is already used for ${String(same.get('name'))} in ${file}; nothing was written. Pass --place or fix places.yaml`,
      );
    }
    const entry = YAML.stringify([place], { lineWidth: 0 });
    if (!isSeq(seq) || seq.flow || !items.length) {
      // An empty file (or comments only): the entry starts the list.
      const sep = text && !text.endsWith('\n') ? '\n' : '';
      if (isSeq(seq) && seq.items.length) throw new PlaceFileError(`${file} 应为逐行书写的地区列表 / ${file} must be a block list of places`);
      text = `${text.replace(/^\s*\[\s*\]\s*$/m, '')}${sep}${entry}`;
      added.push(place.id);
      continue;
    }
    const parentId = parentIdOf(place.id);
    const branch = parentId ? items.filter((item) => idOf(item) === parentId || idOf(item).startsWith(`${parentId}/`)) : [];
    const after = branch.at(-1) ?? items.at(-1)!;
    let at = after.range![2];
    const lineStart = text.lastIndexOf('\n', items[0].range![0]) + 1;
    const indent = text.slice(lineStart, items[0].range![0]).replace(/-\s*$/, '');
    const block = entry
      .split('\n')
      .filter(Boolean)
      .map((l) => `${indent}${l}\n`)
      .join('');
    if (at > 0 && text[at - 1] !== '\n') {
      text = `${text.slice(0, at)}\n${text.slice(at)}`;
      at++;
    }
    text = `${text.slice(0, at)}${block}${text.slice(at)}`;
    added.push(place.id);
  }
  if (!added.length) return added;
  writeWhole(file, text);
  return added;
}
