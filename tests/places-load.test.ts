/** The one places loader (src/lib/places/load.ts): what check, the build, the search index and the importer read. */
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { loadPlaces, parsePlaces, placesParser, PlacesError, readPlaces } from '../src/lib/places/load';

const CONTENT = fileURLToPath(new URL('../content', import.meta.url));

describe('places loader', () => {
  it('reads the site places through the schema, in file order', () => {
    const rows = loadPlaces(CONTENT);
    expect(rows.length).toBeGreaterThan(3);
    expect(rows[0]).toMatchObject({ id: expect.any(String), name: expect.any(String), level: 'province' });
  });

  it('takes an empty file or one of comments only as no places', () => {
    expect(parsePlaces('', 'p.yaml')).toMatchObject({ rows: [], problems: [] });
    expect(parsePlaces('# none yet\n', 'p.yaml')).toMatchObject({ rows: [], problems: [] });
  });

  it('names file, line and field of a schema problem, Chinese first, and keeps the good rows', () => {
    const text = '- id: hunan\n  name: 湖南省\n  level: province\n- id: hunan/huaihua\n  name: 怀化市\n  level: city\n';
    const r = parsePlaces(text, 'p.yaml');
    expect(r.rows.map((p) => p.id)).toEqual(['hunan']);
    expect(r.problems).toEqual([{ file: 'p.yaml', line: 6, field: 'hunan/huaihua.level', message: expect.stringMatching(/^层级只能是 .* \/ level must be one of/) }]);
    expect(r.lineOf('hunan/huaihua')).toBe(4);
  });

  it('refuses what is not a list, aliases and duplicate keys', () => {
    expect(parsePlaces('id: hunan\n', 'p.yaml').problems[0].message).toMatch(/^地区文件应为地区列表.*\/ places.yaml must be a list/);
    expect(parsePlaces('- &a {id: hunan, name: 湖南省, level: province}\n- *a\n', 'p.yaml').problems[0].message).toMatch(/不允许使用 YAML 别名/);
    expect(parsePlaces('- id: hunan\n  id: hubei\n  name: 湖南省\n  level: province\n', 'p.yaml').problems[0]).toMatchObject({ line: 2, message: expect.stringMatching(/同一个字段写了两次/) });
  });

  it('says a missing file is missing, and loadPlaces and the collection parser throw every problem', () => {
    const empty = mkdtempSync(join(tmpdir(), 'fazhi-places-'));
    expect(readPlaces(empty, 'places.yaml').problems).toEqual([{ file: 'places.yaml', message: '缺少地区数据文件 / places.yaml is missing' }]);
    expect(() => loadPlaces(empty)).toThrow(PlacesError);
    const bad = '- id: Hunan\n  name: 湖南省\n  level: province\n- id: hubei\n  name: 湖\n  level: province\n';
    expect(() => placesParser('c/places.yaml')(bad)).toThrow(/^地区数据文件有误.*\/ invalid places file:\nc\/places.yaml:1 › Hunan.id: 地区 id“Hunan”不符合规则[^\n]*\nc\/places.yaml:5 › hubei.name: 名称至少两个字/);
  });
});
