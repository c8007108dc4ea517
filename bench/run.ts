/**
 * Runs a command the way the test and setup steps show it: the command line printed, its output
 * written straight to ours as it comes (stdin closed), and its exit code returned, so a caller can
 * stop at the first failing step and exit with that code. Spawned by tinyexec.
 */
import { x, xSync } from 'tinyexec';

/** Exit code for a command that could not be started at all, as a shell reports it. */
const CANNOT_RUN = 127;

/** `env` goes on top of our environment; PATH is left as it is (no node_modules/.bin added). */
const options = (env: NodeJS.ProcessEnv) => ({
  nodeOptions: { stdio: ['ignore', 'inherit', 'inherit'] as ('ignore' | 'inherit')[], env },
  nodePath: false,
  throwOnError: false,
});

const cannotRun = (cmd: string, e: unknown): number => {
  console.error(`无法运行 / could not run ${cmd}: ${e instanceof Error ? e.message : String(e)}`);
  return CANNOT_RUN;
};

/** Runs `cmd` with inherited output; resolves with its exit code (a child killed by a signal counts as 1, never as success). */
export async function run(cmd: string, args: string[], env: NodeJS.ProcessEnv = {}): Promise<number> {
  console.log(`$ ${cmd} ${args.join(' ')}`);
  const child = x(cmd, args, options(env));
  try {
    await child;
  } catch (e) {
    return cannotRun(cmd, e);
  }
  return child.exitCode ?? 1;
}

/** `run`, waiting for the command to end. */
export function runSync(cmd: string, args: string[], env: NodeJS.ProcessEnv = {}): number {
  console.log(`$ ${cmd} ${args.join(' ')}`);
  try {
    return xSync(cmd, args, options(env)).exitCode ?? 1;
  } catch (e) {
    return cannotRun(cmd, e);
  }
}
