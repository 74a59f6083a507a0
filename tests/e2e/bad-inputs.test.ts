/**
 * The corpus of bad inputs (tests/bad-inputs/<nn-name>/): each case holds only the files that
 * differ from tests/fixtures/mini, and expect.yaml with every diagnostic the build must report —
 * where (file:line:col), the code, the data path, a message (substring) and the severity. Each
 * case is laid over a fresh copy of the fixture and built in-process, against an out/ folder that
 * holds a good edition: the build must fail with exactly those diagnostics (none missing, none
 * extra) and leave out/ byte-for-byte as it was. Cases marked `cli: true` also run through the
 * real command line.
 */
import { cpSync, readdirSync, readFileSync, statSync, lstatSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'yaml';
import { z } from 'zod';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { build } from '../../pipeline/build/build.ts';
import { checkInputs } from '../../pipeline/check/check-inputs.ts';
import { formatDiagnostic, type Diagnostic } from '../../pipeline/core/errors.ts';
import { repoRoot } from '../../pipeline/core/project.ts';
import { readInputs } from '../../pipeline/core/read-inputs.ts';
import { goodEdition } from '../helpers/good-edition.ts';
import { buildErrorOf, makeProject, noBrowserEffects, overlay, placeOf, removeTempDirs, runCli, snapshot, snapshotDiff, type Layout } from '../helpers/project.ts';

// builds with a real browser and whole CLI runs: slower than vitest's defaults allow on a busy machine
vi.setConfig({ testTimeout: 120_000, hookTimeout: 180_000 });

const casesDir = join(repoRoot, 'tests', 'bad-inputs');

const Expected = z.strictObject({
  at: z.string().regex(/^[^:]+(:\d+:\d+)?$/, 'file or file:line:col'),
  code: z.string().regex(/^[A-Z_]+$/),
  path: z.string().optional(),
  severity: z.enum(['error', 'warning']).optional(),
  message: z.string().min(1),
});
const Expect = z.strictObject({
  about: z.string().min(10),
  strict: z.boolean().optional(),
  cli: z.boolean().optional(),
  remove: z.array(z.string()).optional(),
  diagnostics: z.array(Expected).min(1),
});
type Expected = z.infer<typeof Expected>;

const cases = readdirSync(casesDir)
  .filter((name) => statSync(join(casesDir, name)).isDirectory())
  .sort()
  .map((name) => ({ name, dir: join(casesDir, name), expect: Expect.parse(parse(readFileSync(join(casesDir, name, 'expect.yaml'), 'utf8'))) }));

const whereOf = (d: Diagnostic) => [d.file, d.line, d.line !== undefined ? d.column : undefined].filter((x) => x !== undefined).join(':');

/**
 * Pairs actual diagnostics with expected ones (same place, code, path and severity, message
 * containing the expected text) and returns both sides as comparable lines: equal lists mean
 * every expected diagnostic was reported and nothing else was.
 */
function compare(actual: Diagnostic[], expected: Expected[]): { actual: string[]; expected: string[] } {
  const line = (at: string, code: string, path: string | undefined, severity: string, message: string) => `${severity} ${code} ${at}${path ? `  ${path}` : ''}  ${message}`;
  const open = [...expected];
  const actualLines = actual.map((d) => {
    const i = open.findIndex((e) => e.at === whereOf(d) && e.code === d.code && e.path === d.dataPath && (e.severity ?? 'error') === d.severity && d.message.includes(e.message));
    const message = i >= 0 ? open.splice(i, 1)[0].message : d.message;
    return line(whereOf(d), d.code, d.dataPath, d.severity, message);
  });
  const expectedLines = expected.map((e) => line(e.at, e.code, e.path, e.severity ?? 'error', e.message));
  return { actual: actualLines.sort(), expected: expectedLines.sort() };
}

// a good edition of the fixture, printed with the real browser: what every case must leave alone
const good = goodEdition();

afterAll(removeTempDirs);

describe('the corpus of bad inputs', () => {
  it('has at least 40 cases, each with files of its own (or files to remove) and expectations', () => {
    expect(cases.length).toBeGreaterThanOrEqual(40);
    for (const c of cases) {
      const files = readdirSync(c.dir, { recursive: true }).filter((f) => { const st = lstatSync(join(c.dir, String(f))); return (st.isFile() || st.isSymbolicLink()) && f !== 'expect.yaml'; }); // a link is a file of the case (102: a chapter linked to /dev/zero)
      expect(files.length + (c.expect.remove?.length ?? 0), c.name).toBeGreaterThan(0);
      expect(c.name, 'cases are named nn-short-name (two or three digits)').toMatch(/^\d{2,3}-[a-z0-9-]+$/);
    }
  });

  it.each(cases)('$name', async ({ dir, expect: exp }) => {
    const project = makeProject({ outDir: good.outDir });
    overlay(project, dir, 'fixture', exp.remove);
    const before = snapshot(good.outDir);

    const error = await buildErrorOf(() => build(project, noBrowserEffects, { strict: exp.strict }));

    const { actual, expected } = compare(error.diagnostics, exp.diagnostics);
    expect(actual).toEqual(expected);
    for (const d of error.diagnostics) {
      expect(d.hint.length, `${d.code} has a hint`).toBeGreaterThan(10);
      expect(formatDiagnostic(d).startsWith(whereOf(d))).toBe(true);
    }
    expect(snapshotDiff(before, snapshot(good.outDir))).toEqual([]);

    if (exp.strict) {
      // warnings do not fail without --strict: the check passes and returns them
      const checked = checkInputs(await readInputs(project, noBrowserEffects));
      expect(compare(checked.warnings, exp.diagnostics)).toEqual(compare(error.diagnostics, exp.diagnostics));
    } else {
      expect(error.diagnostics.every((d) => d.severity === 'error')).toBe(true);
    }
  });
});

// ---- the same cases through the real command line ----

const cliCases = cases.filter((c) => c.expect.cli);
interface Run {
  code: number | null;
  stderr: string;
  outBefore: ReturnType<typeof snapshot>;
  outDir: string;
}

describe('bad inputs through the command line', () => {
  const runs = new Map<string, Run>();

  beforeAll(async () => {
    await Promise.all(
      cliCases.map(async (c) => {
        const layout: Layout = 'cli';
        const project = makeProject({ layout });
        overlay(project, c.dir, layout, c.expect.remove);
        cpSync(good.outDir, project.outDir, { recursive: true });
        const outBefore = snapshot(project.outDir);
        // no browser is needed: every case stops in the check
        const r = await runCli(project.root, ['build', ...(c.expect.strict ? ['--strict'] : [])], { PUPPETEER_EXECUTABLE_PATH: join(project.root, 'no-browser-here') });
        runs.set(c.name, { code: r.code, stderr: r.stderr, outBefore, outDir: project.outDir });
      }),
    );
  }, 180_000);

  it('runs a handful of cases', () => expect(cliCases.length).toBeGreaterThanOrEqual(5));

  it.each(cliCases)('$name', ({ name, expect: exp }) => {
    const run = runs.get(name)!;
    expect(run.code, run.stderr).toBe(1);
    for (const e of exp.diagnostics) {
      const [file, ...pos] = e.at.split(':');
      const at = [placeOf(file, 'cli'), ...pos].join(':');
      // the printed block: file:line:col  data.path  message  [CODE], then the hint
      const head = `${at}${e.path ? `  ${e.path}` : ''}  `;
      const lines = run.stderr.split('\n');
      const i = lines.findIndex((l) => l.startsWith(head) && l.includes(e.message) && l.endsWith(`[${e.code}]`));
      expect(i, `${head}${e.message}  [${e.code}]\nin:\n${run.stderr}`).toBeGreaterThanOrEqual(0);
      expect(lines[i + 1]).toMatch(/^ {4}(hint|warning): \S/);
    }
    const errors = exp.diagnostics.filter((d) => (d.severity ?? 'error') === 'error').length;
    const warnings = exp.diagnostics.length - errors;
    expect(run.stderr).toContain(`build failed: ${errors} error${errors === 1 ? '' : 's'}, ${warnings} warning${warnings === 1 ? '' : 's'}. out/ is unchanged.`);
    expect(snapshotDiff(run.outBefore, snapshot(run.outDir))).toEqual([]);
  });
});
