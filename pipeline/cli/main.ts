/**
 * The command line. Dispatches to one module per command (pipeline/commands/), whose declared
 * options it parses strictly (parse-command-line.ts); prints what goes wrong as one readable
 * block per problem (file:line:col, data path, expected and found, how to fix it). --verbose adds
 * the underlying causes and stack traces.
 *
 * Exit codes: 0 success, 1 errors (or warnings with --strict) and faults, 2 usage errors
 * (unknown command, option or argument, a missing or bad value), 130 interrupted (SIGINT), 143
 * terminated (SIGTERM).
 */
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { languageOf, parseTranslations, translate, type Language, type Translations } from '../core/messages.ts';
import { BuildError, describeCause, diag, formatCause, formatDiagnostic, summary, type Diagnostic } from '../core/errors.ts';
import { closest } from '../core/did-you-mean.ts';
import { hardStop } from '../core/hard-stop.ts';
import type { Command, CommandContext } from '../commands/command.ts';
import { projectFor } from '../commands/common-options.ts';
import { helpText, usageLine } from './help-text.ts';
import { parseCommandLine } from './parse-command-line.ts';

/** Each command is imported only when run, so `check` never loads the browser or vega. */
const commands: Record<string, () => Promise<Command>> = {
  build: () => import('../commands/build.ts').then((m) => m.command),
  check: () => import('../commands/check.ts').then((m) => m.command),
  pages: () => import('../commands/pages.ts').then((m) => m.command),
  bench: () => import('../commands/bench.ts').then((m) => m.command),
  diff: () => import('../commands/diff.ts').then((m) => m.command),
  dev: () => import('../commands/dev.ts').then((m) => m.command),
  floor: () => import('../commands/floor.ts').then((m) => m.command),
  data: () => import('../commands/data.ts').then((m) => m.command),
};

const stderr = (line: string) => process.stderr.write(line + '\n');
const names = Object.keys(commands);

async function main(): Promise<number> {
  const argv = process.argv.slice(2);
  if (argv[0] === '--help' || argv[0] === '-h') {
    process.stdout.write(`usage: npm run <command> -- [options]   (or: node pipeline/run.mjs <command> [options])\n\nCommands: ${names.join(', ')}.\n\`npm run <command> -- --help\` says what a command does, and lists its options with their meaning and default.\n`);
    return 0;
  }
  const name = argv[0] ?? 'build';
  const load = commands[name];
  if (!load) {
    stderr(formatDiagnostic(diag('CLI_UNKNOWN_COMMAND', { command: name, known: names.join(', '), suggestion: closest(name, names) })));
    return 2;
  }
  const command = await load();
  const parsed = parseCommandLine(command, argv.slice(1));
  if (parsed.kind === 'help') {
    process.stdout.write(helpText(command));
    return 0;
  }
  if (parsed.kind === 'usage-error') {
    stderr(formatDiagnostic(parsed.diagnostic));
    stderr(`usage: ${usageLine(command)}`);
    return 2;
  }

  const verbose = parsed.options.verbose === true;
  const controller = new AbortController();
  const project = projectFor(process.cwd(), parsed.options.out as string | undefined);
  const words = translationsFor(project.templatesDir, languageOf(parsed.options.lang as string | undefined, process.env));
  const printDiagnostics = (ds: Diagnostic[]) => ds.map((d) => translate(d, words)).forEach((d) => stderr([formatDiagnostic(d), verbose ? formatCause(d) : ''].filter((x) => x).join('\n')));
  const interrupted = () => {
    printDiagnostics([diag('INTERRUPTED', { command: name })]);
    stderr(`\n${name} interrupted: nothing was written; out/ is unchanged.`);
  };
  stopOnSignals(controller, interrupted);
  const ctx: CommandContext = {
    project,
    options: parsed.options,
    args: parsed.args,
    signal: controller.signal,
    startedAt: performance.now(),
    print: stderr,
    printDiagnostics,
  };
  try {
    return await command.run(ctx);
  } catch (e) {
    if (controller.signal.aborted) {
      // Ctrl-C or SIGTERM: whatever the stage was doing when it stopped, nothing was written
      interrupted();
      return exitCodeOf(controller.signal.reason);
    }
    if (e instanceof BuildError) {
      printDiagnostics(e.diagnostics);
      stderr(`\n${name} failed: ${summary(e.diagnostics)}. out/ is unchanged.`);
      if (verbose) stderr(describeCause(e));
      return 1;
    }
    stderr(`\n${name} failed: ${(e as Error)?.message ?? String(e)}`);
    stderr(verbose ? describeCause(e) : '(run with --verbose for the cause and the stack trace)');
    return 1;
  }
}

const signalExitCodes: Record<string, number> = { SIGINT: 130, SIGTERM: 143 };
/** 128 + the signal's number, as a shell reports a process a signal ended. */
const exitCodeOf = (reason: unknown) => signalExitCodes[String(reason)] ?? 130;
/** How long a command may take to wind down after a signal before it is stopped at once. */
const windDownMs = 5_000;

/**
 * SIGINT and SIGTERM (issue 21): the first aborts the command, which stops at its next step and
 * cleans up; a second signal, or a command still running `windDownMs` later, stops at once: the
 * browsers and print files the run holds are removed synchronously (core/hard-stop.ts) and the
 * process exits with 130 or 143. Every input is bounded in size, so no step holds the thread long.
 */
function stopOnSignals(controller: AbortController, interrupted: () => void): void {
  const now = (signal: NodeJS.Signals) => {
    hardStop();
    interrupted();
    process.exit(exitCodeOf(controller.signal.reason ?? signal));
  };
  for (const signal of ['SIGINT', 'SIGTERM'] as const) {
    process.on(signal, () => {
      if (controller.signal.aborted) return now(signal);
      controller.abort(signal);
      setTimeout(() => now(signal), windDownMs).unref();
    });
  }
}

/** The messages' translation for a language: none for English, or when the report has no such file. */
function translationsFor(templatesDir: string, language: Language): Translations {
  if (language === 'en') return new Map();
  const file = join(templatesDir, 'messages.zh-Hans.yaml');
  return parseTranslations(existsSync(file) ? readFileSync(file, 'utf8') : undefined);
}

main().then((code) => process.exit(code));
