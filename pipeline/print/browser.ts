/**
 * Finding and launching the browser. The launch flags are the verified set for running as root
 * on a closed network; the host-resolver rule keeps Chromium from reaching anything but
 * localhost, which is also a security property of the print page.
 *
 * Faults end in a catalog error and never leave a browser behind: a missing browser is
 * NO_BROWSER (with what to run), one that does not start is BROWSER_LAUNCH, one that hangs while
 * starting is BROWSER_TIMEOUT after `timeoutMs`; Chromium runs in its own process group, and
 * `close()` of the returned browser kills that whole group when the browser does not close
 * in time. It is driven over a pipe, so it exits when Node does, however Node ends. `close()`, a
 * timed-out launch and a failed one settle only after every process of the group has exited and
 * the profile is removed (however long that takes under load), so a caller that has its answer
 * has nothing left to wait for; a profile a crashed run left behind is
 * removed by the next launch. A hard stop (core/hard-stop.ts) kills the group and removes the
 * profile synchronously. Signals are the CLI's to handle (Puppeteer's own SIGINT handler would exit the process
 * before the build could clean up).
 */
import { accessSync, constants, existsSync, mkdtempSync, readdirSync, readFileSync, realpathSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { BuildError, diag } from '../core/errors.ts';
import type { LaunchOptions } from '../core/effects.ts';
import type { Browser } from 'puppeteer';
import { onHardStop } from '../core/hard-stop.ts';
import { removeStale } from '../core/stale-files.ts';

export const launchArgs = [
  '--no-sandbox',
  '--disable-gpu',
  '--no-first-run',
  '--disable-sync',
  '--disable-component-update',
  '--disable-background-networking',
  '--disable-dev-shm-usage',
  '--font-render-hinting=none',
  // headless Chromium preloads the omnibox popup's WebUI in two extra renderers: CPU a print never needs
  '--disable-features=WebUIOmniboxPopup,WebUIOmniboxAimPopup,WebUIOmniboxFullPopup,PreloadTopChromeWebUI',
  '--host-resolver-rules=MAP * ~NOTFOUND , EXCLUDE localhost , EXCLUDE 127.0.0.1',
];

const systemBrowsers = ['/usr/bin/chromium', '/usr/bin/chromium-browser', '/usr/bin/google-chrome', '/usr/bin/google-chrome-stable'];

export const defaultTimeoutMs = 60_000;
/** A browser profile of this pipeline: report-chromium-<pid of the run>-<random>. */
const profilePattern = /^report-chromium-(\d+)-/;
/** how long close() waits for a graceful exit before it kills the browser's process group */
const closeGraceMs = 2_000;

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

/**
 * Which browser a print would be made with, without starting it (a warm build that reuses its
 * PDFs never launches one): the executable findBrowser() picks, resolved, with its size and
 * modification time. Asking Chromium its version costs a process start (~0.5 s); an upgrade
 * (Debian's package, a new Puppeteer Chrome) replaces the file, and so changes this.
 */
export async function browserIdentity(env: NodeJS.ProcessEnv = process.env): Promise<string> {
  const path = await findBrowser(env);
  if (!path) return 'none';
  try {
    const real = realpathSync(path);
    const s = statSync(real);
    return `${real}:${s.size}:${s.mtimeMs}`;
  } catch {
    return path;
  }
}

/**
 * Loads Puppeteer. Once it is loaded, a launch spawns Chromium within the same turn of the event
 * loop (the profile folder is made synchronously), so a caller that loads it first has Chromium
 * starting before its own synchronous work (the HTML stages) holds the thread.
 */
export const loadPuppeteer = () => import('puppeteer');

export async function launchBrowser(executablePath?: string, opts: LaunchOptions = {}): Promise<Browser> {
  const timeoutMs = opts.timeoutMs ?? defaultTimeoutMs;
  const path = executablePath ?? (await findBrowser());
  const fromEnv = process.env.PUPPETEER_EXECUTABLE_PATH;
  if (!path) throw new BuildError([diag('NO_BROWSER', { detail: fromEnv ? `PUPPETEER_EXECUTABLE_PATH=${fromEnv} does not exist` : undefined })]);
  if (!isExecutableFile(path)) throw new BuildError([diag('NO_BROWSER', { detail: `${path} is not an executable file` })]);

  const { default: puppeteer } = await loadPuppeteer();
  // Puppeteer would make a temporary profile asynchronously and only then spawn Chromium
  // named with our pid, so the next run can tell a crashed run's profile from a live one's
  removeStale(tmpdir(), profilePattern);
  const userDataDir = mkdtempSync(join(tmpdir(), `report-chromium-${process.pid}-`));
  let pid: number | undefined;
  const stopNow = onHardStop(() => killAndRemoveNow(pid, userDataDir));
  const removeProfile = () => {
    stopNow();
    try {
      rmSync(userDataDir, { recursive: true, force: true, maxRetries: 3 });
    } catch {
      // a profile left in the temporary folder is no reason to fail a build
    }
  };
  const abort = new AbortController(); // aborting kills the browser's process group (Puppeteer)
  const launching = puppeteer.launch({
    executablePath: path,
    userDataDir,
    headless: true,
    args: launchArgs,
    // over a pipe, not a port: Chromium takes the pipe as its lifeline and exits when it closes,
    // so it dies with Node however Node dies (out of memory, kill -9, a second Ctrl-C)
    pipe: true,
    timeout: timeoutMs,
    protocolTimeout: timeoutMs,
    signal: abort.signal,
    handleSIGINT: false,
    handleSIGTERM: false,
    handleSIGHUP: false,
  });
  // the profile goes only after every process that uses it has exited (else Chromium may write it anew)
  const groups = new Set<number>();
  const profileGone = () => afterExitOf(userDataDir, groups).then(removeProfile);
  let timer: NodeJS.Timeout | undefined;
  const timedOut = new Promise<'timeout'>((resolve) => (timer = setTimeout(() => resolve('timeout'), timeoutMs)));
  let browser: Browser;
  try {
    const first = await Promise.race([launching, timedOut]);
    if (first === 'timeout') {
      // the groups the launch made, found before the abort kills their leaders (their members may outlive them a moment)
      for (const p of processesOf(userDataDir)) groups.add(groupOf(p) ?? p);
      abort.abort();
      // the error waits for the launch to end and its profile to go: nothing outlives the failed command
      await launching.then((b) => hardClose(b, removeProfile), profileGone);
      throw new BuildError([diag('BROWSER_TIMEOUT', { path, ms: timeoutMs })]);
    }
    browser = first;
    pid = browser.process()?.pid;
  } catch (e) {
    if (e instanceof BuildError) throw e;
    await profileGone();
    if ((e as Error)?.name === 'TimeoutError') throw new BuildError([diag('BROWSER_TIMEOUT', { path, ms: timeoutMs }, { cause: e })]);
    throw new BuildError([diag('BROWSER_LAUNCH', { path, detail: firstLine(e) }, { cause: e })]);
  } finally {
    clearTimeout(timer);
  }
  const close = browser.close.bind(browser);
  browser.close = () => hardClose(browser, removeProfile, close);
  return browser;
}

/** Closes gracefully for a moment, then kills the browser's whole process group, waits for it to exit, and removes its profile. */
async function hardClose(browser: Browser, removeProfile: () => void, close: () => Promise<void> = () => browser.close()): Promise<void> {
  const proc = browser.process();
  let grace: NodeJS.Timeout | undefined;
  await Promise.race([close().catch(() => undefined), new Promise<void>((r) => (grace = setTimeout(r, closeGraceMs)))]);
  clearTimeout(grace);
  if (proc?.pid) killGroup(proc.pid);
  // resolves once the group and every process of the profile are gone: nothing outlives close()
  await afterExitOf(browserProfile(browser), new Set(proc?.pid ? [proc.pid] : []));
  removeProfile();
}

/** The profile folder a browser was started with (its --user-data-dir). */
const browserProfile = (browser: Browser) => /--user-data-dir=(\S+)/.exec(browser.process()?.spawnargs.join(' ') ?? '')?.[1];

/**
 * Resolves once no process of `groups` and none started with `profile` as its --user-data-dir is
 * alive (read from /proc), however long that takes under load: they were sent SIGKILL, so they
 * are going. Only a process stuck in the kernel outlives `stuckMs`; its profile is then left for
 * the next run to remove.
 */
async function afterExitOf(profile: string | undefined, groups: Set<number> = new Set()): Promise<void> {
  if (!existsSync('/proc')) return;
  for (const deadline = Date.now() + stuckMs; stillRunning(profile, groups) && Date.now() < deadline; ) await new Promise((r) => setTimeout(r, 25));
}

/** how long a killed browser may take to exit before it is taken to be stuck in the kernel */
const stuckMs = 60_000;

/** Whether a process of one of `groups`, or one started with `profile`, is alive (not a zombie). */
function stillRunning(profile: string | undefined, groups: Set<number>): boolean {
  if (profile && processesOf(profile).length) return true;
  if (!groups.size) return false;
  return readdirSync('/proc').some((name) => /^\d+$/.test(name) && groups.has(groupOf(Number(name)) ?? -1));
}

/** The process group of a live process (not a zombie), from /proc; undefined when it is gone. */
function groupOf(pid: number): number | undefined {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    // pid (comm) state ppid pgrp …: comm may hold spaces and parentheses
    const [state, , pgrp] = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    return state === 'Z' || state === 'X' ? undefined : Number(pgrp);
  } catch {
    return undefined; // gone while we looked
  }
}

