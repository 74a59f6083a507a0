/**
 * A command's arguments, parsed strictly by node:util's parseArgs against what the command
 * declares (commands/options.ts), then validated and converted: an unknown option, a missing or
 * bad value, a repeated option or an extra argument is a usage error (exit code 2), one catalog
 * diagnostic that names the option, what was expected and what was found.
 */
import { parseArgs } from 'node:util';
import { closest } from '../core/did-you-mean.ts';
import { diag, type Diagnostic } from '../core/errors.ts';
import type { Command } from '../commands/command.ts';
import type { OptionSpec, PositionalSpec } from '../commands/options.ts';

export type Parsed =
  | { kind: 'run'; options: Record<string, unknown>; args: Record<string, unknown> }
  | { kind: 'help' }
  | { kind: 'usage-error'; diagnostic: Diagnostic };

type Token = NonNullable<ReturnType<typeof parseArgs>['tokens']>[number];

export const helpCommand = (command: Command) => `${command.runAs} --help`;

export function parseCommandLine(command: Command, argv: string[]): Parsed {
  const config = Object.fromEntries(Object.entries(command.options).map(([name, o]) => [name, { type: o.type, ...(o.short ? { short: o.short } : {}) }]));
  const positionals = Object.entries(command.positionals);
  let tokens: Token[];
  try {
    tokens = parseArgs({ args: argv, options: config, strict: true, allowPositionals: positionals.length > 0, tokens: true }).tokens;
  } catch (e) {
    // parseArgs stops at the first problem with terse wording that varies between Node versions:
    // the tokens of a lenient parse say which argument it was, in the catalog's words
    const loose = parseArgs({ args: argv, options: config, strict: false, allowPositionals: true, tokens: true });
    if (loose.values.help === true) return { kind: 'help' };
    return { kind: 'usage-error', diagnostic: diagnose(command, loose.tokens) ?? diag('CLI_ARGUMENTS', { command: command.name, detail: String((e as Error)?.message ?? e).split('\n')[0], help: helpCommand(command) }, { cause: e }) };
  }
  const given = tokens.filter((t): t is Extract<Token, { kind: 'option' }> => t.kind === 'option');
  if (given.some((t) => t.name === 'help')) return { kind: 'help' };

  const options: Record<string, unknown> = {};
  for (const [name, spec] of Object.entries(command.options)) {
    const uses = given.filter((t) => t.name === name);
    if (spec.type === 'boolean') {
      options[name] = uses.length > 0;
      continue;
    }
    if (uses.length > 1) return usageError(diag('CLI_REPEATED_OPTION', { option: `--${name}`, values: uses.map((t) => JSON.stringify(t.value ?? '')).join(', ') }));
    if (uses.length === 0) {
      options[name] = spec.default;
      continue;
    }
    const value = convert(`--${name}`, spec, uses[0].value ?? '');
    if ('diagnostic' in value) return usageError(value.diagnostic);
    options[name] = value.ok;
  }

  const raw = tokens.filter((t): t is Extract<Token, { kind: 'positional' }> => t.kind === 'positional').map((t) => t.value);
  if (raw.length > positionals.length) return usageError(diag('CLI_UNEXPECTED_ARGUMENT', { command: command.name, argument: raw[positionals.length], takes: takes(command), help: helpCommand(command) }));
  const args: Record<string, unknown> = {};
  for (const [i, [name, spec]] of positionals.entries()) {
    if (i >= raw.length) {
      args[name] = spec.default;
      continue;
    }
    const value = convert(`<${name}>`, spec, raw[i]);
    if ('diagnostic' in value) return usageError(value.diagnostic);
    args[name] = value.ok;
  }
  return { kind: 'run', options, args };
}

const usageError = (diagnostic: Diagnostic): Parsed => ({ kind: 'usage-error', diagnostic });

function convert(shown: string, spec: Extract<OptionSpec, { type: 'string' }> | PositionalSpec<unknown>, raw: string): { ok: unknown } | { diagnostic: Diagnostic } {
  const value = spec.value.parse(raw);
  if (value !== undefined) return { ok: value };
  const example = shown.startsWith('--') ? `${shown} ${spec.value.example}` : spec.value.example;
  return { diagnostic: diag('CLI_BAD_VALUE', { option: shown, expected: spec.value.expected, found: JSON.stringify(raw), example }) };
}

/** The first argument the strict parse refused, from a lenient parse's tokens. */
function diagnose(command: Command, tokens: Token[]): Diagnostic | undefined {
  const names = Object.keys(command.options).map((n) => `--${n}`);
  const allowed = Object.keys(command.positionals).length;
  let positionals = 0;
  for (const t of tokens) {
    if (t.kind === 'positional') {
      if (++positionals > allowed) return diag('CLI_UNEXPECTED_ARGUMENT', { command: command.name, argument: t.value, takes: takes(command), help: helpCommand(command) });
      continue;
    }
    if (t.kind !== 'option') continue;
    const spec = command.options[t.name];
    if (!spec) return diag('CLI_UNKNOWN_OPTION', { command: command.name, option: t.rawName, known: names.join(', '), suggestion: closest(t.rawName, names), help: helpCommand(command) });
    if (spec.type === 'boolean' && t.value !== undefined) return diag('CLI_BAD_VALUE', { option: `--${t.name}`, expected: 'no value (it is a flag: give it or leave it out)', found: JSON.stringify(t.value), example: `--${t.name}` });
    if (spec.type === 'string' && t.value === undefined) return diag('CLI_MISSING_VALUE', { option: `--${t.name}`, expected: spec.value.expected, found: 'nothing', example: `--${t.name} ${spec.value.example}` });
    if (spec.type === 'string' && !t.inlineValue && t.value!.startsWith('-')) return diag('CLI_MISSING_VALUE', { option: `--${t.name}`, expected: spec.value.expected, found: `${JSON.stringify(t.value)}, an option`, example: `--${t.name} ${spec.value.example}` });
  }
  return undefined;
}

/** "no arguments" or "one optional argument, <base>" */
function takes(command: Command): string {
  const names = Object.keys(command.positionals).map((n) => `<${n}>`);
  if (names.length === 0) return 'no arguments, only options';
  return `at most ${names.length === 1 ? 'one argument' : `${names.length} arguments`} (${names.join(' ')}) besides its options`;
}
