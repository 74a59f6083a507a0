/** `npm run build`: the whole pipeline, one line per stage. */
import type { Command } from '../cli.ts';
import { realEffects, type Effects } from '../effects.ts';

export const run: Command = async (ctx) => {
  ctx.print('build');
  // Chromium starts first, so its start-up overlaps loading the pipeline and the HTML stages.
  const browser = realEffects.launchBrowser();
  browser.catch(() => undefined); // reported by the build, where it is awaited
  const fx: Effects = { ...realEffects, launchBrowser: () => browser };
  const { build } = await import('../build.ts');
  const result = await build(ctx.project, fx, { signal: ctx.signal, timeoutMs: Number(ctx.option('timeout') ?? 60_000) });
  if (ctx.flag('verbose')) ctx.printDiagnostics(result.warnings);
  const m = result.manifest;
  ctx.print(`built ${m.id}: out/report.pdf, ${m.output.pdf.pages} pages, ${(m.output.pdf.bytes / 1024).toFixed(0)} KiB, ${result.warnings.length} warnings${result.warnings.length ? ' (--verbose lists them)' : ''}, in ${(performance.now() - ctx.startedAt).toFixed(0)} ms`);
  return ctx.flag('strict') && result.warnings.length ? 1 : 0;
};