/** The live processes started with `profile` as their --user-data-dir (read from /proc). */
function processesOf(profile: string): number[] {
  const flag = `--user-data-dir=${profile}`;
  return readdirSync('/proc').filter((name) => {
    if (!/^\d+$/.test(name)) return false;
    try {
      return readFileSync(`/proc/${name}/cmdline`, 'utf8').split('\0').includes(flag) && !/\) [ZX] /.test(readFileSync(`/proc/${name}/stat`, 'utf8'));
    } catch {
      return false; // gone while we looked
    }
  }).map(Number);
}

/**
 * The hard stop's cleanup (core/hard-stop.ts), synchronous since the process exits right after:
 * SIGKILL to the group, a short wait until its processes have exited (else a dying renderer may
 * write the profile anew), then the profile removed.
 */
function killAndRemoveNow(pid: number | undefined, profile: string): void {
  const groups = new Set(pid ? [pid] : []);
  if (pid) killGroup(pid);
  // a browser still starting has no pid yet: its processes are found by their profile
  if (existsSync('/proc')) for (const p of processesOf(profile)) (groups.add(groupOf(p) ?? p), killProcess(p));
  const pause = new Int32Array(new SharedArrayBuffer(4));
  for (const deadline = Date.now() + stuckMs; existsSync('/proc') && stillRunning(profile, groups) && Date.now() < deadline; ) Atomics.wait(pause, 0, 0, 20);
  rmSync(profile, { recursive: true, force: true, maxRetries: 3 });
}

/** SIGKILL to every process of the group the browser leads (renderers, zygote, GPU process …). */
export function killGroup(pid: number): void {
  try {
    process.kill(-pid, 'SIGKILL');
  } catch {
    // ESRCH: the group is gone already
  }
}

/** SIGKILL to one process and, when it leads one, its group. */
function killProcess(pid: number): void {
  killGroup(pid);
  try {
    process.kill(pid, 'SIGKILL');
  } catch {
    // gone already
  }
}

function isExecutableFile(path: string): boolean {
  try {
    accessSync(path, constants.X_OK);
    return statSync(path).isFile();
  } catch {
    return false;
  }
}

function firstLine(e: unknown): string {
  const lines = String((e as Error)?.message ?? e).split('\n').map((l) => l.trim()).filter(Boolean);
  return lines[0] ?? 'unknown error';
}
