/**
 * Scoped previews for officials (`npm run dev -- --place <id>`, `npm run preview:drafts -- --place
 * <id>`): the `--place` argument taken out of the command line (the rest goes to Astro as it is),
 * checked against places.yaml, and handed to Astro's processes as `PREVIEW_PLACE` (read by
 * src/lib/config.ts; the scope itself is src/build/scope.ts).
 */
import { placeUrl } from '../lib/urls';
import { buildConfig } from '../lib/config';
import { previewPlaceProblem } from './scope';

export interface PreviewArgs {
  /** `--place <id>` or `--place=<id>`. */
  place?: string;
  help: boolean;
  /** Everything else, in order, for Astro. */
  rest: string[];
}

/** Splits a preview script's arguments; throws when `--place` has no value. */
export function previewArgs(argv: readonly string[]): PreviewArgs {
  const out: PreviewArgs = { help: false, rest: [] };
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    if (a === '--help' || a === '-h') out.help = true;
    else if (a === '--place' || a.startsWith('--place=')) {
      const value = a === '--place' ? argv[++i] : a.slice('--place='.length);
      if (!value || value.startsWith('-')) throw new Error('--place 后须写地区 id，如 --place guangdong/shenzhen/baoan / --place needs a place id');
      out.place = value.replace(/^\/+|\/+$/g, '');
    } else out.rest.push(a);
  }
  return out;
}

/**
 * The environment for Astro's processes previewing `place` from `contentDir` (nothing to add
 * without a place); throws, naming the id, when places.yaml has no such place.
 */
export function previewEnv(contentDir: string, place: string | undefined): Record<string, string> {
  if (!place) return {};
  const problem = previewPlaceProblem(contentDir, place);
  if (problem) throw new Error(problem);
  return { PREVIEW_PLACE: place };
}

/** The line a preview script prints first: what is loaded, and where the place's page is (under the site's base path). */
export const previewNotice = (place: string, origin: string, base = buildConfig().base): string =>
  `只加载“${place}”及其上级、下级地区的报告；全国页面只含这些报告 / loading only the reports of ${place}, the places above it and below it; national pages show only these\n` +
  `预览 / preview: ${origin}${base}${placeUrl(place).slice(1)}`;

/**
 * What a preview CLI (scripts/dev.ts, scripts/preview-drafts.ts) starts with: its arguments and
 * the environment of the scope, or what to print and the exit code (the usage for `--help`, 0; a
 * bad `--place`, 2).
 */
export function previewCli(argv: readonly string[], usage: string, contentDir: string): { args: PreviewArgs; env: Record<string, string> } | { exit: number; message: string } {
  try {
    const args = previewArgs(argv);
    if (args.help) return { exit: 0, message: usage };
    return { args, env: previewEnv(contentDir, args.place) };
  } catch (e) {
    return { exit: 2, message: e instanceof Error ? e.message : String(e) };
  }
}

/** `previewCli` for an entry point: prints the usage or the problem and exits, or returns the arguments and environment. */
export function readPreviewCli(argv: readonly string[], usage: string, contentDir: string): { args: PreviewArgs; env: Record<string, string> } {
  const cli = previewCli(argv, usage, contentDir);
  if (!('exit' in cli)) return cli;
  (cli.exit ? console.error : console.log)(cli.message);
  process.exit(cli.exit);
}
