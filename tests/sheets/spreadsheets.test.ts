/**
 * The analysts' round trip (`npm run data -- export|import|list|where`) on a copy of the fixture
 * report, through the command line: an exported sheet imported unchanged changes no byte of
 * data/; one changed value changes one line of one file, comments and all else intact; every
 * mistake of an edited sheet is reported at its sheet!cell, all at once, with data/ untouched.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import ExcelJS from 'exceljs';
import { afterAll, describe, expect, it, vi } from 'vitest';
import { makeProject, removeTempDirs, runCli, snapshot, snapshotDiff } from '../helpers/project.ts';

vi.setConfig({ testTimeout: 180_000 });
afterAll(removeTempDirs);

async function exported(root: string, name: string): Promise<string> {
  const r = await runCli(root, ['data', 'export', name]);
  expect(r.code, r.stderr).toBe(0);
  return join(root, name);
}

/** Opens a workbook, lets `edit` change it (cells found by the path in column A), saves it. */
async function editWorkbook(file: string, edit: (cellOf: (sheet: string, path: string, column: string) => ExcelJS.Cell, wb: ExcelJS.Workbook) => void): Promise<void> {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.readFile(file);
  const cellOf = (sheet: string, path: string, column: string) => {
    const ws = wb.getWorksheet(sheet)!;
    const header = ws.getRow(1).values as unknown[];
    let found: ExcelJS.Cell | undefined;
    ws.eachRow((row) => {
      if (row.getCell(1).value === path) found = row.getCell(header.indexOf(column));
    });
    if (!found) throw new Error(`no row ${path} in ${sheet}`);
    return found;
  };
  edit(cellOf, wb);
  await wb.xlsx.writeFile(file);
}

const dataLines = (root: string, file: string) => readFileSync(join(root, 'data', file), 'utf8').split('\n');

describe('npm run data -- export', () => {
  it('writes a sheet per data file in the analysts’ words: frozen header, number formats, derived figures grey and locked, and where each is printed', async () => {
    const project = makeProject({ layout: 'cli' });
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.readFile(await exported(project.root, 'data.xlsx'));
    expect(wb.worksheets.map((w) => w.name)).toEqual(['market', 'platforms']);
    const ws = wb.getWorksheet('platforms')!;
    expect(ws.getRow(1).values).toEqual([undefined, '数据路径', '名称', '数值', '区间上限', '限定词', '单位', '年份', '来源', '备注', '计算方式（只读）', '印出位置']);
    expect(ws.views[0]).toMatchObject({ state: 'frozen', ySplit: 1 });
    const alibaba = ws.getRow(2);
    expect(alibaba.getCell(1).value).toBe('platforms.share_2024.alibaba');
    expect(alibaba.getCell(3)).toMatchObject({ value: 35.2, numFmt: '0.0' });
    expect(alibaba.getCell(3).protection).toMatchObject({ locked: false });
    expect(alibaba.getCell(11).value).toContain('§1.2'); // the CR5 sentence, through the derived figure
    expect(alibaba.getCell(11).value).toMatch(/图.*表/);
    const cr5 = ws.getRow(7);
    expect(cr5.getCell(1).value).toBe('platforms.cr5_2024');
    expect(cr5.getCell(10).value).toBe('sum: platforms.share_2024.alibaba, platforms.share_2024.jd, platforms.share_2024.pdd, platforms.share_2024.douyin, platforms.share_2024.kuaishou');
    expect(cr5.getCell(3).protection?.locked).not.toBe(false);
    expect(cr5.getCell(3).fill).toMatchObject({ type: 'pattern', fgColor: { argb: 'FFE7E6E6' } });
    expect(wb.getWorksheet('market')!.getColumn(2).width).toBeGreaterThan(20);
    const growth = (wb.getWorksheet('market')!.getRow(5).values as unknown[]).slice(1, 4);
    expect(growth).toEqual(['market.online_retail_growth_2023', '全国网上零售额同比增速', 11]);
    expect(wb.getWorksheet('market')!.getRow(5).getCell(3).numFmt).toBe('0.0'); // 11.0 shows as 11.0
    expect(wb.getWorksheet('market')!.getRow(8).getCell(3)).toMatchObject({ value: 12000, numFmt: '0' });
  });
});

