/** Writing content files whole: an import cut off midway leaves the old file, never half a new one. */
import { renameSync, rmSync, writeFileSync } from 'node:fs';

/** Writes `text` to `file` through a temporary file beside it, then renames it over `file`. */
export function writeWhole(file: string, text: string): void {
  const tmp = `${file}.tmp-${process.pid}`;
  try {
    writeFileSync(tmp, text);
    renameSync(tmp, file);
  } finally {
    rmSync(tmp, { force: true });
  }
}
