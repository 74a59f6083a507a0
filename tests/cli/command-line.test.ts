/**
 * The command line as users meet it, through the real entry (node pipeline/cli/main.ts): every
 * refusal exits 2 before anything runs, with a one-line reason that names the option, what was
 * expected and what was found, a hint, and the command's usage; --help on every command lists
 * its options with their meaning and default; `npm run dev` on a port in use says so.
 */
import { randomBytes } from 'node:crypto';
import { existsSync } from 'node:fs';
import { once } from 'node:events';
import { createServer, type AddressInfo } from 'node:net';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import type { Command } from '../../pipeline/commands/command.ts';
import { command as bench } from '../../pipeline/commands/bench.ts';
import { command as build } from '../../pipeline/commands/build.ts';
import { command as check } from '../../pipeline/commands/check.ts';
import { command as dev } from '../../pipeline/commands/dev.ts';
import { command as diff } from '../../pipeline/commands/diff.ts';
import { command as floor } from '../../pipeline/commands/floor.ts';
import { command as pages } from '../../pipeline/commands/pages.ts';
import { command as data } from '../../pipeline/commands/data.ts';
import { eventually, makeProject, processesWithEnv, removeTempDirs, runCli, spawnCli } from '../helpers/project.ts';

afterAll(removeTempDirs);

const commands = [build, check, pages, bench, diff, dev, floor, data] as unknown as Command[];
// a copy of the fixture report, and no browser: were a refusal to let a command run, it would stop at once
const project = makeProject({ layout: 'cli' });
const noBrowser = { PUPPETEER_EXECUTABLE_PATH: join(project.root, 'no-browser-here') };
const lines = (text: string) => text.split('\n').filter((l) => l.trim() !== '');

describe('refusals', { timeout: 60_000 }, () => {
  const usage = {
    build: 'usage: npm run build -- [--strict] [--timeout MS] [--work-budget MS] [--locale LOCALE] [--no-site] [--out DIR] [--verbose] [--lang LANG]',
    check: 'usage: npm run check -- [--strict] [--work-budget MS] [--out DIR] [--verbose] [--lang LANG]',
    dev: 'usage: npm run dev -- [--port N] [--timeout MS] [--out DIR] [--verbose] [--lang LANG]',
    pages: 'usage: npm run pages -- [--dpi DPI] [--out DIR] [--verbose] [--lang LANG]',
    diff: 'usage: npm run diff -- [<base>] [--head DIR] [--changelog] [--strict] [--timeout MS] [--locale LOCALE] [--out DIR] [--verbose] [--lang LANG]',
    bench: 'usage: npm run bench -- [<runs>] [--out DIR] [--verbose] [--lang LANG]',
  };
  const cases: [string[], string, string][] = [
    [['build', '--frobnicate'], 'build: unknown option --frobnicate  [CLI_UNKNOWN_OPTION]', usage.build],
    [['build', '--stirct'], 'build: unknown option --stirct  [CLI_UNKNOWN_OPTION]', usage.build],
    [['build', '--timeout', 'soon'], '--timeout: expected a whole number of milliseconds from 100 to 2147483647, found "soon"  [CLI_BAD_VALUE]', usage.build],
    [['build', '--timeout', '99999999999'], '--timeout: expected a whole number of milliseconds from 100 to 2147483647, found "99999999999"  [CLI_BAD_VALUE]', usage.build],
    [['build', '--timeout', '1.5e3'], '--timeout: expected a whole number of milliseconds from 100 to 2147483647, found "1.5e3"  [CLI_BAD_VALUE]', usage.build],
    [['build', '--timeout'], '--timeout needs a value: expected a whole number of milliseconds from 100 to 2147483647, found nothing  [CLI_MISSING_VALUE]', usage.build],
    [['build', '--out', '--verbose'], '--out needs a value: expected a folder path, found "--verbose", an option  [CLI_MISSING_VALUE]', usage.build],
    [['build', 'now'], 'build: unexpected argument "now"  [CLI_UNEXPECTED_ARGUMENT]', usage.build],
    [['check', '--strict=yes'], '--strict: expected no value (it is a flag: give it or leave it out), found "yes"  [CLI_BAD_VALUE]', usage.check],
    [['dev', '--port', '99999'], '--port: expected a port number from 1 to 65535, found "99999"  [CLI_BAD_VALUE]', usage.dev],
    [['dev', '--port', '4000', '--port=4001'], '--port is given more than once ("4000", "4001")  [CLI_REPEATED_OPTION]', usage.dev],
    [['pages', '--dpi', 'abc'], '--dpi: expected a whole number of dots per inch from 20 to 150, found "abc"  [CLI_BAD_VALUE]', usage.pages],
    [['diff', '--timeout', 'soon'], '--timeout: expected a whole number of milliseconds from 100 to 2147483647, found "soon"  [CLI_BAD_VALUE]', usage.diff],
    [['diff', 'main', 'e1'], 'diff: unexpected argument "e1"  [CLI_UNEXPECTED_ARGUMENT]', usage.diff],
    [['bench', '0'], '<runs>: expected a whole number of runs from 1 to 100, found "0"  [CLI_BAD_VALUE]', usage.bench],
  ];

  it.each(cases)('%j: exit 2, the reason, a hint and the usage; nothing written', async (args, reason, usageLine) => {
    const r = await runCli(project.root, args, noBrowser);
    const shown = lines(r.stderr);
    expect(r.code, r.stderr).toBe(2);
    expect(shown[0]).toBe(reason);
    expect(shown[1]).toMatch(/^ {4}hint: \S/);
    expect(shown[shown.length - 1]).toBe(usageLine);
    expect(shown).toHaveLength(3);
    expect(existsSync(project.outDir)).toBe(false);
  });

  it('names the option it guesses was meant', async () => {
    const r = await runCli(project.root, ['build', '--stirct'], noBrowser);
    expect(r.stderr).toContain('hint: Did you mean --strict? build takes --strict, --timeout, --work-budget, --locale, --no-site, --out, --verbose, --help, --lang; `npm run build -- --help` says what each does.');
  });

  it('lists the commands for an unknown one', async () => {
    const r = await runCli(project.root, ['biuld'], noBrowser);
    expect(r.code).toBe(2);
    expect(lines(r.stderr)).toEqual([
      'unknown command "biuld"  [CLI_UNKNOWN_COMMAND]',
      '    hint: Did you mean build? Commands: build, check, pages, bench, diff, dev, floor, data (each with --help, e.g. `npm run build -- --help`).',
    ]);
  });
});

