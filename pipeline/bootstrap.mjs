#!/usr/bin/env node
// @ts-check
/**
 * Runs before `npm run build` and `npm test` (npm's pre-hooks), with nothing but Node: makes a
 * fresh clone ready. Installs the npm dependencies when missing or stale (npm ci), then finds a
 * browser: PUPPETEER_EXECUTABLE_PATH, a system Chromium/Chrome, Puppeteer's cache; where there is
 * none it installs Debian's chromium (as root on Debian) or Puppeteer's own browser, and where
 * neither can work it stops with the exact command to run.
 */
import { execFileSync, spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { homedir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = dirname(dirname(fileURLToPath(import.meta.url)));
const say = (line) => process.stderr.write(`bootstrap: ${line}\n`);

function ensureDependencies() {
  const lock = join(root, 'package-lock.json');
  const stamp = join(root, 'node_modules', '.bootstrap-lock.sha256');
  const want = createHash('sha256').update(readFileSync(lock)).digest('hex');
  if (existsSync(stamp) && readFileSync(stamp, 'utf8').trim() === want) return;
  say(existsSync(join(root, 'node_modules')) ? 'package-lock.json changed: npm ci' : 'installing dependencies: npm ci');
  const r = spawnSync('npm', ['ci', '--no-audit', '--no-fund'], { cwd: root, stdio: 'inherit', env: { ...process.env, PUPPETEER_SKIP_DOWNLOAD: 'true' } });
  if (r.status !== 0) {
    say('npm ci failed. Fix the error above, then run `npm ci` yourself.');
    process.exit(1);
  }
  writeFileSync(stamp, want + '\n');
}

const systemBrowsers = ['/usr/bin/chromium', '/usr/bin/chromium-browser', '/usr/bin/google-chrome', '/usr/bin/google-chrome-stable'];

function puppeteerCacheBrowser() {
  const base = process.env.PUPPETEER_CACHE_DIR ?? join(homedir(), '.cache', 'puppeteer');
  for (const kind of ['chrome', 'chrome-headless-shell']) {
    const dir = join(base, kind);
    if (!existsSync(dir)) continue;
    for (const version of readdirSync(dir).sort().reverse()) {
      for (const bin of ['chrome-linux64/chrome', 'chrome-headless-shell-linux64/chrome-headless-shell']) {
        const p = join(dir, version, bin);
        if (existsSync(p)) return p;
      }
    }
  }
  return undefined;
}

export function findBrowser() {
  const fromEnv = process.env.PUPPETEER_EXECUTABLE_PATH;
  if (fromEnv) return existsSync(fromEnv) ? fromEnv : undefined;
  return systemBrowsers.find((p) => existsSync(p)) ?? puppeteerCacheBrowser();
}

function ensureBrowser() {
  if (process.env.PUPPETEER_EXECUTABLE_PATH && !existsSync(process.env.PUPPETEER_EXECUTABLE_PATH)) {
    say(`PUPPETEER_EXECUTABLE_PATH=${process.env.PUPPETEER_EXECUTABLE_PATH} does not exist. Point it at a Chrome/Chromium binary, or unset it.`);
    process.exit(1);
  }
  if (findBrowser()) return;
  const isRoot = process.getuid?.() === 0;
  const isDebian = existsSync('/etc/debian_version') && existsSync('/usr/bin/apt-get');
  if (isRoot && isDebian) {
    say("no browser found: installing Debian's chromium (apt-get install chromium)");
    const env = { ...process.env, DEBIAN_FRONTEND: 'noninteractive' };
    const update = spawnSync('apt-get', ['update'], { stdio: 'inherit', env });
    const install = update.status === 0 ? spawnSync('apt-get', ['install', '-y', '--no-install-recommends', 'chromium'], { stdio: 'inherit', env }) : update;
    if (install.status === 0 && findBrowser()) return;
  } else {
    say("no browser found: installing Puppeteer's Chrome (npx puppeteer browsers install chrome)");
    const r = spawnSync('npx', ['puppeteer', 'browsers', 'install', 'chrome'], { cwd: root, stdio: 'inherit' });
    if (r.status === 0 && findBrowser()) return;
  }
  say('no Chromium or Chrome could be installed. Run one of:');
  say('  sudo apt-get update && sudo apt-get install -y chromium      (Debian/Ubuntu)');
  say('  npx puppeteer browsers install chrome                       (elsewhere, needs network access)');
  say('or set PUPPETEER_EXECUTABLE_PATH to an installed Chrome/Chromium.');
  process.exit(1);
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  ensureDependencies();
  ensureBrowser();
  try {
    execFileSync(findBrowser() ?? 'true', ['--version'], { stdio: 'ignore', timeout: 20_000 });
  } catch {
    say(`the browser at ${findBrowser()} does not start; reinstall it or set PUPPETEER_EXECUTABLE_PATH.`);
    process.exit(1);
  }
}
