/**
 * Two built sites compared file for file, for `npm run ci:simulate` (../ci-simulate.ts): the same
 * set of paths and the same bytes. Nothing is normalised because a build writes no time of its
 * own: the sitemap has no lastmod, the feed's dates are the reports' dates, Pagefind's file names
 * are digests of their content. A difference is reported with its first differing line.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { filesUnder } from '../../src/build/files';

export interface SiteDiff {
  /** Files of the first site only. */
  onlyA: string[];
  /** Files of the second site only. */
  onlyB: string[];
  /** Files in both whose bytes differ, each with its first differing line. */
  differ: { file: string; a: string; b: string }[];
  /** Files compared. */
  compared: number;
}

/** The first line that differs between `a` and `b`, clipped for a log. */
function firstDifference(a: string, b: string): { a: string; b: string } {
  const la = a.split('\n');
  const lb = b.split('\n');
  let i = 0;
  while (i < la.length && la[i] === lb[i]) i++;
  const clip = (line: string | undefined, other: string | undefined) => {
    if (line === undefined) return '(end of file)';
    // Long lines (minified HTML): show the neighbourhood of the first differing character.
    let c = 0;
    while (c < line.length && other !== undefined && line[c] === other[c]) c++;
    const from = Math.max(0, c - 60);
    return `line ${i + 1}, col ${c + 1}: ${from ? '…' : ''}${line.slice(from, from + 160)}`;
  };
  return { a: clip(la[i], lb[i]), b: clip(lb[i], la[i]) };
}

/** Compares the sites in `a` and `b` file for file. */
export function compareSites(a: string, b: string): SiteDiff {
  const filesA = filesUnder(a);
  const filesB = filesUnder(b);
  const inB = new Set(filesB);
  const inA = new Set(filesA);
  const diff: SiteDiff = { onlyA: filesA.filter((f) => !inB.has(f)), onlyB: filesB.filter((f) => !inA.has(f)), differ: [], compared: 0 };
  for (const file of filesA.filter((f) => inB.has(f))) {
    diff.compared++;
    const bytesA = readFileSync(join(a, file));
    const bytesB = readFileSync(join(b, file));
    if (!bytesA.equals(bytesB)) diff.differ.push({ file, ...firstDifference(bytesA.toString('utf8'), bytesB.toString('utf8')) });
  }
  return diff;
}

/** True if the sites have the same files with the same bytes. */
export const sameSite = (d: SiteDiff): boolean => !d.onlyA.length && !d.onlyB.length && !d.differ.length;

/** The comparison in a few lines (at most `max` files named per kind). */
export function describeDiff(d: SiteDiff, names: [string, string], max = 15): string {
  const list = (files: string[]) => files.slice(0, max).map((f) => `    ${f}`).concat(files.length > max ? [`    … and ${files.length - max} more`] : []);
  const lines = [`${d.compared} files in both; ${d.onlyA.length} only in ${names[0]}, ${d.onlyB.length} only in ${names[1]}, ${d.differ.length} differ`];
  if (d.onlyA.length) lines.push(`  only in ${names[0]}:`, ...list(d.onlyA));
  if (d.onlyB.length) lines.push(`  only in ${names[1]}:`, ...list(d.onlyB));
  for (const x of d.differ.slice(0, max)) lines.push(`  differs: ${x.file}`, `    ${names[0]}: ${x.a}`, `    ${names[1]}: ${x.b}`);
  if (d.differ.length > max) lines.push(`  … and ${d.differ.length - max} more differ`);
  return lines.join('\n');
}
