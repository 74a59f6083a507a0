/** What --help prints for a command, and its usage line, both written from its declarations. */
import type { Command } from '../commands/command.ts';
import type { OptionSpec, PositionalSpec } from '../commands/options.ts';

const common = new Set(['out', 'verbose', 'help']);

/** `npm run diff -- [<base>] [--head DIR] [--changelog] … [--out DIR] [--verbose]` */
export function usageLine(command: Command): string {
  const positionals = Object.keys(command.positionals).map((n) => `[<${n}>]`);
  const options = Object.entries(command.options)
    .filter(([name]) => name !== 'help')
    .map(([name, o]) => `[--${name}${o.type === 'string' ? ` ${o.value.placeholder}` : ''}]`);
  return [command.runAs, ...positionals, ...options].join(' ');
}

export function helpText(command: Command): string {
  const rows: [string, string[]][] = [];
  for (const [name, p] of Object.entries(command.positionals)) rows.push([`<${name}>`, [p.description, valueLine(`<${name}>`, p)]]);
  const own = Object.entries(command.options).filter(([name]) => !common.has(name));
  const shared = Object.entries(command.options).filter(([name]) => common.has(name));
  const optionRows = (list: [string, OptionSpec][]) => list.map(([name, o]): [string, string[]] => [`${o.short ? `-${o.short}, ` : ''}--${name}${o.type === 'string' ? ` ${o.value.placeholder}` : ''}`, o.type === 'string' ? [o.description, valueLine(o.value.placeholder, o)] : [o.description]]);
  const width = Math.max(...[...rows, ...optionRows(own), ...optionRows(shared)].map(([left]) => left.length)) + 3;
  const table = (list: [string, string[]][]) => list.flatMap(([left, [first, ...more]]) => [`  ${left.padEnd(width)}${first}`, ...more.map((m) => `  ${''.padEnd(width)}${m}`)]);
  return [
    `usage: ${usageLine(command)}`,
    '',
    wrap(command.description, 96),
    ...(rows.length ? ['', 'Arguments:', ...table(rows)] : []),
    ...(own.length ? ['', 'Options:', ...table(optionRows(own))] : []),
    '',
    'Common options:',
    ...table(optionRows(shared)),
    '',
  ].join('\n');
}

/** "MS: a whole number of milliseconds from 100 to 2147483647; default 60000" */
function valueLine(shown: string, spec: PositionalSpec<unknown>): string {
  const dflt = spec.defaultText ?? (spec.default === undefined ? undefined : String(spec.default));
  return `${shown}: ${spec.value.expected}${dflt === undefined ? '' : `; default: ${dflt}`}`;
}

function wrap(text: string, width: number): string {
  const lines: string[] = [];
  let line = '';
  for (const word of text.split(/\s+/)) {
    if (line && line.length + 1 + word.length > width) (lines.push(line), (line = word));
    else line = line ? `${line} ${word}` : word;
  }
  return [...lines, line].join('\n');
}
