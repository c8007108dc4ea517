/** Builds the site from a copy of a fixture content directory (CONTENT_DIR), into a temp dir. */
import { execFile } from 'node:child_process';
import { cpSync, mkdtempSync, readdirSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { gunzipSync } from 'node:zlib';
import { textFromPairs } from '../../src/lib/search/text';
import { childEnv } from '../../src/build/env';

const run = promisify(execFile);

export interface FixtureBuild {
  ok: boolean;
  output: string;
  out: string;
}

/** Copies `fixture` to a temp dir, lets `prepare` edit it, then builds (and optionally indexes) it. */
export async function buildFixture(
  fixture: string,
  prepare: (dir: string) => void,
  opts: { env?: Record<string, string>; pagefind?: boolean } = {},
): Promise<FixtureBuild & { dir: string }> {
  const dir = mkdtempSync(join(tmpdir(), 'fazhi-content-'));
  cpSync(fixture, dir, { recursive: true });
  prepare(dir);
  const out = join(dir, 'dist');
  // NODE_ENV as a production build has it (src/build/steps.ts), for the plain `astro build` too.
  const env = childEnv(process.env, { CONTENT_DIR: dir, ...opts.env, ...(opts.pagefind ? {} : { NODE_ENV: 'production' }) });
  let output = '';
  try {
    // With the search index: as `npm run build` builds it (scripts/build.ts, one bundle per year).
    const args = opts.pagefind ? ['tsx', 'scripts/build.ts', '--out', out, '--shards', '1'] : ['astro', 'build', '--outDir', out];
    const r = await run('npx', args, { env, maxBuffer: 1 << 26 });
    output += r.stdout + r.stderr;
    return { ok: true, output, out, dir };
  } catch (e) {
    const err = e as { stdout?: string; stderr?: string };
    return { ok: false, output: output + (err.stdout ?? '') + (err.stderr ?? ''), out, dir };
  }
}

/**
 * Every file under `dir` whose text contains `needle`. Pagefind's files are gzipped, and the text it
 * stores for a page is written as character pairs (src/lib/search/text.ts), so those are unpacked
 * and read back first.
 */
export function filesContaining(dir: string, needle: string): string[] {
  const hits: string[] = [];
  for (const rel of readdirSync(dir, { recursive: true, encoding: 'utf8' })) {
    const path = join(dir, rel);
    let buf: Buffer;
    try {
      buf = readFileSync(path);
    } catch {
      continue; // a directory
    }
    if (buf[0] === 0x1f && buf[1] === 0x8b) buf = gunzipSync(buf);
    const text = buf.toString('utf8');
    if (text.includes(needle) || textFromPairs(text).includes(needle)) hits.push(rel);
  }
  return hits;
}
