/**
 * What `astro dev` watches in a scoped preview (`PREVIEW_PLACE`). Vite watches the whole project,
 * so at 10,000 reports its file watcher first walked every report file (and every build output
 * in the project) before the first page, and again kept the event loop busy when a file changed.
 * A scoped preview watches only its place's scope of the reports, and no build output.
 */
import { relative, resolve, sep } from 'node:path';
import { inPlaceScope } from '../lib/content/published';

/** Folders of build outputs and work files, never watched by a scoped preview. */
const OUTPUTS = ['dist', 'dist-drafts', '.shards', '.tmp', 'test-results'];

const within = (path: string, dir: string) => path === dir || path.startsWith(dir + sep);

/**
 * The `ignored` test of Vite's watcher (chokidar) for a preview of `place` from `contentDir`:
 * true for report files and folders outside the place's scope, and for build outputs.
 */
export function previewWatchIgnored(root: string, contentDir: string, place: string): (path: string) => boolean {
  const content = resolve(root, contentDir);
  const reports = resolve(content, 'reports');
  const outputs = OUTPUTS.map((d) => resolve(root, d));
  return (path) => {
    const p = resolve(root, path);
    if (within(p, reports)) {
      const rel = relative(reports, p).split(sep).join('/');
      const placeId = rel.endsWith('.mdx') ? rel.slice(0, Math.max(0, rel.lastIndexOf('/'))) : rel;
      return rel !== '' && !inPlaceScope(place, placeId);
    }
    // The content directory may itself be in an output folder (a generated corpus in .tmp/).
    if (within(content, p) || within(p, content)) return false;
    return outputs.some((d) => within(p, d));
  };
}
