/**
 * Confinement (issue 21): inputs are read only when they are regular files of a bounded size
 * inside the project, and the edition is written only to a folder that is safe to write.
 */
import { execFileSync } from 'node:child_process';
import { mkdirSync, readdirSync, statSync, symlinkSync, truncateSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { checkOutDir, maxInputBytes, maxYamlBytes, readConfined } from '../../pipeline/core/confine.ts';
import { formatDiagnostic, type Diagnostic } from '../../pipeline/core/errors.ts';
import { readInputs } from '../../pipeline/core/read-inputs.ts';
import { build } from '../../pipeline/build/build.ts';
import { buildErrorOf, makeProject, noBrowserEffects, removeTempDirs, tempDir } from '../helpers/project.ts';

afterAll(removeTempDirs);

const codeOf = (r: Uint8Array | Diagnostic) => (r instanceof Uint8Array ? 'read' : r.code);

describe('readConfined', () => {
  it('reads a regular file of the project, and one reached by a link that stays inside', async () => {
    const root = tempDir();
    writeFileSync(join(root, 'a.yaml'), 'x: 1\n');
    symlinkSync('a.yaml', join(root, 'b.yaml'));
    expect(new TextDecoder().decode((await readConfined(join(root, 'b.yaml'), root)) as Uint8Array)).toBe('x: 1\n');
  });

  it('refuses a link out of the project by its own name, without showing the target', async () => {
    const root = tempDir();
    symlinkSync('/etc/passwd', join(root, 'colophon.hbs'));
    const d = (await readConfined(join(root, 'colophon.hbs'), root)) as Diagnostic;
    expect(formatDiagnostic(d)).toMatch(/^colophon\.hbs {2}colophon\.hbs is a symbolic link to a file outside the project {2}\[INPUT_OUTSIDE\]/);
    expect(formatDiagnostic(d)).not.toContain('passwd');
    expect(formatDiagnostic(d)).not.toContain('root:');
  });

  it('refuses a FIFO inside the project at once (no wait for a writer), a folder, and a file over the limit', async () => {
    const root = tempDir();
    execFileSync('mkfifo', [join(root, 'pipe.md')]);
    mkdirSync(join(root, 'dir.md'));
    writeFileSync(join(root, 'big.md'), '');
    truncateSync(join(root, 'big.md'), maxInputBytes + 1); // sparse: no real disk use
    expect(codeOf(await readConfined(join(root, 'pipe.md'), root))).toBe('INPUT_NOT_FILE');
    expect(codeOf(await readConfined(join(root, 'dir.md'), root))).toBe('INPUT_NOT_FILE');
    const big = (await readConfined(join(root, 'big.md'), root)) as Diagnostic;
    expect(big.message).toBe('big.md is 8.0 MB, more than the 8.0 MB an input may have');
  });

  it('refuses 4 MB of YAML by its size, before parsing it (issue 21: checking costs seconds per megabyte)', async () => {
    const project = makeProject({ layout: 'cli' });
    const datum = (i: number) => `  k${i}: { value: ${i % 1000}.5, label: 项目${i}, unit: 亿元, year: 2024, source: 艾瑞咨询 }\n`;
    const lines = ['big:\n  items:\n'];
    for (let i = 0, bytes = 0; bytes < 4 * 1024 * 1024; i++) bytes += Buffer.byteLength(lines[lines.push(datum(i)) - 1]);
    writeFileSync(join(project.dataDir, 'big.yaml'), lines.join(''));
    const e = await buildErrorOf(() => readInputs(project, noBrowserEffects));
    expect(e.diagnostics.map(formatDiagnostic)).toEqual([expect.stringMatching(/^data\/big\.yaml {2}data\/big\.yaml is [45]\.\d MB, more than the 0\.5 MB an input may have {2}\[INPUT_TOO_LARGE\]/)]);
    expect(statSync(join(project.dataDir, 'big.yaml')).size).toBeGreaterThan(maxYamlBytes);
  });

  it('reports every refused input of a build at once, across folders', async () => {
    const project = makeProject({ layout: 'cli' });
    symlinkSync('/etc/passwd', join(project.dataDir, 'leak.yaml'));
    symlinkSync('/dev/zero', join(project.chaptersDir, '09-zero.md'));
    const e = await buildErrorOf(() => readInputs(project, noBrowserEffects));
    expect(e.diagnostics.map((d) => `${d.file} ${d.code}`).sort()).toEqual(['chapters/09-zero.md INPUT_OUTSIDE', 'data/leak.yaml INPUT_OUTSIDE']);
  });
});

describe('checkOutDir', () => {
  it('refuses out/ committed as a symlink, before anything is read or written', async () => {
    const project = makeProject({ layout: 'cli' });
    const elsewhere = tempDir();
    symlinkSync(elsewhere, project.outDir);
    const e = await buildErrorOf(() => build(project, noBrowserEffects));
    expect(e.diagnostics.map(formatDiagnostic)[0]).toMatch(/^refusing to write the edition to out: it is a symbolic link {2}\[OUT_UNSAFE\]/);
    expect(readdirSync(elsewhere)).toEqual([]);
  });

  it('refuses --out / and any outside folder holding files that are not an edition, naming one', async () => {
    const root = tempDir();
    await expect(checkOutDir(root, '/')).rejects.toThrow(/refusing to write the edition to \/: it is outside the project and holds \d+ file\(s\) that are not an edition's/);
    const home = tempDir();
    writeFileSync(join(home, '.bashrc'), '');
    await expect(checkOutDir(root, home)).rejects.toThrow(/e\.g\. \.bashrc/);
  });

  it('accepts out/ inside the project, a new or empty folder outside it, and one holding an earlier edition', async () => {
    const root = tempDir();
    await expect(checkOutDir(root, join(root, 'out'))).resolves.toBeUndefined();
    const other = tempDir();
    await expect(checkOutDir(root, join(other, 'new'))).resolves.toBeUndefined();
    for (const f of ['report.pdf', 'report.html', 'edition.json']) writeFileSync(join(other, f), '');
    mkdirSync(join(other, 'charts'));
    mkdirSync(join(other, '.cache'));
    await expect(checkOutDir(root, other)).resolves.toBeUndefined();
  });
});