describe('--out outside the project (issue 21)', { timeout: 60_000 }, () => {
  it('build --out / is OUT_UNSAFE naming /, before anything is read or written: no /report.pdf, /charts or /.cache', async () => {
    const made = ['report.pdf', 'charts', '.cache', 'edition.json'].map((f) => join('/', f));
    const before = made.filter((f) => existsSync(f));
    const r = await runCli(project.root, ['build', '--out', '/'], noBrowser);
    expect(r.code, r.stderr).toBe(1);
    expect(r.stderr).toMatch(/^refusing to write the edition to \/: it is outside the project and holds \d+ file\(s\) that are not an edition's\b.*\[OUT_UNSAFE\]$/m);
    expect(r.stderr).not.toMatch(/out\/report\.pdf/); // the message once named out/ while writing to /
    expect(made.filter((f) => existsSync(f))).toEqual(before);
  });
});

describe('--help', { timeout: 60_000 }, () => {
  it.each(commands.map((c) => [c.name, c] as const))('%s --help: what it does, every option with its meaning and default; exit 0', async (_name, command) => {
    const r = await runCli(project.root, [command.name, '--help'], noBrowser);
    expect(r.code, r.stderr).toBe(0);
    expect(r.stderr).toBe('');
    expect(r.stdout.startsWith(`usage: ${command.runAs}`)).toBe(true);
    expect(r.stdout.replace(/\s+/g, ' ')).toContain(command.description);
    for (const [name, spec] of [...Object.entries(command.options), ...Object.entries(command.positionals)]) {
      const shown = name in command.positionals ? `<${name}>` : `--${name}`;
      expect(r.stdout, shown).toMatch(new RegExp(`^  (-h, )?${shown}(?= ).* {2,}${spec.description.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}$`, 'm'));
      const dflt = 'value' in spec ? (spec.defaultText ?? (spec.default === undefined ? undefined : String(spec.default))) : undefined;
      if (dflt !== undefined) expect(r.stdout, shown).toContain(`; default: ${dflt}`);
    }
  });

  it('shows the defaults users rely on', async () => {
    const r = await runCli(project.root, ['dev', '--help'], noBrowser);
    expect(r.stdout).toContain('  --port N       the port of the live preview on 127.0.0.1\n                 N: a port number from 1 to 65535; default: 4321\n');
    expect(r.stdout).toContain('MS: a whole number of milliseconds from 100 to 2147483647; default: 60000');
  });

  it('is also -h', async () => {
    const [long, short] = await Promise.all([runCli(project.root, ['build', '--help'], noBrowser), runCli(project.root, ['build', '-h'], noBrowser)]);
    expect(short.code).toBe(0);
    expect(short.stdout).toBe(long.stdout);
  });

  it('wins over a bad option beside it', async () => {
    const r = await runCli(project.root, ['build', '--frobnicate', '--help'], noBrowser);
    expect(r.code).toBe(0);
    expect(r.stdout.startsWith('usage: npm run build --')).toBe(true);
  });
});

describe('npm run dev on a port in use', { timeout: 60_000 }, () => {
  it('says the port is in use and which option picks another; no EADDRINUSE; closes its browser', async () => {
    const blocker = createServer().listen(0, '127.0.0.1');
    await once(blocker, 'listening');
    const port = (blocker.address() as AddressInfo).port;
    const marker = `REPORT_CLI_TEST=${randomBytes(6).toString('hex')}`;
    try {
      const r = await spawnCli(project.root, ['dev', '--port', String(port)], { [marker.split('=')[0]]: marker.split('=')[1] }).done;
      expect(r.code, r.stderr).toBe(1);
      expect(lines(r.stderr).slice(0, 2)).toEqual([
        `port ${port} on 127.0.0.1 is already in use  [PORT_IN_USE]`,
        '    hint: Another program (perhaps another `npm run dev`) listens there: stop it, or preview on another port, e.g. `npm run dev -- --port 4321`.',
      ]);
      expect(r.stderr).not.toContain('EADDRINUSE');
      expect(await eventually(() => processesWithEnv(marker), (left) => left.length === 0, 5000)).toEqual([]);
    } finally {
      blocker.close();
    }
  });

  it('shows the underlying error with --verbose', async () => {
    const blocker = createServer().listen(0, '127.0.0.1');
    await once(blocker, 'listening');
    const port = (blocker.address() as AddressInfo).port;
    try {
      const r = await runCli(project.root, ['dev', '--port', String(port), '--verbose']);
      expect(r.code, r.stderr).toBe(1);
      expect(r.stderr).toContain(`[PORT_IN_USE]\n    hint: `);
      expect(r.stderr).toContain(`    cause: Error: listen EADDRINUSE: address already in use 127.0.0.1:${port}\n`);
    } finally {
      blocker.close();
    }
  });
});
