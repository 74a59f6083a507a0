/**
 * The report's own tables as a reader checks a 三线表: a header sits over its column the way the
 * column's cells do (a number column's header right-aligned over the numbers), the unit is in the
 * header, and in a table of long texts a column of short labels is only as wide as its labels.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { vocabulary } from '../helpers/vocabulary.ts';
import { loadData } from '../../pipeline/check/load-data.ts';
import { loadTableSpecs } from '../../pipeline/check/load-specs.ts';
import { loadChartTheme } from '../../pipeline/check/load-chart-theme.ts';
import { parseLocale } from '../../pipeline/model/locale.ts';
import { repoRoot } from '../../pipeline/core/project.ts';
import { renderTables, type RenderedTable } from '../../pipeline/render/render-tables.ts';

const read = (dir: string) => readdirSync(join(repoRoot, dir)).filter((f) => f.endsWith('.yaml')).map((f) => ({ path: `${dir}/${f}`, bytes: new Uint8Array(readFileSync(join(repoRoot, dir, f))) }));
const data = loadData(read('data'), vocabulary);
const locale = parseLocale(readFileSync(join(repoRoot, 'templates', 'locale.yaml'), 'utf8'));
const theme = loadChartTheme([{ path: 'templates/chart-theme.yaml', bytes: readFileSync(join(repoRoot, 'templates', 'chart-theme.yaml')) }]).theme!;
const tables = renderTables(loadTableSpecs(read('templates/tables')).specs, data.nodes, locale, theme);
const table = (id: string): RenderedTable => tables.find((t) => t.id === id)!;
const column = (t: RenderedTable, header: string) => t.columns.findIndex((c) => c.header.startsWith(header));

describe("the report's tables", () => {
  it('align every header with its cells: right over a column of numbers (表4-2 数值, 表4-1 规模)', () => {
    for (const t of tables) {
      t.columns.forEach((c, i) => {
        const cells = t.rows.filter((r) => r.cells.length === t.columns.length).map((r) => r.cells[i].align);
        expect(new Set(cells), `${t.id}: ${c.header}`).toEqual(new Set([c.align]));
      });
    }
    const risk = table('risk-table');
    expect(risk.columns[column(risk, '数值')].align).toBe('right');
    expect(risk.rows.map((r) => r.cells[column(risk, '数值')].text)).toEqual(['12', '35', '8']);
    expect(table('forecast-table').columns[column(table('forecast-table'), '2025年市场规模')]).toEqual({ header: '2025年市场规模（万亿元）', align: 'right' });
  });

  it("sets the team's six tables of words (route, models, success factors, roadmap, policy matrix, four-in-one) full width, their row labels in one unwrapped column, no figure in any cell", () => {
    for (const id of ['research-route', 'cooperation-modes', 'success-factors', 'implementation-roadmap', 'policy-matrix', 'implementation-system']) {
      const t = table(id);
      expect(t.wide, id).toBe(true);
      expect(t.columns[0].fit, id).toBe(true);
      for (const r of t.rows) expect(r.cells[0].short, r.cells[0].text).toBe(true);
      // figures live in data/ as data, bound in the prose: a digit typed into these words would escape every check
      for (const r of t.rows) for (const c of r.cells) expect(c.text, `${id}: ${c.text}`).not.toMatch(/[0-9０-９]/);
    }
    expect(table('implementation-roadmap').rows.map((r) => r.cells[0].text)).toEqual(['战略与目标', '模式选择', '组织与流程', '数据合规', '文化与保障']);
    expect(table('policy-matrix').columns.map((c) => c.header)).toEqual(['方向', '着眼点', '建议']);
  });

  it('set 表3-2 as a scorecard: each case with its form, one key figure in three columns (measure, number, unit) and its outcome, short cells only', () => {
    const cases = table('case-compare');
    expect(cases.columns.map((c) => c.header)).toEqual(['合作方', '合作形式', '关键指标', '数值', '单位', '主要成效']);
    expect(cases.rows.map((r) => r.cells.slice(2, 5).map((c) => c.text))).toEqual([
      ['线上订单占比', '28', '%'],
      ['话题播放量', '50', '亿次'],
      ['县域覆盖率', '98', '%'],
      ['换电服务用户', '超过50', '万人'],
    ]);
    // short cells: no text cell is a sentence (the sections of 3.2 tell each case)
    for (const r of cases.rows) for (const c of r.cells) expect(c.text.length, c.text).toBeLessThanOrEqual(12);
    // and none may wrap but the case names (after their ×)
    for (const r of cases.rows) for (const c of r.cells.slice(1)) expect(c.short, c.text).toBe(true);
    // the case names may wrap only after their ×, never inside a name
    expect(cases.rows.map((r) => r.cells[0].parts)).toEqual([
      ['阿里本地生活×', '万达广场'],
      ['抖音电商×', '敦煌研究院'],
      ['京东健康×', '中国邮政'],
      ['拼多多×', '宁德时代'],
    ]);
    // a narrow table is not stretched, so it has nothing to fit
    expect(table('forecast-table').wide).toBe(false);
    expect(table('forecast-table').columns.some((c) => c.fit)).toBe(false);
  });
});
