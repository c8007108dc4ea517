/**
 * Makes sure the Chromium that the browser tests drive is installed. We use Debian's `chromium`
 * package rather than a Playwright-downloaded browser: it installs offline from the distro mirror,
 * and CI and developers get the same binary.
 *
 * Its CLI (`tsx scripts/ensure-chromium.ts`) installs Chromium when running as root, and
 * otherwise exits 1 saying how to install it. Browser tests are never skipped silently.
 */
import { accessSync, constants } from 'node:fs';
import { run } from './run';

/** Where Debian's `chromium` package puts the browser. */
export const CHROMIUM_PATH = '/usr/bin/chromium';

export const CHROMIUM_MISSING =
  '需要 Chromium 才能运行浏览器测试。请运行 / Chromium is required for browser tests. ' +
  'Run: sudo apt-get update && sudo apt-get install -y chromium';

/** True if the Chromium binary exists and is executable. */
export function hasChromium(): boolean {
  try {
    accessSync(CHROMIUM_PATH, constants.X_OK);
    return true;
  } catch {
    return false;
  }
}

/** The path of the Chromium binary; throws with install instructions if it is missing. */
export function chromiumPath(): string {
  if (!hasChromium()) throw new Error(CHROMIUM_MISSING);
  return CHROMIUM_PATH;
}

const NONINTERACTIVE = { DEBIAN_FRONTEND: 'noninteractive' };

/**
 * Ensures Chromium is installed, installing it with apt-get when running as root.
 * Returns 0 when Chromium is ready, otherwise a non-zero exit code (after printing why).
 */
export async function ensureChromium(): Promise<number> {
  if (hasChromium()) return 0;
  if (process.getuid?.() !== 0) {
    console.error(CHROMIUM_MISSING);
    return 1;
  }
  console.log(`未找到 ${CHROMIUM_PATH}，正在安装 / ${CHROMIUM_PATH} not found, installing Debian's chromium…`);
  const code = (await run('apt-get', ['update'], NONINTERACTIVE)) || (await run('apt-get', ['install', '-y', 'chromium'], NONINTERACTIVE));
  if (code !== 0) {
    console.error(`安装 Chromium 失败 / installing Chromium failed (exit ${code}).\n${CHROMIUM_MISSING}`);
    return code;
  }
  if (!hasChromium()) {
    console.error(`安装后仍找不到 ${CHROMIUM_PATH} / still no ${CHROMIUM_PATH} after installing.\n${CHROMIUM_MISSING}`);
    return 1;
  }
  return 0;
}
