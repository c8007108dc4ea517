/**
 * Every attack case through the function the reports loader and `npm run check` both call
 * (readReportFile): a rejected case is refused with its line (or field) and a reason in Chinese
 * first; an inert case is accepted and its rendered body carries nothing active. The same cases go
 * through a real build in tests/site/security-build.test.ts.
 */
import { describe, expect, it } from 'vitest';
import { readReportFile } from '../../src/lib/content/report-file';
import { renderReportBody } from '../../src/lib/content/body';
import { ATTACKS, attackFile } from './attacks';
import { activeContent } from './inert';

describe('attack cases through the loader’s reader', () => {
  it('has at least 40 cases across every class', () => {
    expect(ATTACKS.length).toBeGreaterThanOrEqual(40);
    expect(new Set(ATTACKS.map((a) => a.kind)).size).toBe(8);
    expect(new Set(ATTACKS.map((a) => a.name)).size).toBe(ATTACKS.length);
  });

  for (const a of ATTACKS.filter((x) => x.outcome === 'rejected')) {
    it(`rejects: ${a.name}`, () => {
      const { text, bodyStart } = attackFile(a, 2023);
      const r = readReportFile(text, 'reports/x/2023.mdx');
      // A refused body is not rendered at all; a refused field fails the file (the loader stores nothing).
      if (!a.field) expect(r.result.rendered, 'nothing rendered').toBeUndefined();
      expect(r.problems.length).toBeGreaterThan(0);
      const hit = a.field ? r.problems.find((p) => p.field === a.field) : r.problems.find((p) => p.line === bodyStart + a.line! - 1);
      expect(hit, JSON.stringify(r.problems)).toBeDefined();
      expect(hit!.message).toMatch(/^[^a-zA-Z]*[\u4e00-\u9fff]/);
      expect(hit!.message).toMatch(/\/ [a-zA-Z<{]/);
    });
  }

  for (const a of ATTACKS.filter((x) => x.outcome === 'inert')) {
    it(`publishes as text: ${a.name}`, () => {
      const r = readReportFile(attackFile(a, 2023).text, 'reports/x/2023.mdx');
      expect(r.problems).toEqual([]);
      expect(activeContent(r.result.rendered!.html)).toEqual([]);
    });
  }
});

describe('the sanitizer behind the policy', () => {
  // Bodies the policy admits are sanitized too; this is what would stop a policy mistake.
  it('keeps the site’s own marks and drops what a slip of the policy could let through', () => {
    const html = renderReportBody('## 一、工作\n\n办理复议案件568宗，\\*\\*\\*\\*\\*。<abbr title="府院联动">联动</abbr><Note>未收录。</Note>\n', { x: { quote: '办理复议案件568宗' } }, 'a.mdx').rendered!.html;
    expect(html).toContain('<h2 id="一工作">');
    expect(html).toContain('<mark id="q-x" class="quote">办理复议案件568宗</mark>');
    expect(html).toContain('<span class="redacted" title="原文此处内容已隐去">*****</span>');
    expect(html).toContain('<abbr title="府院联动">联动</abbr>');
    expect(html).toContain('<aside class="report-note"><p class="report-note-title">编者说明</p>');
  });
});
