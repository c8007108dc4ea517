/** `tsx scripts/ensure-fonts.ts`: installs the CJK fonts for PDFs printed in Chromium when running as root, else says how (bench/fonts.ts). */
import { pathToFileURL } from 'node:url';
import { CJK_FONT_PACKAGE, ensureCjkFonts } from '../bench/fonts';

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  if (process.argv.includes('--help') || process.argv.includes('-h')) {
    console.log(
      `用法 / usage: tsx scripts/ensure-fonts.ts\n` +
        `  确保已安装中文字体（${CJK_FONT_PACKAGE}）；以 root 运行时用 apt-get 安装。\n` +
        `  Ensures a Chinese font is installed (${CJK_FONT_PACKAGE}); installs it with apt-get when run as root.`,
    );
    process.exit(0);
  }
  const code = ensureCjkFonts();
  if (code === 0) console.log('中文字体已就绪 / Chinese fonts ready');
  process.exit(code);
}
