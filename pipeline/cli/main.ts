/**
 * The command line. Dispatches to one module per command (pipeline/commands/), whose declared
 * options it parses strictly (parse-command-line.ts); prints what goes wrong as one readable
 * block per problem (file:line:col, data path, expected and found, how to fix it). --verbose adds
 * the underlying causes and stack traces.
 *
 * Exit codes: 0 success, 1 errors (or warnings with --strict) and faults, 2 usage errors
 * (unknown command, option or argument, a missing or bad value), 130 interrupted.
 */
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { languageOf, parseTranslations, translate, type Language, type Translations } from '../core/messages.ts';
import { BuildError, describeCause, diag, formatCause, formatDiagnostic, summary, type Diagnostic } from '../core/errors.ts';
import { closest } from '../core/did-you-mean.ts';
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
  process.once('SIGINT', () => controller.abort());
  process.once('SIGTERM', () => controller.abort());
  const project = projectFor(process.cwd(), parsed.options.out as string | undefined);
  const words = translationsFor(project.templatesDir, languageOf(parsed.options.lang as string | undefined, process.env));
  const printDiagnostics = (ds: Diagnostic[]) => ds.map((d) => translate(d, words)).forEach((d) => stderr([formatDiagnostic(d), verbose ? formatCause(d) : ''].filter((x) => x).join('\n')));
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
      // Ctrl-C: whatever the stage was doing when it stopped, nothing was written
      printDiagnostics([diag('INTERRUPTED', { command: name })]);
      stderr(`\n${name} interrupted: nothing was written; out/ is unchanged.`);
      return 130;
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

/** The messages' translation for a language: none for English, or when the report has no such file. */
function translationsFor(templatesDir: string, language: Language): Translations {
  if (language === 'en') return new Map();
  const file = join(templatesDir, 'messages.zh-Hans.yaml');
  return parseTranslations(existsSync(file) ? readFileSync(file, 'utf8') : undefined);
}

main().then((code) => process.exit(code));
