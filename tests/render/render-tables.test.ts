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
import { checkTableSpec } from '../../pipeline/check/check-specs.ts';
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
  it('align every header with its cells: right over a column of numbers (表4-1 影响程度)', () => {
    for (const t of tables) {
      t.columns.forEach((c, i) => {
        const cells = t.rows.filter((r) => r.cells.length === t.columns.length).map((r) => r.cells[i].align);
        expect(new Set(cells), `${t.id}: ${c.header}`).toEqual(new Set([c.align]));
      });
    }
    const risk = table('risk-table');
    expect(risk.columns[column(risk, '影响程度')].align).toBe('right');
    // three units in one column: each figure carries its own, no 单位 column (issue 13)
    expect(risk.columns.map((c) => c.header)).toEqual(['风险类型', '发生概率（%）', '潜在影响指标', '影响程度', '应对措施']);
    expect(risk.rows.map((r) => r.cells[column(risk, '影响程度')].text)).toEqual(['12%', '35%', '8个月']);
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

  it('set 表3-2 as a scorecard: each case with its form, one key figure with its unit in its cell, and its outcome, short cells only', () => {
    const cases = table('case-compare');
    expect(cases.columns.map((c) => c.header)).toEqual(['合作方', '合作形式', '关键指标', '2024年数值', '主要成效']);
    // 万达's key figure is its 客单价 rise: its 28% online share is 表5-1's (each dataset once)
    expect(cases.rows.map((r) => r.cells.slice(2, 4).map((c) => c.text))).toEqual([
      ['客单价提升幅度', '19%'],
      ['话题播放量', '50亿次'],
      ['县域覆盖率', '98%'],
      ['换电服务用户', '超过50万人'],
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
    // names that may break after their × are not long texts: 表3-1 is as wide as its content, so a name wraps only if it must
    expect(cases.wide).toBe(false);
    // a narrow table is not stretched, so it has nothing to fit
    expect(table('value-targets').wide).toBe(false);
    expect(table('value-targets').columns.some((c) => c.fit)).toBe(false);
  });

  it('sets each target beside its result (表5-1), a bound kept a bound', () => {
    const targets = table('value-targets');
    // units differ by row: each figure with its unit, grouped by thousands as every table's figures are
    expect(targets.rows.map((r) => r.cells.map((c) => c.text))).toEqual([
      ['万达广场线上订单占比', '30%', '28%'],
      ['阿里本地生活新增高价值用户', '3,000万人', '超过3,500万人'],
      ['多多农园农产品损耗率', '10%', '8%'],
    ]);
    expect(targets.wide).toBe(false);
  });

  it('refuses a from: column whose list does not match the rows, at its line', () => {
    const spec = loadTableSpecs([{ path: 'templates/tables/x.yaml', bytes: new TextEncoder().encode('caption: 标题\nrows: [technology.adoption_2024.ai, technology.adoption_2024.blockchain]\ncolumns:\n  - { header: 指标, field: label }\n  - header: 2025年\n    field: value\n    from: [technology.adoption_2025.ai]\n') }]).specs[0];
    const problems = checkTableSpec(spec, data.nodes).diagnostics;
    expect(problems.map((d) => [d.code, d.line])).toEqual([['TABLE_SPEC', 7]]);
    expect(problems[0].message).toContain('column "2025年": from lists 1 figures for 2 rows');
  });
});
