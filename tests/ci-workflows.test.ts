/**
 * The CI definitions validate, offline: .github/workflows/site.yml and its local action with
 * @action-validator/cli (GitHub's workflow and action schemas, in WASM), .gitlab-ci.yml against
 * GitLab's CI schema vendored at bench/ci/gitlab-ci.schema.json (GitLab's
 * app/assets/javascripts/editor/schema/ci.json, MIT, as shipped in the npm package
 * gitlab-ci-local 4.75.1). A broken copy of each must fail, so a validator that accepts anything
 * fails the test. Both files run the job graph `npm run ci:simulate` runs (bench/ci-simulate.ts).
 */
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import Ajv from 'ajv';
import { x } from 'tinyexec';
import { afterAll, describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { ciJobs } from '../bench/ci-simulate';

const ROOT = fileURLToPath(new URL('..', import.meta.url));
const WORKFLOW = join(ROOT, '.github/workflows/site.yml');
const ACTION = join(ROOT, '.github/actions/setup/action.yml');
const GITLAB = join(ROOT, '.gitlab-ci.yml');
const SCRATCH = mkdtempSync(join(tmpdir(), 'ci-workflows-'));
afterAll(() => rmSync(SCRATCH, { recursive: true, force: true }));

const require = createRequire(import.meta.url);
const VALIDATOR = join(dirname(require.resolve('@action-validator/cli/package.json')), 'cli.mjs');

/** action-validator on `file` (a workflow, or an action when named action.yml): its exit code and report. */
async function actionValidator(file: string): Promise<{ code: number; output: string }> {
  const r = await x(process.execPath, [VALIDATOR, file], { nodeOptions: { cwd: ROOT }, throwOnError: false });
  return { code: r.exitCode ?? 1, output: r.stdout + r.stderr };
}

/** `text` written under the scratch directory as `name`. */
function scratch(name: string, text: string): string {
  const file = join(SCRATCH, name);
  writeFileSync(file, text);
  return file;
}

/** `text` with `from` replaced by `to`; fails if `from` is not there (the mutation would test nothing). */
function mutate(text: string, from: string | RegExp, to: string): string {
  const next = text.replace(from, to);
  expect(next, `mutation ${String(from)}`).not.toBe(text);
  return next;
}

const validateGitlab = new Ajv({ strict: false, allErrors: true, validateFormats: false }).compile(JSON.parse(readFileSync(join(ROOT, 'bench/ci/gitlab-ci.schema.json'), 'utf8')));
const gitlabErrors = (text: string) => (validateGitlab(parse(text)) ? [] : (validateGitlab.errors ?? []).map((e) => `${e.instancePath} ${e.message}`));

/** The distinct build commands of ci:simulate's workflow jobs, with the shard count and the shard as the CI file writes them. */
function workflowCommands(shards: string, shard: string): string[] {
  const jobs = ciJobs(2).filter((j) => j.uploads.artifact !== 'whole');
  const args = jobs.map((j) => j.build.map((a, i) => (j.build[i - 1] === '--shards' ? shards : j.build[i - 1] === '--shard' ? shard : a)).join(' '));
  return [...new Set(args)].map((a) => `npm run build -- ${a}`);
}

const workflowText = readFileSync(WORKFLOW, 'utf8');
const gitlabText = readFileSync(GITLAB, 'utf8');

describe('the GitHub workflow', () => {
  it('validates, and so does its setup action', async () => {
    for (const file of [WORKFLOW, ACTION]) {
      const r = await actionValidator(file);
      expect(r.output, file).toBe('');
      expect(r.code, file).toBe(0);
    }
  });

  it('fails validation when broken', async () => {
    const noRunner = await actionValidator(scratch('no-runner.yml', mutate(workflowText, /^( {4})runs-on: ubuntu-latest\n {4}timeout-minutes: 60\n {4}strategy:/m, '$1timeout-minutes: 60\n$1strategy:')));
    expect(noRunner.code).not.toBe(0);
    expect(noRunner.output).toContain('runs-on');
    const badTrigger = await actionValidator(scratch('bad-trigger.yml', mutate(workflowText, /^ {2}pull_request:$/m, '  pull_requests:')));
    expect(badTrigger.code).not.toBe(0);
    const badAction = await actionValidator(scratch('action.yml', mutate(readFileSync(ACTION, 'utf8'), 'using: composite', 'using: compost')));
    expect(badAction.code).not.toBe(0);
  });

  it('keeps the shard count in one place and runs the graph ci:simulate runs', () => {
    const wf = parse(workflowText);
    expect(wf.env.SHARDS).toMatch(/^\$\{\{ inputs\.shards \|\| '\d+' \}\}$/);
    expect(wf.jobs.shards.strategy.matrix.shard).toBe('${{ fromJSON(needs.plan.outputs.shards) }}');
    const runs = Object.values(wf.jobs).flatMap((j) => (j as { steps: { run?: string }[] }).steps.map((s) => s.run));
    for (const command of workflowCommands('"$SHARDS"', '"${{ matrix.shard }}"')) expect(runs).toContain(command);
    expect(wf.jobs.assemble.needs).toEqual(['shards', 'search']);
    expect(wf.jobs.deploy.permissions).toEqual({ pages: 'write', 'id-token': 'write' });
    expect(wf.jobs.deploy.environment.name).toBe('github-pages');
    expect(wf.jobs.deploy.if).toContain('github.event.repository.default_branch');
  });
});

describe('the GitLab pipeline', () => {
  it('validates against GitLab’s CI schema', () => {
    expect(gitlabErrors(gitlabText)).toEqual([]);
  });

  it('fails validation when broken', () => {
    expect(gitlabErrors(mutate(gitlabText, /^ {2}script:\n {4}- npm run build -- --shards "\$SHARDS" --search/m, '  scripts:\n    - npm run build -- --shards "$SHARDS" --search'))).not.toEqual([]);
    expect(gitlabErrors(mutate(gitlabText, /- SHARD: \[[^\]]*\]/, 'SHARD: "0"'))).not.toEqual([]);
    expect(gitlabErrors(mutate(gitlabText, 'expire_in: 3 days', 'expire_in: [3, days]'))).not.toEqual([]);
  });

  it('lists the shards 0…SHARDS in its matrix, publishes dist/ without touching public/, and runs the same builds', () => {
    const ci = parse(gitlabText);
    const n = Number(ci.variables.SHARDS);
    expect(ci.shard.parallel.matrix).toEqual([{ SHARD: Array.from({ length: n + 1 }, (_, k) => String(k)) }]);
    expect(ci.pages.pages).toEqual({ publish: 'dist' });
    expect(JSON.stringify(ci)).not.toMatch(/\bpublic\//);
    const scripts = [ci.shard.script, ci.search.script, ci.assemble.script].flat();
    for (const command of workflowCommands('"$SHARDS"', '"$SHARD"')) expect(scripts).toContain(command);
    expect(ci.assemble.needs).toEqual(['shard', 'search']);
    // The same default on both platforms.
    expect(parse(workflowText).env.SHARDS).toBe(`\${{ inputs.shards || '${n}' }}`);
  });
});
