/**
 * Finding and launching the browser. The launch flags are the verified set for running as root
 * on a closed network; the host-resolver rule keeps Chromium from reaching anything but
 * localhost, which is also a security property of the print page.
 */
import { existsSync } from 'node:fs';
import { BuildError, diag } from './errors.ts';
import type { Browser } from 'puppeteer';

export const launchArgs = [
  '--no-sandbox',
  '--disable-gpu',
  '--no-first-run',
  '--disable-sync',
  '--disable-component-update',
  '--disable-background-networking',
  '--disable-dev-shm-usage',
  '--font-render-hinting=none',
  '--host-resolver-rules=MAP * ~NOTFOUND , EXCLUDE localhost , EXCLUDE 127.0.0.1',
];

const systemBrowsers = ['/usr/bin/chromium', '/usr/bin/chromium-browser', '/usr/bin/google-chrome', '/usr/bin/google-chrome-stable'];

/** PUPPETEER_EXECUTABLE_PATH, then a system Chromium/Chrome, then Puppeteer's cache. */
export async function findBrowser(env: NodeJS.ProcessEnv = process.env): Promise<string | undefined> {
  const fromEnv = env.PUPPETEER_EXECUTABLE_PATH;
  if (fromEnv) return existsSync(fromEnv) ? fromEnv : undefined;
  const system = systemBrowsers.find((p) => existsSync(p));
  if (system) return system;
  try {
    const { executablePath } = await import('puppeteer');
    const cached = executablePath();
    return cached && existsSync(cached) ? cached : undefined;
  } catch {
    return undefined;
  }
}

export async function launchBrowser(executablePath?: string): Promise<Browser> {
  const path = executablePath ?? (await findBrowser());
  if (!path) throw new BuildError([diag('NO_BROWSER', { detail: process.env.PUPPETEER_EXECUTABLE_PATH ? `PUPPETEER_EXECUTABLE_PATH=${process.env.PUPPETEER_EXECUTABLE_PATH} does not exist` : '' }, { file: 'pipeline/browser.ts' })]);
  const { default: puppeteer } = await import('puppeteer');
  return puppeteer.launch({ executablePath: path, headless: true, args: launchArgs, protocolTimeout: 60_000 });
}
