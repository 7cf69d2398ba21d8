import { chromium, type Browser, type Page } from 'playwright-core';
import { mkdirSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

export const artifacts = fileURLToPath(new URL('../artifacts', import.meta.url));

/** Debian's Chromium (never a downloaded browser), headless, with the network chatter off. */
export async function launchBrowser(): Promise<Browser> {
  return chromium.launch({
    executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
    headless: true,
    args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run'],
  });
}

/** Runs a journey; on failure saves a full-page screenshot named after it, then rethrows. */
export async function journey(page: Page, name: string, steps: () => Promise<void>) {
  try {
    await steps();
  } catch (e) {
    mkdirSync(artifacts, { recursive: true });
    const file = `${artifacts}/${name}-failure.png`;
    await page.screenshot({ path: file, fullPage: true }).catch(() => {});
    throw new Error(`${(e as Error).message}\n(screenshot: ${file})`, { cause: e });
  }
}

/** A screenshot kept for people to look at (e2e/artifacts, not committed). */
export async function snapshot(page: Page, name: string) {
  mkdirSync(artifacts, { recursive: true });
  await page.screenshot({ path: `${artifacts}/${name}.png`, fullPage: true });
}
