/**
 * Makes sure Chinese fonts are installed for the tests that render Chinese in Chromium (PDFs
 * printed from report pages): without them every character prints as a box and the PDF has no
 * Chinese text to read. We use Debian's `fonts-noto-cjk` (Noto Serif/Sans CJK SC), as we use
 * Debian's Chromium (bench/chromium.ts): it installs offline from the distro mirror.
 *
 * Its CLI (`tsx scripts/ensure-fonts.ts`) installs the fonts when running as root, and
 * otherwise exits 1 with the command to run. Tests that need the fonts are never skipped silently.
 */
import { xSync } from 'tinyexec';
import { runSync } from './run';

export const CJK_FONT_PACKAGE = 'fonts-noto-cjk';

export const CJK_FONTS_MISSING =
  '需要中文字体才能把中文打印成 PDF。请运行 / Chinese fonts are required to print Chinese to PDF. ' +
  `Run: sudo apt-get update && sudo apt-get install -y ${CJK_FONT_PACKAGE}`;

/** True if fontconfig knows a font covering Chinese (`fc-list :lang=zh` lists one). */
export function hasCjkFonts(): boolean {
  try {
    const r = xSync('fc-list', [':lang=zh', 'family'], { nodePath: false, throwOnError: false });
    return r.exitCode === 0 && r.stdout.trim() !== '';
  } catch {
    return false; // no fontconfig at all
  }
}

const NONINTERACTIVE = { DEBIAN_FRONTEND: 'noninteractive' };
const runCommand = (cmd: string, args: string[]) => runSync(cmd, args, NONINTERACTIVE);

/**
 * Ensures CJK fonts are installed, installing `fonts-noto-cjk` with apt-get when running as root.
 * Returns 0 when they are ready, otherwise a non-zero exit code (after printing why).
 */
export function ensureCjkFonts(): number {
  if (hasCjkFonts()) return 0;
  if (process.getuid?.() !== 0) {
    console.error(CJK_FONTS_MISSING);
    return 1;
  }
  console.log(`未找到中文字体，正在安装 / no Chinese font found, installing ${CJK_FONT_PACKAGE}…`);
  const code = runCommand('apt-get', ['update']) || runCommand('apt-get', ['install', '-y', '--no-install-recommends', CJK_FONT_PACKAGE]);
  if (code !== 0) {
    console.error(`安装中文字体失败 / installing ${CJK_FONT_PACKAGE} failed (exit ${code}).\n${CJK_FONTS_MISSING}`);
    return code;
  }
  // fontconfig's cache is refreshed by the package's trigger; refresh it anyway before checking.
  runCommand('fc-cache', ['-f']);
  if (!hasCjkFonts()) {
    console.error(`安装后仍找不到中文字体 / still no Chinese font after installing.\n${CJK_FONTS_MISSING}`);
    return 1;
  }
  return 0;
}
