/** Which reports a build publishes (src/lib/content/published.ts): drafts and shard scope, decided once. */
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { shardScope } from '../src/build/shards';
import { entryRole, isDraft, isPublished, reportIdsByYear } from '../src/lib/content/published';

describe('published reports', () => {
  it('takes only draft: true for a draft, and shows drafts only when drafts are built', () => {
    expect([{ draft: true }, { draft: 'true' }, { draft: false }, {}, undefined, null].map(isDraft)).toEqual([true, false, false, false, false, false]);
    expect(isPublished({ draft: true }, false)).toBe(false);
    expect(isPublished({ draft: true }, true)).toBe(true);
    expect(isPublished({ title: 'x' }, false)).toBe(true);
  });

  it('renders every entry in a whole build, facts only in the national shard, a province in its own shard', () => {
    expect(entryRole(shardScope(undefined, new Map()), 'hunan/huaihua/2023')).toBe('render');
    const plan = new Map([['hunan', 1], ['guangdong', 2]]);
    expect(entryRole(shardScope({ index: 0, count: 3 }, plan), 'hunan/huaihua/2023')).toBe('facts');
    expect(entryRole(shardScope({ index: 1, count: 3 }, plan), 'hunan/huaihua/2023')).toBe('render');
    expect(entryRole(shardScope({ index: 2, count: 3 }, plan), 'hunan/huaihua/2023')).toBe('skip');
  });

  it('lists the entries of a content directory by year, newest first', () => {
    const years = reportIdsByYear(fileURLToPath(new URL('./fixtures/content-min', import.meta.url)));
    expect(years.map(([y]) => y)).toEqual([...years.map(([y]) => y)].sort((a, b) => b - a));
    expect(years.flatMap(([, ids]) => ids)).toContain('hunan/huaihua/2023');
  });
});
