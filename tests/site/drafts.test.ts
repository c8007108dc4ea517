/**
 * Drafts: shown (with a banner, in lists and in search) in the drafts preview build, and without
 * any trace in the production build: no page, no list entry, no count, no search hit, no feed,
 * sitemap or open-data row.
 */
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { buildFixture, filesContaining } from '../helpers/fixture-build';

const MARKER = '草稿专用标记词九七三';
const DRAFT = `---
title: 关于怀化市2024年度法治政府建设情况的报告
year: 2024
issuer: 怀化市人民政府
draft: true
indicators:
  litigationCases:
    value: 77
    quote: 办理行政诉讼案件77件
---

## 一、主要工作

全年办理行政诉讼案件77件，${MARKER}。
`;

const withDraft = (dir: string) => {
  mkdirSync(join(dir, 'reports/hunan/huaihua'), { recursive: true });
  writeFileSync(join(dir, 'reports/hunan/huaihua/2024.mdx'), DRAFT);
};

describe('drafts', { timeout: 180_000 }, () => {
  it('leave no trace in the production build', async () => {
    // Built from this process, whose NODE_ENV is Vitest's `test`: the build must still be a production one.
    expect(process.env.NODE_ENV).not.toBe('production');
    const r = await buildFixture('tests/fixtures/content-min', withDraft, { pagefind: true });
    expect(r.ok, r.output).toBe(true);
    expect(filesContaining(r.out, MARKER)).toEqual([]);
    // No page, no year page, no mention of its year or figures anywhere.
    expect(existsSync(join(r.out, 'places/hunan/huaihua/2024'))).toBe(false);
    expect(existsSync(join(r.out, 'years/2024'))).toBe(false);
    expect(filesContaining(r.out, '/places/hunan/huaihua/2024/')).toEqual([]);
    expect(filesContaining(r.out, '2024年度法治政府建设')).toEqual([]);
    expect(filesContaining(r.out, '办理行政诉讼案件77件')).toEqual([]);
    const home = readFileSync(join(r.out, 'index.html'), 'utf8');
    expect(home).toContain('已收录 1 份报告');
    // The search's pair table counts published reports only.
    expect(JSON.parse(readFileSync(join(r.out, 'search/pairs.json'), 'utf8')).sample).toBe(1);
  });

  it('appear with a banner, in lists and in search in the drafts preview build', async () => {
    const r = await buildFixture('tests/fixtures/content-min', withDraft, { pagefind: true, env: { INCLUDE_DRAFTS: 'true' } });
    expect(r.ok, r.output).toBe(true);
    const page = readFileSync(join(r.out, 'places/hunan/huaihua/2024/index.html'), 'utf8');
    expect(page).toContain(MARKER);
    expect(page).toContain('草稿：本报告尚未发布');
    expect(readFileSync(join(r.out, 'places/hunan/huaihua/index.html'), 'utf8')).toContain('/places/hunan/huaihua/2024/');
    expect(readFileSync(join(r.out, 'index.html'), 'utf8')).toContain('已收录 2 份报告');
    expect(filesContaining(join(r.out, 'pagefind'), MARKER).length).toBeGreaterThan(0);
    expect(JSON.parse(readFileSync(join(r.out, 'search/pairs.json'), 'utf8')).sample).toBe(2);
  });
});
