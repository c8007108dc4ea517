/**
 * `npm test`: the whole test suite, in the order CI needs it.
 *   1. Chromium and CJK fonts are installed (browser and PDF import tests need them; never skipped silently)
 *   2. unit tests (`vitest run --project unit`)
 *   3. the production build (`npm run build`: astro build, then pagefind over dist/)
 *   4. site and browser tests against dist/ (`vitest run --project site`)
 * Stops at the first failing step and exits with its code.
 */
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { CHROMIUM_PATH, ensureChromium } from '../bench/chromium';
import { CJK_FONT_PACKAGE, ensureCjkFonts } from '../bench/fonts';
import { run } from '../bench/run';
import { childEnv } from '../src/build/env';

const { values } = parseArgs({
  options: {
    'skip-build': { type: 'boolean' },
    help: { type: 'boolean', short: 'h' },
  },
});

if (values.help) {
  console.log(`用法 / usage: npm test [-- --skip-build]

  1. 检查 Chromium 与中文字体 / ensure Chromium (${CHROMIUM_PATH}) and CJK fonts (${CJK_FONT_PACKAGE})
  2. 单元测试 / unit tests:        vitest run --project unit
  3. 生产构建 / production build:  npm run build
  4. 站点与浏览器测试 / site tests: vitest run --project site

  --skip-build  复用已有的 dist/，供本地反复调试（CI 不用）
                reuse the existing dist/ while iterating (not used by CI)`);
  process.exit(0);
}

// Every step (npm scripts, vitest projects, dist/) is relative to the project root.
process.chdir(fileURLToPath(new URL('..', import.meta.url)));

interface Step {
  name: string;
  run: () => Promise<number>;
}

interface Outcome {
  name: string;
  code: number | 'skipped';
  ms: number;
}

/** Runs a command with its output streamed to ours; resolves with its exit code. Telemetry off for
 * every astro process below, the fixture builds of the site tests included. */
const exec = (cmd: string, args: string[]) => run(cmd, args, childEnv(process.env));

const steps: Step[] = [
  { name: 'Chromium', run: ensureChromium },
  // The import tests print Chinese pages to PDF and read them back: without CJK fonts there is no text.
  { name: 'CJK fonts', run: async () => ensureCjkFonts() },
  { name: 'unit tests', run: () => exec('npx', ['vitest', 'run', '--project', 'unit']) },
  values['skip-build']
    ? {
        name: 'build (skipped: --skip-build)',
        run: async () => {
          if (existsSync('dist/index.html')) return 0;
          console.error('没有可复用的 dist/，请先运行 npm run build / no dist/ to reuse: run `npm run build` first.');
          return 1;
        },
      }
    : { name: 'build', run: () => exec('npm', ['run', 'build']) },
  { name: 'site tests', run: () => exec('npx', ['vitest', 'run', '--project', 'site']) },
];

const outcomes: Outcome[] = [];
let failed = 0;
for (const step of steps) {
  if (failed) {
    outcomes.push({ name: step.name, code: 'skipped', ms: 0 });
    continue;
  }
  console.log(`\n━━ ${step.name} ━━`);
  const start = Date.now();
  const code = await step.run();
  outcomes.push({ name: step.name, code, ms: Date.now() - start });
  if (code !== 0) failed = code;
}

console.log('\n━━ 测试小结 / summary ━━');
for (const o of outcomes) {
  const mark = o.code === 'skipped' ? '—  not run' : o.code === 0 ? '✓  ok' : `✗  failed (exit ${o.code})`;
  const time = o.code === 'skipped' ? '' : ` ${(o.ms / 1000).toFixed(1)}s`;
  console.log(`${mark.padEnd(20)} ${o.name}${time}`);
}
console.log(failed ? `\n测试未通过 / tests failed.` : `\n全部通过 / all passed.`);
process.exit(failed);
