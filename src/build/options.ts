/**
 * What a build is asked to do, as scripts/build.ts reads it from its arguments and the build
 * configuration (src/lib/config.ts). Passed to every stage; no module of src/build reads the
 * environment itself.
 */
import { join, relative } from 'node:path';
import type { BuildConfig } from '../lib/config';
import { within } from './paths-guard';

export interface BuildOptions {
  /** The project root (also the working directory). */
  root: string;
  /** The build configuration (content directory, drafts, site URL). */
  config: BuildConfig;
  /** The content directory, resolved. */
  contentDir: string;
  /** The output directory, resolved. */
  out: string;
  /** The work directory (page state, search index, shards), resolved. */
  work: string;
  /** The environment the build's processes start from (telemetry is turned off on top, see env.ts). */
  env: NodeJS.ProcessEnv;
  /** Progress lines. */
  log: (line: string) => void;
}

/** Where the search index is written and kept between builds. */
export const indexWorkDir = (o: Pick<BuildOptions, 'work'>): string => join(o.work, 'index');

/** `p` as messages show it: relative to the project when inside it. */
export const shownPath = (o: Pick<BuildOptions, 'root'>, p: string): string => (within(p, o.root) && relative(o.root, p)) || p;
