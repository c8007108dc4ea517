/**
 * The processes of a build and their figures: each astro build is run through runMeasured (its
 * output, wall time and peak memory), its failure turned into a message that says why, and its
 * figures kept for the last line of the build, `build-steps: {…}`, which npm run bench reads.
 */
import { join } from 'node:path';
import { CONTENT_PROBLEMS } from '../lib/content/validate';
import { childEnv } from './env';
import { astroStages, runMeasured, type StepFigures } from './proc';

/**
 * Node settings for astro builds, unless NODE_OPTIONS says otherwise. Astro holds every entry's
 * frontmatter in memory (the content store; 80 MB of JSON at 50,000 reports), so very large sites
 * need more than Node's default heap of about 4 GB. Rendering thousands of pages allocates
 * short-lived strings fast: a larger young generation (semi-space) cuts garbage collection by about a third.
 */
export const ASTRO_NODE_OPTIONS = '--max-old-space-size=16384 --max-semi-space-size=64';

/** The message of a failed step: content problems listed whole (every file, every line), otherwise the end of the log. */
export function failureMessage(step: string, cmd: string, args: readonly string[], code: number, output: string, prefix = ''): string {
  const at = output.indexOf(CONTENT_PROBLEMS);
  const detail = at >= 0 ? output.slice(output.lastIndexOf('\n', at) + 1) : output.slice(-3000);
  return `${prefix}${step} 失败 / failed (exit ${code}): ${cmd} ${args.join(' ')}\n${detail}`;
}

/** The steps of one build: runs them and keeps their figures. */
export class BuildSteps {
  readonly steps: StepFigures[] = [];

  constructor(
    private readonly root: string,
    /** The environment processes start from (the CLI's). */
    private readonly env: NodeJS.ProcessEnv,
  ) {}

  /** Runs `cmd` with `env` on top of the build's environment, its output echoed with `prefix`; throws if it fails. */
  async run(step: string, cmd: string, args: string[], env: NodeJS.ProcessEnv = {}, prefix = ''): Promise<string> {
    const r = await runMeasured(cmd, args, childEnv(this.env, env), prefix);
    if (r.code !== 0) throw new Error(failureMessage(step, cmd, args, r.code, r.output, prefix));
    this.steps.push({ step, ms: Math.round(r.ms), peakRss: r.peakRss, ...(cmd.endsWith('astro') ? astroStages(r.output) : {}) });
    return r.output;
  }

  /**
   * `astro build` into `dist`, as step `astro <name>`. Always a production build, whatever the
   * caller's shell says: under NODE_ENV=development or test Astro builds in dev mode, where
   * `import.meta.env.DEV` is true and drafts would be published (src/lib/config.ts).
   */
  astro(name: string, dist: string, env: NodeJS.ProcessEnv = {}, prefix = ''): Promise<string> {
    const heap = { NODE_OPTIONS: this.env.NODE_OPTIONS ?? ASTRO_NODE_OPTIONS };
    return this.run(`astro ${name}`, join(this.root, 'node_modules/.bin', 'astro'), ['build', '--outDir', dist], { ...heap, ...env, NODE_ENV: 'production' }, prefix);
  }

  /** Records a step done in this process (no peak memory of its own). */
  record(step: string, ms: number): void {
    this.steps.push({ step, ms: Math.round(ms), peakRss: 0 });
  }

  /** The build's last line, for npm run bench. */
  line(extra: Record<string, number> = {}): string {
    return `build-steps: ${JSON.stringify({ steps: this.steps, ...extra })}`;
  }
}
