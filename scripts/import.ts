/**
 * `npm run import -- <files or folders…> [--place <id>] [--year <y>] [--out <content dir>] [--force] [--dry-run]`:
 * turns a report (a saved web page, a PDF, a Word document, or text copied from a page in any
 * common Chinese encoding) into `reports/<place id>/<year>.mdx`; a batch ends with a summary table,
 * and one broken file never stops the rest. A new entry is written as a draft with the indicators the
 * extractor finds, each marked for checking. Re-runnable over a draft, which keeps its hand-edited
 * fields (indicators, source.url, source.site, draft); a published entry is only replaced with
 * --force, after a backup.
 */
import { pathToFileURL } from 'node:url';
import { main } from '../src/lib/import/cli';

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  process.exitCode = await main(process.argv.slice(2));
}
