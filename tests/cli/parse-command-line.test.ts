/** What a command receives from its arguments: typed values, defaults applied, --out resolved in one place. */
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseCommandLine } from '../../pipeline/cli/parse-command-line.ts';
import type { Command } from '../../pipeline/commands/command.ts';
import { projectFor } from '../../pipeline/commands/common-options.ts';
import { command as bench } from '../../pipeline/commands/bench.ts';
import { command as build } from '../../pipeline/commands/build.ts';
import { command as diff } from '../../pipeline/commands/diff.ts';
import { maxTimerMs } from '../../pipeline/core/timer-limit.ts';

const parse = (command: unknown, argv: string[]) => parseCommandLine(command as Command, argv);

describe('parseCommandLine', () => {
  it('gives a command typed values, with the defaults of what was not given', () => {
    expect(parse(build, [])).toEqual({ kind: 'run', options: { strict: false, timeout: 60_000, out: undefined, verbose: false, help: false, 'no-site': false }, args: {} });
    expect(parse(build, ['--strict', '--timeout=90000', '--out', 'elsewhere'])).toMatchObject({ kind: 'run', options: { strict: true, timeout: 90_000, out: 'elsewhere' } });
    expect(parse(bench, ['3'])).toMatchObject({ kind: 'run', args: { runs: 3 } });
    expect(parse(bench, [])).toMatchObject({ kind: 'run', args: { runs: 5 } });
  });

  it("takes diff's base wherever it stands among the options", () => {
    expect(parse(diff, ['--head', 'out-e2', '--changelog', 'main'])).toMatchObject({ kind: 'run', options: { head: 'out-e2', changelog: true }, args: { base: 'main' } });
    expect(parse(diff, ['--timeout', '9000'])).toMatchObject({ kind: 'run', options: { timeout: 9000 }, args: { base: undefined } });
  });

  it('bounds --timeout by what a Node timer can hold', () => {
    expect(parse(build, ['--timeout', String(maxTimerMs)])).toMatchObject({ kind: 'run', options: { timeout: maxTimerMs } });
    expect(parse(build, ['--timeout', String(maxTimerMs + 1)])).toMatchObject({ kind: 'usage-error', diagnostic: { code: 'CLI_BAD_VALUE' } });
    expect(parse(build, ['--timeout', '99'])).toMatchObject({ kind: 'usage-error', diagnostic: { code: 'CLI_BAD_VALUE' } });
  });

  it('answers --help and -h before anything else', () => {
    expect(parse(build, ['-h'])).toEqual({ kind: 'help' });
    expect(parse(build, ['--timeout', 'soon', '--help'])).toEqual({ kind: 'help' });
  });
});

describe('--out', () => {
  it('is resolved against the folder the command runs in, in one place', () => {
    expect(projectFor('/srv/report', undefined).outDir).toBe(join('/srv/report', 'out'));
    expect(projectFor('/srv/report', 'elsewhere').outDir).toBe(resolve('/srv/report', 'elsewhere'));
    expect(projectFor('/srv/report', '/tmp/e1').outDir).toBe('/tmp/e1');
  });
});
