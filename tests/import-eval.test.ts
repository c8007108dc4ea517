/**
 * Import equivalence (issue: "The PDF, HTML, Word and text forms of one report import to the same
 * body, sentence by sentence"): two reports — a seed with half-width punctuation and a signature,
 * and a written town report whose place is not in places.yaml — rendered through two page
 * templates (TRS WCM and the gov.cn 集约化 platform with its 信息公开 table), saved as .html, as
 * the .txt a copy from the page gives, as a Chromium-printed .pdf, and as the clerk's .docx. Every
 * form must import, with no --place or --year, to exactly the report's sentences in order: nothing
 * of the page around it, nothing of the report lost. The full evaluation is `npm run eval:import`.
 */
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { importSource, loadPlaces, type ImportResult } from '../src/lib/import/importer';
import { readSource } from '../src/lib/import/read';
import { generate, type Fixture } from '../bench/import-eval/generate';
import { textKey } from '../bench/import-eval/score';

const REPORTS = ['seed-001', 'r4-jiangyin-zhouzhuang-2022'] as const;
const TEMPLATES = ['trs', 'jiyue'] as const;
const FORMS = ['report.docx', ...TEMPLATES.flatMap((t) => ['html', 'txt', 'pdf'].map((f) => `${t}.${f}`))];

const CONTENT = fileURLToPath(new URL('../content', import.meta.url));

let out: string;
let fixtures: Fixture[] = [];
const imported = new Map<string, ImportResult>();

/** Imports a fixture once (several tests read the same import). */
async function importFixture(file: string): Promise<{ fixture: Fixture; result: ImportResult }> {
  const fixture = fixtures.find((f) => f.file === file);
  if (!fixture) throw new Error(`no fixture ${file}`);
  let result = imported.get(file);
  if (!result) {
    const path = join(out, file);
    result = importSource(await readSource(path, new Uint8Array(readFileSync(path))), { places: loadPlaces(CONTENT) });
    imported.set(file, result);
  }
  return { fixture, result };
}

beforeAll(async () => {
  out = mkdtempSync(join(tmpdir(), 'import-eval-'));
  fixtures = await generate({ out, reports: REPORTS, templates: TEMPLATES, fresh: true });
}, 180_000);

afterAll(() => {
  if (out) rmSync(out, { recursive: true, force: true });
});

describe('every form of a report imports to the report text, sentence by sentence', () => {
  it('builds all four forms of each report', () => {
    expect(fixtures.map((f) => f.file).sort()).toEqual(REPORTS.flatMap((r) => FORMS.map((f) => `${r}/${f}`)).sort());
  });

  for (const report of REPORTS) {
    for (const form of FORMS) {
      it(`${report}/${form}`, async () => {
        const { fixture, result } = await importFixture(`${report}/${form}`);
        expect(result.sentences.map(textKey)).toEqual(fixture.expected.sentences.map(textKey));
      }, 30_000);
    }

    it(`${report}: the PDF, HTML, Word and text forms give the same body`, async () => {
      const bodies = await Promise.all(FORMS.map(async (form) => (await importFixture(`${report}/${form}`)).result.sentences.map(textKey)));
      for (const [i, body] of bodies.entries()) expect(body, FORMS[i]).toEqual(bodies[0]);
    }, 60_000);
  }
});
