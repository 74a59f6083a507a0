/** `npm run build`: the whole pipeline, one line per stage. */
import { defineCommand } from './command.ts';
import { applyWorkBudget, localeOption, strictOption, timeoutOption, workBudgetOption } from './common-options.ts';
import { loadPuppeteer } from '../print/browser.ts';
import { realEffects } from '../build/real-effects.ts';

export const command = defineCommand({
  name: 'build',
  runAs: 'npm run build --',
  description:
    'The whole pipeline: reads data/, chapters/ and templates/, checks them, draws the charts, typesets the chapters, prints the PDFs with Chromium and writes out/report.pdf, out/report.html (zh-Hans), out/report.zh-Hant.pdf, out/report.zh-Hant.html (the Traditional edition), out/edition.json and out/charts/, all at once (a failed build leaves the previous edition as it was). One line per stage, with its duration.',
  options: {
    strict: { ...strictOption, description: `${strictOption.description}: the build stops in the check, before anything is printed or written` },
    timeout: timeoutOption,
    'work-budget': workBudgetOption,
    locale: localeOption,
    'no-site': { type: 'boolean', description: 'no web edition (out/site is left as it is): what `npm run diff` asks of the base edition it builds' },
  },
  async run(ctx) {
    ctx.print('build');
    const { timeout: timeoutMs, strict, verbose, locale, 'no-site': noSite } = ctx.options;
    applyWorkBudget(ctx.options['work-budget']);
    // the build launches Chromium before the HTML stages, so its start-up overlaps them: with
    // Puppeteer loaded first, the launch spawns it at once (browser.ts)
    const [{ build }] = await Promise.all([import('../build/build.ts'), loadPuppeteer()]);
    // --strict: warnings fail in the check, before anything is printed or written
    const result = await build(ctx.project, realEffects, { signal: ctx.signal, timeoutMs, strict, locales: locale ? [locale] : undefined, site: !noSite });
    if (verbose) ctx.printDiagnostics(result.warnings);
    const m = result.manifest;
    // an edition that stood (same inputs, code and browser, its files unchanged) is kept, not printed again
    const pdfs = Object.entries(m.locales ?? {}).filter(([tag]) => !locale || tag === locale).map(([tag, r]) => `out/${r.file}, ${r.pages} pages, ${(r.bytes / 1024).toFixed(0)} KiB${result.reused.includes(tag) ? ' (reused: unchanged since printed)' : ''}`);
    ctx.print(`built ${m.id}: ${pdfs.join('; ')}, ${result.warnings.length} warnings${result.warnings.length ? ' (--verbose lists them)' : ''}, in ${(performance.now() - ctx.startedAt).toFixed(0)} ms`);
    return 0;
  },
});
