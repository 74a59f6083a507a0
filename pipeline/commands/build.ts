/** `npm run build`: the whole pipeline, one line per stage. */
import type { Command } from './command.ts';
import { defaultTimeoutMs, loadPuppeteer } from '../print/browser.ts';
import { realEffects, type Effects } from '../core/effects.ts';
import { BuildError, diag } from '../core/errors.ts';

export const run: Command = async (ctx) => {
  ctx.print('build');
  const timeoutMs = timeoutOption(ctx.option('timeout'));
  // Chromium starts before the HTML stages, so its start-up overlaps them: with Puppeteer loaded,
  // the launch spawns it at once (browser.ts)
  const [{ build }] = await Promise.all([import('../build/build.ts'), loadPuppeteer()]);
  const browser = realEffects.launchBrowser({ timeoutMs });
  browser.catch(() => undefined); // reported by the build, where it is awaited
  const fx: Effects = { ...realEffects, launchBrowser: () => browser };
  // --strict: warnings fail in the check, before anything is printed or written
  const result = await build(ctx.project, fx, { signal: ctx.signal, timeoutMs, strict: ctx.flag('strict') });
  if (ctx.flag('verbose')) ctx.printDiagnostics(result.warnings);
  const m = result.manifest;
  ctx.print(`built ${m.id}: out/report.pdf, ${m.output.pdf.pages} pages, ${(m.output.pdf.bytes / 1024).toFixed(0)} KiB, ${result.warnings.length} warnings${result.warnings.length ? ' (--verbose lists them)' : ''}, in ${(performance.now() - ctx.startedAt).toFixed(0)} ms`);
  return 0;
};

/** --timeout <ms>: how long the browser may take to start, and printing to finish. */
function timeoutOption(value: string | undefined): number {
  if (value === undefined) return defaultTimeoutMs;
  const ms = Number(value);
  if (!Number.isInteger(ms) || ms < 100) throw new BuildError([diag('CLI_BAD_VALUE', { option: '--timeout', expected: 'milliseconds (a whole number of at least 100)', found: `"${value}"`, example: '--timeout 90000 (90 s)' })]);
  return ms;
}
