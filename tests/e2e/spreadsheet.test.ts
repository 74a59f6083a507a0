/**
 * The analysts' round trip end to end: a value changed in the exported workbook is imported
 * (`npm run data -- import`), and the next build prints the new figure everywhere the lineage
 * says it goes — the sentence of the derived CR5 it moves, the table's row and footer, the
 * chart's label — and the old figures nowhere.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import ExcelJS from 'exceljs';
import { afterAll, describe, expect, it, vi } from 'vitest';
import { build } from '../../pipeline/build/build.ts';
import { quietEffects } from '../helpers/fixture.ts';
import { readPdf, squash } from '../helpers/pdf.ts';
import { makeProject, removeTempDirs, runCli } from '../helpers/project.ts';

vi.setConfig({ testTimeout: 300_000 });
afterAll(removeTempDirs);

describe('a value changed in the spreadsheet', () => {
  it('is printed everywhere the lineage says after the import and a build', async () => {
    const project = makeProject({ layout: 'cli', prefix: 'report-sheet-' });
    expect((await runCli(project.root, ['data', 'export', 'data.xlsx'])).code).toBe(0);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.readFile(join(project.root, 'data.xlsx'));
    wb.getWorksheet('platforms')!.eachRow((row) => {
      if (row.getCell(1).value === 'platforms.share_2024.alibaba') row.getCell(3).value = 36.4;
    });
    await wb.xlsx.writeFile(join(project.root, 'data.xlsx'));
    const imported = await runCli(project.root, ['data', 'import', 'data.xlsx']);
    expect(imported.code, imported.stderr).toBe(0);

    const { manifest } = await build(project, quietEffects);
    const text = squash((await readPdf(new Uint8Array(readFileSync(join(project.outDir, 'report.pdf'))))).text);
    expect(manifest.data['platforms.share_2024.alibaba'].display).toBe('36.4%');
    expect(manifest.data['platforms.cr5_2024'].display).toBe('83.5%');
    // where the lineage says the two figures are printed: the table and chart of the shares, the CR5 sentence
    const uses = [...manifest.lineage['platforms.share_2024.alibaba'], ...manifest.lineage['platforms.cr5_2024']];
    expect(uses.map((u) => (u.kind === 'text' ? 'text' : u.id)).sort()).toEqual(['platform-share', 'share-table', 'share-table', 'text']);
    for (const u of uses.filter((u) => u.kind === 'text')) {
      expect(u.sentence).toContain('83.5%');
      expect(text).toContain(squash(u.sentence));
    }
    expect(text).toContain('阿里巴巴36.4'); // the table's cell: its unit is in the column's header
    expect(text).toContain('CR5合计83.5');
    expect(readFileSync(join(project.outDir, 'charts', 'platform-share.svg'), 'utf8')).toContain('36.4%');
    expect(text).not.toContain('35.2%');
    expect(text).not.toContain('82.3%');
  });
});
