/**
 * The command line: `build`, `check`. Prints one line per stage; errors as one readable block
 * (file:line:col, data path, what was expected and found, how to fix it); --verbose adds stacks.
 */
import { existsSync } from 'node:fs';
import { rm } from 'node:fs/promises';
import { join } from 'node:path';
import { BuildError, formatDiagnostic, type Diagnostic } from './errors.ts';
import { realEffects, type Effects } from './effects.ts';
import { defaultProject } from './project.ts';

const argv = process.argv.slice(2);
const command = argv[0] ?? 'build';
const flag = (name: string) => argv.includes(`--${name}`);
const option = (name: string) => {
  const i = argv.indexOf(`--${name}`);
  return i >= 0 ? argv[i + 1] : undefined;
};
const verbose = flag('verbose');
const strict = flag('strict');

function printDiagnostics(ds: Diagnostic[]): void {
  for (const d of ds) process.stderr.write(formatDiagnostic(d) + '\n');
}

function summary(ds: Diagnostic[]): string {
  const e = ds.filter((d) => d.severity === 'error').length;
  const w = ds.length - e;
  return `${e} error${e === 1 ? '' : 's'}, ${w} warning${w === 1 ? '' : 's'}`;
}

async function main(): Promise<number> {
  const project = defaultProject(process.cwd());
  const controller = new AbortController();
  process.once('SIGINT', () => controller.abort());
  process.once('SIGTERM', () => controller.abort());
  const t0 = performance.now();

  if (command === 'check') {
    const { readInputs } = await import('./read-inputs.ts');
    const { checkInputs } = await import('./check.ts');
    const inputs = await readInputs(project, realEffects);
    const checked = checkInputs(inputs);
    printDiagnostics(checked.warnings);
    const failing = strict && checked.warnings.length > 0;
    process.stderr.write(`check: ${summary(checked.warnings)} in ${(performance.now() - t0).toFixed(0)} ms${failing ? ' (--strict: warnings fail)' : ''}\n`);
    return failing ? 1 : 0;
  }
  if (command === 'build') {
    process.stderr.write('build\n');
    // Chromium starts first, so its start-up overlaps loading the pipeline and the HTML stages.
    const browser = realEffects.launchBrowser();
    browser.catch(() => undefined); // reported by the build, where it is awaited
    const fx: Effects = { ...realEffects, launchBrowser: () => browser };
    const { build } = await import('./build.ts');
    const result = await build(project, fx, { signal: controller.signal, timeoutMs: Number(option('timeout') ?? 60_000) });
    if (verbose) printDiagnostics(result.warnings);
    const m = result.manifest;
    process.stderr.write(`built ${m.id}: out/report.pdf, ${m.output.pdf.pages} pages, ${(m.output.pdf.bytes / 1024).toFixed(0)} KiB, ${result.warnings.length} warnings (--verbose lists them) in ${(performance.now() - t0).toFixed(0)} ms\n`);
    if (strict && result.warnings.length) return 1;
    return 0;
  }
  if (command === 'pages') {
    const pdfPath = join(project.outDir, 'report.pdf');
    if (!existsSync(pdfPath)) {
      process.stderr.write('pages: out/report.pdf does not exist yet; run `npm run build` first.\n');
      return 1;
    }
    const { renderPages } = await import('./render-pages.ts');
    const rendered = await renderPages(new Uint8Array(await realEffects.readFile(pdfPath)), { dpi: Number(option('dpi') ?? 60) });
    const dir = join(project.outDir, 'pages');
    await rm(dir, { recursive: true, force: true });
    await realEffects.writeFiles([
      ...rendered.pages.map((png, i) => ({ path: join(dir, `page-${String(i + 1).padStart(2, '0')}.png`), bytes: png })),
      { path: join(dir, 'contact-sheet.png'), bytes: rendered.contactSheet },
    ]);
    process.stderr.write(`pages: ${rendered.pages.length} pages and contact-sheet.png in out/pages/ in ${(performance.now() - t0).toFixed(0)} ms\n`);
    return 0;
  }
  process.stderr.write(`unknown command "${command}". Commands: build, check, pages\n`);
  return 2;
}

main().then(
  (code) => process.exit(code),
  (e: unknown) => {
    if (e instanceof BuildError) {
      printDiagnostics(e.diagnostics);
      process.stderr.write(`\n${command} failed: ${summary(e.diagnostics)}. out/ is unchanged.\n`);
      if (verbose) process.stderr.write((e.stack ?? '') + '\n');
    } else if ((e as Error)?.name === 'AbortError' || (e as { code?: string })?.code === 'ABORT_ERR') {
      process.stderr.write(`\n${command} interrupted: nothing was written; out/ is unchanged.\n`);
      process.exit(130);
    } else {
      process.stderr.write(`\n${command} failed: ${(e as Error)?.message ?? String(e)}\n`);
      if (verbose) process.stderr.write(((e as Error)?.stack ?? '') + '\n');
      else process.stderr.write('(run with --verbose for the stack trace)\n');
    }
    process.exit(1);
  },
);
