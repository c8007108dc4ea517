/** `tsx scripts/ensure-chromium.ts`: installs the Chromium the browser tests drive when running as root, else says how (bench/chromium.ts). */
import { pathToFileURL } from 'node:url';
import { CHROMIUM_PATH, ensureChromium } from '../bench/chromium';

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  if (process.argv.includes('--help') || process.argv.includes('-h')) {
    console.log(
      `用法 / usage: tsx scripts/ensure-chromium.ts\n` +
        `  确保 ${CHROMIUM_PATH} 存在；以 root 运行时用 apt-get 安装。\n` +
        `  Ensures ${CHROMIUM_PATH} exists; installs it with apt-get when run as root.`,
    );
    process.exit(0);
  }
  const code = await ensureChromium();
  if (code === 0) console.log(`Chromium: ${CHROMIUM_PATH}`);
  process.exit(code);
}
