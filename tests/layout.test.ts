/**
 * The folders' one-way imports: scripts/ (CLI entry points) and tests/ never import each other,
 * both share the harness in bench/, which imports neither, and src/ imports none of the three.
 * Read from every file's import specifiers (TypeScript's own scanner, dynamic imports included).
 */
import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join, relative, resolve, sep } from 'node:path';
import { fileURLToPath } from 'node:url';
import ts from 'typescript';
import { describe, expect, it } from 'vitest';

const ROOT = fileURLToPath(new URL('..', import.meta.url));
const SOURCE = /\.(ts|mts|mjs|js|astro)$/;

function filesUnder(dir: string): string[] {
  return readdirSync(join(ROOT, dir), { recursive: true, encoding: 'utf8' })
    .filter((f) => SOURCE.test(f) && !f.split(sep).includes('node_modules'))
    .map((f) => join(ROOT, dir, f));
}

/** The top folder (scripts, tests, bench, src) a relative import of `file` lands in, per import. */
function importedFolders(file: string): { spec: string; folder: string }[] {
  const { importedFiles } = ts.preProcessFile(readFileSync(file, 'utf8'), true, true);
  return importedFiles
    .map((f) => f.fileName)
    .filter((spec) => spec.startsWith('.'))
    .map((spec) => ({ spec, folder: relative(ROOT, resolve(dirname(file), spec)).split(sep)[0] }));
}

/** Every import from a file under `from` into one of `into`, as `file: specifier`. */
function crossings(from: string, into: readonly string[]): string[] {
  return filesUnder(from).flatMap((file) =>
    importedFolders(file)
      .filter((i) => into.includes(i.folder))
      .map((i) => `${relative(ROOT, file)}: ${i.spec}`),
  );
}

describe('imports between the top folders', () => {
  it('reads imports, static and dynamic (the scanner works)', () => {
    const folders = importedFolders(join(ROOT, 'scripts', 'bench-recall.ts')).map((i) => i.folder);
    expect(folders).toContain('bench');
  });

  it('tests/ import nothing from scripts/ (a test runs a CLI as a process)', () => {
    expect(crossings('tests', ['scripts'])).toEqual([]);
  });

  it('scripts/ import nothing from tests/', () => {
    expect(crossings('scripts', ['tests'])).toEqual([]);
  });

  it('bench/ imports neither scripts/ nor tests/', () => {
    expect(crossings('bench', ['scripts', 'tests'])).toEqual([]);
  });

  it('src/ imports none of scripts/, tests/ and bench/', () => {
    expect(crossings('src', ['scripts', 'tests', 'bench'])).toEqual([]);
  });
});
