/**
 * What a command is: its name, how it is run, what it does, its options and arguments (declared
 * as data, see options.ts), and `run`, which gets their typed values from the CLI (cli/main.ts)
 * and returns the exit code.
 */
import type { Diagnostic } from '../core/errors.ts';
import type { Project } from '../core/project.ts';
import { commonOptions } from './common-options.ts';
import type { OptionSpecs, OptionValues, PositionalSpecs } from './options.ts';

export interface CommandContext<O extends OptionSpecs = OptionSpecs, P extends PositionalSpecs = PositionalSpecs> {
  project: Project;
  /** every option, validated and converted, defaults applied */
  options: OptionValues<O>;
  /** the arguments that are not options, by their declared names */
  args: OptionValues<P>;
  signal: AbortSignal;
  startedAt: number;
  print(line: string): void;
  printDiagnostics(ds: Diagnostic[]): void;
}

export interface Command<O extends OptionSpecs = OptionSpecs, P extends PositionalSpecs = PositionalSpecs> {
  name: string;
  /** how a user starts it, before its arguments: "npm run build --" */
  runAs: string;
  /** what it does, one paragraph, for --help */
  description: string;
  /** its own options, then the common ones (--out, --verbose, --help) */
  options: O;
  positionals: P;
  run(ctx: CommandContext<O, P>): Promise<number>;
}

/** A command with the common options added to its own. */
export function defineCommand<const O extends OptionSpecs, const P extends PositionalSpecs = Record<never, never>>(spec: {
  name: string;
  runAs: string;
  description: string;
  options?: O;
  positionals?: P;
  run(ctx: CommandContext<O & typeof commonOptions, P>): Promise<number>;
}): Command<O & typeof commonOptions, P> {
  return { ...spec, options: { ...(spec.options ?? ({} as O)), ...commonOptions }, positionals: spec.positionals ?? ({} as P) };
}
