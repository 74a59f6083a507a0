/**
 * The command line. Dispatches to one module per command (pipeline/commands/), and prints what
 * goes wrong as one readable block per problem (file:line:col, data path, expected and found,
 * how to fix it); --verbose adds stack traces.
 */
import { BuildError, diag, formatDiagnostic, summary, type Diagnostic } from '../core/errors.ts';
import { shownPath } from '../core/effects.ts';
import { resolve } from 'node:path';
import { defaultProject } from '../core/project.ts';
import type { Command, CommandContext } from '../commands/command.ts';

/** Each command is imported only when run, so `check` never loads the browser or vega. */
const commands: Record<string, () => Promise<{ run: Command }>> = {
  build: () => import('../commands/build.ts'),
  check: () => import('../commands/check.ts'),
  pages: () => import('../commands/pages.ts'),
  bench: () => import('../commands/bench.ts'),
  diff: () => import('../commands/diff.ts'),
  dev: () => import('../commands/dev.ts'),
  floor: () => import('../commands/floor.ts'),
};

async function main(): Promise<number> {
  const argv = process.argv.slice(2);
  const name = argv[0] ?? 'build';
  const controller = new AbortController();
  process.once('SIGINT', () => controller.abort());
  process.once('SIGTERM', () => controller.abort());
  const load = commands[name];
  if (!load) {
    process.stderr.write(`unknown command "${name}". Commands: ${Object.keys(commands).join(', ')}\n`);
    return 2;
  }
  const out = argv.indexOf('--out');
  const ctx: CommandContext = {
    project: defaultProject(process.cwd(), out >= 0 && argv[out + 1] ? { outDir: resolve(argv[out + 1]) } : {}),
    args: argv.slice(1),
    flag: (f) => argv.includes(`--${f}`),
    option: (o) => {
      const i = argv.indexOf(`--${o}`);
      return i >= 0 ? argv[i + 1] : undefined;
    },
    signal: controller.signal,
    startedAt: performance.now(),
    print: (line) => process.stderr.write(line + '\n'),
    printDiagnostics: (ds) => ds.forEach((d) => process.stderr.write(formatDiagnostic(d) + '\n')),
  };
  try {
    return await (await load()).run(ctx);
  } catch (e) {
    if (controller.signal.aborted) {
      // Ctrl-C: whatever the stage was doing when it stopped, nothing was written
      ctx.printDiagnostics([diag('INTERRUPTED', { command: name }, { file: shownPath(ctx.project.outDir) })]);
      ctx.print(`\n${name} interrupted: nothing was written; out/ is unchanged.`);
      return 130;
    }
    if (e instanceof BuildError) {
      ctx.printDiagnostics(e.diagnostics);
      ctx.print(`\n${name} failed: ${summary(e.diagnostics)}. out/ is unchanged.`);
      if (ctx.flag('verbose')) ctx.print(e.stack ?? '');
      return 1;
    }
    ctx.print(`\n${name} failed: ${(e as Error)?.message ?? String(e)}`);
    ctx.print(ctx.flag('verbose') ? ((e as Error)?.stack ?? '') : '(run with --verbose for the stack trace)');
    return 1;
  }
}

main().then((code) => process.exit(code));
