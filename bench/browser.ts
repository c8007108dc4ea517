/** Headless Chromium for benchmarks and browser tests: Debian's binary, driven by playwright-core. */
import { chromium, type Browser } from 'playwright-core';
import { chromiumPath } from './chromium';

const ARGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
];

/** Launches headless Chromium; throws with install instructions if it is missing. */
export function launchBrowser(): Promise<Browser> {
  return chromium.launch({ executablePath: chromiumPath(), headless: true, args: ARGS });
}