describe('npm run data -- import', () => {
  it('changes no byte of data/ when the sheet is imported unchanged (xlsx and CSV)', async () => {
    const project = makeProject({ layout: 'cli' });
    const before = snapshot(project.dataDir);
    for (const name of ['data.xlsx', 'data.csv']) {
      await exported(project.root, name);
      const r = await runCli(project.root, ['data', 'import', name]);
      expect(r.code, r.stderr).toBe(0);
      expect(r.stderr).toContain(`no value in ${name} differs from data/; nothing was written`);
    }
    expect(snapshotDiff(before, snapshot(project.dataDir))).toEqual([]);
  });

  it('writes one changed value as one changed line of one file, comments and style intact, and prints the changes with where they are printed', async () => {
    const project = makeProject({ layout: 'cli' });
    const before = snapshot(project.dataDir);
    const linesBefore = dataLines(project.root, 'platforms.yaml');
    const file = await exported(project.root, 'data.xlsx');
    await editWorkbook(file, (cellOf) => void (cellOf('platforms', 'platforms.share_2024.alibaba', '数值').value = 36.4));
    const r = await runCli(project.root, ['data', 'import', 'data.xlsx']);
    expect(r.code, r.stderr).toBe(0);
    expect(snapshotDiff(before, snapshot(project.dataDir))).toEqual(['changed platforms.yaml']);
    const linesAfter = dataLines(project.root, 'platforms.yaml');
    const changed = linesAfter.flatMap((l, i) => (l !== linesBefore[i] ? [[linesBefore[i], l]] : []));
    expect(linesAfter).toHaveLength(linesBefore.length);
    expect(changed).toEqual([['    alibaba: { label: 阿里巴巴, value: 35.2 }', '    alibaba: { label: 阿里巴巴, value: 36.4 }']]);
    // the diff's data table: the value, the derived CR5 it moves, their units and where they are printed
    expect(r.stderr).toContain('| `platforms.share_2024.alibaba` | 阿里巴巴 · 2024 | <del>35.2%</del> | <ins>36.4%</ins> | % · 艾瑞咨询 |');
    expect(r.stderr).toMatch(/\| `platforms\.cr5_2024` \| .* \| <del>82\.3%<\/del> \| <ins>83\.5%<\/ins> \| % · .* \| §1\.2/);
    expect(r.stderr).toContain('raise `edition` in data/edition.yaml (now 3)');
  });

  it('keeps the digits a value is written with (11.0 → 12.0) in a CSV round trip', async () => {
    const project = makeProject({ layout: 'cli' });
    const file = await exported(project.root, 'data.csv');
    const csv = readFileSync(file, 'utf8');
    expect(csv.startsWith('\uFEFF数据路径,')).toBe(true);
    expect(csv).toContain('market.online_retail_growth_2023,全国网上零售额同比增速,11.0,');
    writeFileSync(file, csv.replace('market.online_retail_growth_2023,全国网上零售额同比增速,11.0,', 'market.online_retail_growth_2023,全国网上零售额同比增速,12,'));
    const r = await runCli(project.root, ['data', 'import', 'data.csv']);
    expect(r.code, r.stderr).toBe(0);
    expect(dataLines(project.root, 'market.yaml').filter((l) => l.startsWith('online_retail_growth_2023:'))).toEqual([
      "online_retail_growth_2023: { value: 12.0, unit: '%', kind: growth, year: 2023, source: 国家统计局, label: 全国网上零售额同比增速 }",
    ]);
  });

  it('reports every mistake of the sheet at its sheet!cell, all at once, and writes nothing', async () => {
    const project = makeProject({ layout: 'cli' });
    const before = snapshot(project.dataDir);
    const file = await exported(project.root, 'data.xlsx');
    await editWorkbook(file, (cellOf, wb) => {
      cellOf('market', 'market.growth_2024', '数值').value = 'about 8'; // text in a number cell
      cellOf('market', 'market.social_share.y2024', '数值').value = '27.5%'; // a percentage typed as text
      const typedAsPercent = cellOf('market', 'market.social_share.y2023', '数值');
      typedAsPercent.value = 0.243; // 24.3% typed into Excel: stored as 0.243 in a % format
      typedAsPercent.style = { ...typedAsPercent.style, numFmt: '0.0%' }; // its own style: a loaded workbook shares them
      cellOf('market', 'market.users_new.y2020', '数值').value = '12,000'; // thousands separator
      cellOf('platforms', 'platforms.cr5_2024', '数值').value = 90; // a derived figure edited
      cellOf('platforms', 'platforms.vip_spend_ratio', '单位').value = '%'; // the unit changed
      const ws = wb.getWorksheet('platforms')!;
      ws.addRow(['platforms.share_2024.alibab', '阿里巴巴', 30]); // a path that names no datum (row 9)
      ws.addRow(['platforms.share_2024.jd', '京东', 21]); // a datum's second row (row 10)
    });
    const r = await runCli(project.root, ['data', 'import', 'data.xlsx']);
    expect(r.code).toBe(1);
    const out = r.stderr;
    expect(out).toContain('market!C4: expected a number in "数值", found "about 8"  [SHEET_NOT_A_NUMBER]');
    expect(out).toContain('market!C7: a percentage typed as "27.5%"  [SHEET_PERCENT_TYPED]');
    expect(out).toContain('Type 27.5: the unit column already says %');
    expect(out).toContain('market!C6: a percentage typed as 24.3%  [SHEET_PERCENT_TYPED]');
    expect(out).toContain('market!C8: "12,000" is written with a thousands separator  [SHEET_THOUSANDS_SEPARATOR]');
    expect(out).toContain('Type 12000, without separators');
    expect(out).toContain('platforms!C7: "platforms.cr5_2024" is a derived figure (82.3), but the sheet says 90  [SHEET_DERIVED_EDITED]');
    expect(out).toContain('platforms!F8: the unit of "platforms.vip_spend_ratio" was changed from 倍 to "%"  [SHEET_UNIT_CHANGED]');
    expect(out).toContain('platforms!A9: no datum "platforms.share_2024.alibab" in data/  [SHEET_UNKNOWN_PATH]');
    expect(out).toContain('Did you mean "platforms.share_2024.alibaba"?');
    expect(out).toContain('platforms!A10: "platforms.share_2024.jd" has a second row (the first is platforms!A3)  [SHEET_DUPLICATE_ROW]');
    expect(out).toContain('data import: 8 errors, 0 warnings in data.xlsx; nothing was written to data/');
    expect(snapshotDiff(before, snapshot(project.dataDir))).toEqual([]);
  });

  it('checks the changed data as `npm run check` does: a value the report cannot hold is refused, and nothing is written', async () => {
    const project = makeProject({ layout: 'cli' });
    const before = snapshot(project.dataDir);
    const file = await exported(project.root, 'data.xlsx');
    await editWorkbook(file, (cellOf) => void (cellOf('platforms', 'platforms.share_2024.alibaba', '数值').value = 135.2));
    const r = await runCli(project.root, ['data', 'import', 'data.xlsx']);
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/data\/platforms\.yaml:\d+:\d+ +platforms\.share_2024\.alibaba +.*\[RULE_RANGE\]/);
    expect(snapshotDiff(before, snapshot(project.dataDir))).toEqual([]);
  });
});

