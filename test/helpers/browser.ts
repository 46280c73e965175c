/**
 * Real headless Chromium from Debian's package, driven by playwright-core; never a downloaded
 * browser. Locally, without /usr/bin/chromium, browser tests skip with one loud line; in CI
 * (CI=true) a missing browser is a failure, because .ci/run installs it.
 */
import { existsSync } from 'node:fs';
import { type Browser, chromium } from 'playwright-core';

export const CHROMIUM_PATH = '/usr/bin/chromium';
export const hasChromium = existsSync(CHROMIUM_PATH);

if (!hasChromium) {
  if (process.env.CI) throw new Error(`${CHROMIUM_PATH} is missing in CI: .ci/run must install chromium`);
  console.warn(
    `SKIPPING browser tests: ${CHROMIUM_PATH} is missing (apt-get install -y chromium; CI installs it).`,
  );
}

export function launchChromium(): Promise<Browser> {
  return chromium.launch({
    executablePath: CHROMIUM_PATH,
    // The machine has no network but loopback: keep Chromium from reaching for Google's hosts.
    args: [
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
    ],
  });
}
