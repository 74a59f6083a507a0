/** What a command gets from the CLI (cli/main.ts), and what it returns: its exit code. */
import type { Diagnostic } from '../core/errors.ts';
import type { Project } from '../core/project.ts';

export interface CommandContext {
  project: Project;
  args: string[];
  flag(name: string): boolean;
  option(name: string): string | undefined;
  signal: AbortSignal;
  startedAt: number;
  print(line: string): void;
  printDiagnostics(ds: Diagnostic[]): void;
}

export type Command = (ctx: CommandContext) => Promise<number>;