describe('npm run data -- list and where', () => {
  it('list every datum as printed, and every sentence, chart and table a datum reaches', async () => {
    const project = makeProject({ layout: 'cli' });
    const list = await runCli(project.root, ['data', 'list', 'platforms']);
    expect(list.code, list.stderr).toBe(0);
    expect(list.stderr).toMatch(/platforms\.share_2024\.alibaba +35\.2% +\[%\] +阿里巴巴 · 2024/);
    expect(list.stderr).toMatch(/platforms\.cr5_2024 +82\.3% .*\(derived: sum of platforms\.share_2024\.alibaba, .*platforms\.share_2024\.kuaishou\)\n/);
    expect(list.stderr).not.toContain('market.');
    expect(list.stderr.indexOf('platforms.cr5_2024')).toBeLessThan(list.stderr.indexOf('platforms.vip_spend_ratio')); // file order
    const where = await runCli(project.root, ['data', 'where', 'platforms.share_2024.alibaba']);
    expect(where.code, where.stderr).toBe(0);
    expect(where.stderr).toMatch(/  chart 图\S+ \(platform-share\)/);
    expect(where.stderr).toMatch(/  table 表\S+ \(share-table\)/);
    expect(where.stderr).toContain('(via platforms.cr5_2024): 五大平台合计份额（CR5）为82.3%');
    const unknown = await runCli(project.root, ['data', 'where', 'platforms.share_2024.alibab']);
    expect(unknown.code).toBe(1);
    expect(unknown.stderr).toContain('no datum at or under "platforms.share_2024.alibab"  [DATA_PATH_UNKNOWN]');
  });
});
