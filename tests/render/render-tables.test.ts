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
import { textWidth } from '../../pipeline/render/text-metrics.ts';
import { localiseTable } from '../../pipeline/render/localise.ts';

const read = (dir: string) => readdirSync(join(repoRoot, dir)).filter((f) => f.endsWith('.yaml')).map((f) => ({ path: `${dir}/${f}`, bytes: new Uint8Array(readFileSync(join(repoRoot, dir, f))) }));
const data = loadData(read('data'), vocabulary);
const locale = parseLocale(readFileSync(join(repoRoot, 'templates', 'locale.yaml'), 'utf8'));
const theme = loadChartTheme([{ path: 'templates/chart-theme.yaml', bytes: readFileSync(join(repoRoot, 'templates', 'chart-theme.yaml')) }]).theme!;
const tables = renderTables(loadTableSpecs(read('templates/tables')).specs, data.nodes, locale, theme);
const table = (id: string): RenderedTable => tables.find((t) => t.id === id)!;
const column = (t: RenderedTable, header: string) => t.columns.findIndex((c) => c.header.startsWith(header));

describe("the report's tables", () => {
  it('align every header with its cells: right over a column of numbers (表4-1 发生概率)', () => {
    for (const t of tables) {
      t.columns.forEach((c, i) => {
        const cells = t.rows.filter((r) => r.cells.length === t.columns.length).map((r) => r.cells[i].align);
        expect(new Set(cells), `${t.id}: ${c.header}`).toEqual(new Set([c.align]));
      });
    }
    const risk = table('risk-table');
    expect(risk.columns[column(risk, '发生概率')].align).toBe('right');
    // three units in one column: each figure said whole with what it measures, no column of bare figures of mixed units
    // reading as one scale (review 33, 4.1), no 单位 column (review 4.3)
    expect(risk.columns.map((c) => c.header)).toEqual(['风险类型', '发生概率（%）', '潜在影响', '应对措施']);
    // every bare figure of every table has its unit printed: in its column's header, its row's indicator cell (review 31, #9) or its unit column (表6-2)
    for (const t of tables) {
      t.rows.forEach((r) => r.cells.forEach((cell, i) => {
        const d = data.nodes.get(cell.path ?? '') as { unit?: string } | undefined;
        // a row's label names its row (it carries the row's path, not its figure); a row under a merged group cell starts one column on
        // a cell with no digits is no figure (表6-2's 指标, 合作摩擦率降低, beside its 数值 40%)
        if (!d?.unit || cell.rowHeader || cell.text.includes(d.unit) || !/\d/.test(cell.text)) return;
        const said = t.columns[i + t.columns.length - r.cells.length]?.header.includes(`（${d.unit}）`) || r.cells.some((other) => other !== cell && other.path === cell.path && (other.text.includes(`（${d.unit}）`) || other.text === d.unit));
        expect(said, `${t.id}: ${cell.text}`).toBe(true);
      }));
    }
    expect(risk.note).not.toMatch(/单位/); // so no footnote has to warn about the units
    expect(risk.rows.map((r) => r.cells[column(risk, '潜在影响')].text)).toEqual(['潜在损失率12%', '合规成本增幅35%', '平均损失周期8个月']);
  });

  it("sets the team's five tables of words (route, models, success factors, roadmap, policy matrix) full width, their row labels in one unwrapped column, no figure in any cell", () => {
    for (const id of ['research-route', 'cooperation-modes', 'success-factors', 'implementation-roadmap', 'policy-matrix']) {
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

  it('breaks a short name only after its ×, never inside it, and keeps a table of short cells as wide as its content', () => {
    // 表3-2 (the case scorecard) became 图3-1: the rule is the table system's, kept on a table of the same names
    const spec = loadTableSpecs([{ path: 'templates/tables/x.yaml', bytes: new TextEncoder().encode('caption: 标题\nrows: cases.featured\nsource: 课题组整理\ncolumns:\n  - { header: 合作方, field: label }\n') }]).specs[0];
    const [t] = renderTables([spec], data.nodes, locale, theme);
    expect(t.rows.map((r) => r.cells[0].parts)).toEqual([
      ['阿里本地生活×', '万达广场'],
      ['抖音电商×', '敦煌研究院'],
      ['京东健康×', '中国邮政'],
      ['拼多多×', '宁德时代'],
    ]);
    expect(t.wide).toBe(false);
    // a narrow table is not stretched, so it has nothing to fit
    expect(t.columns.some((c) => c.fit)).toBe(false);
  });

  it('keeps those names unbroken in a wide table when its long texts still fit beside them (表3-2: 阿里本地生活×|万达广场 beside a third of 主要举措 empty, review 45 C-10)', () => {
    const t = table('case-comparison');
    expect(t.wide).toBe(true);
    expect(t.rows.map((r) => [r.cells[0].text, r.cells[0].short])).toEqual([
      ['阿里本地生活×万达广场', true],
      ['抖音电商×敦煌研究院', true],
      ['京东健康×中国邮政', true],
      ['拼多多×宁德时代', true],
    ]);
    // with no room (a column of long texts each wider than the block can give), they may break after their × again
    const yaml = 'caption: 标题\nrows: cases.featured\nsource: 课题组整理\ncolumns:\n  - { header: 合作方, field: label }\n  - { header: 说明一, field: label }\n  - { header: 说明二, field: label }\n  - { header: 说明三, field: label }\n  - { header: 说明四, field: label }\n';
    const [cramped] = renderTables(loadTableSpecs([{ path: 'templates/tables/x.yaml', bytes: new TextEncoder().encode(yaml) }]).specs, data.nodes, locale, theme);
    expect(cramped.rows.every((r) => r.cells.every((c) => !c.short))).toBe(true);
  });

  it('merges a label repeated within its group too when group_by lists it (表5-2: one practice, two measures), never across groups', () => {
    const t = table('mechanism-gains');
    expect(t.columns.map((c) => c.header)).toEqual(['实施机制', '具体做法', '指标', '变化幅度（%）']);
    const spans = t.rows.map((r) => r.cells.filter((c) => c.rowspan).map((c) => `${c.text}×${c.rowspan}`));
    expect(spans).toEqual([['跨部门协同机制×1'], ['数据安全与合规风险管控×2'], [], ['文化融合与利益平衡×3'], ['京东与邮政开展“乡村医疗公益行”×2'], [], ['成功实施的关键保障×1']]);
    expect(t.rows.map((r) => r.cells.length)).toEqual([4, 4, 3, 4, 3, 2, 4]);
    expect(t.rows.map((r) => r.groupStart ?? false)).toEqual([false, true, false, true, false, false, true]);
    expect(t.rows.map((r) => r.cells.at(-1)!.text)).toEqual(['45', '28', '35', '50', '40', '30', '18']);
  });

  it('prints counts by magnitude as the prose does: 1.2亿人 and 3200万人 in their cells, never 12,000 under （万人） (review 2.5)', () => {
    const yaml = 'caption: 标题\nrows: users.new_users\ncolumns:\n  - { header: 年份, field: label }\n  - { header: 新增用户, field: value }\n';
    const [t] = renderTables(loadTableSpecs([{ path: 'templates/tables/x.yaml', bytes: new TextEncoder().encode(yaml) }]).specs, data.nodes, locale, theme, vocabulary.units);
    expect(t.columns.map((c) => c.header)).toEqual(['年份', '新增用户']);
    expect(t.rows.map((r) => r.cells[1].text)).toEqual(['1.2亿人', '3200万人']);
    // counts of one magnitude keep the unit in the header, the figures bare
    const [one] = renderTables(loadTableSpecs([{ path: 'templates/tables/x.yaml', bytes: new TextEncoder().encode('caption: 标题\nrows: [users.new_users.y2024]\ncolumns:\n  - { header: 年份, field: label }\n  - { header: 新增用户, field: value }\n') }]).specs, data.nodes, locale, theme, vocabulary.units);
    expect(one.columns[1].header).toBe('新增用户（万人）');
    expect(one.rows[0].cells[1].text).toBe('3200');
  });

  it('sets a spanner once over the columns that share it, with their common unit', () => {
    const yaml = 'caption: 标题\nrows: [technology.adoption_2024.ai, technology.adoption_2024.blockchain]\ncolumns:\n  - { header: 指标, field: label }\n  - { header: 2024年实际, field: value, spanner: 关键比率 }\n  - header: 2025年预测\n    field: value\n    spanner: 关键比率\n    from: [technology.adoption_2025.ai, technology.adoption_2025.blockchain]\n';
    const [shared] = renderTables(loadTableSpecs([{ path: 'templates/tables/x.yaml', bytes: new TextEncoder().encode(yaml) }]).specs, data.nodes, locale, theme);
    expect(shared.columns.map((c) => c.header)).toEqual(['指标', '2024年实际', '2025年预测']);
    expect(shared.head!.map((row) => row.map((c) => [c.header, c.colspan ?? 1, c.rowspan ?? 1]))).toEqual([
      [['指标', 1, 2], ['关键比率（%）', 2, 1]],
      [['2024年实际', 1, 1], ['2025年预测', 1, 1]],
    ]);
    // columns of different units under one spanner keep their units in their own headers
    const spec = loadTableSpecs([{ path: 'templates/tables/x.yaml', bytes: new TextEncoder().encode('caption: 标题\nrows: [technology.adoption_2024.ai]\ncolumns:\n  - { header: 指标, field: label }\n  - { header: 渗透率, field: value, spanner: 技术 }\n  - { header: 年份, field: year, spanner: 技术 }\n') }]).specs[0];
    const [t] = renderTables([spec], data.nodes, locale, theme);
    expect(t.head![0].map((c) => c.header)).toEqual(['指标', '技术']);
    expect(t.head![1].map((c) => c.header)).toEqual(['渗透率（%）', '年份']);
    // a table without spanners has one header row
    expect(table('risk-table').head).toBeUndefined();
  });

  it('refuses a from: column whose list does not match the rows, at its line', () => {
    const spec = loadTableSpecs([{ path: 'templates/tables/x.yaml', bytes: new TextEncoder().encode('caption: 标题\nrows: [technology.adoption_2024.ai, technology.adoption_2024.blockchain]\ncolumns:\n  - { header: 指标, field: label }\n  - header: 2025年\n    field: value\n    from: [technology.adoption_2025.ai]\n') }]).specs[0];
    const problems = checkTableSpec(spec, data.nodes).diagnostics;
    expect(problems.map((d) => [d.code, d.line])).toEqual([['TABLE_SPEC', 7]]);
    expect(problems[0].message).toContain('column "2025年": from lists 1 figures for 2 rows');
  });

  it('sets a wide table\'s widths from its content: 表3-1\'s texts measured in the real font take at most two lines, none stretched half empty (review 31, #20)', () => {
    const t = table('cooperation-modes');
    expect(t.wide).toBe(true);
    const mm = (pct: number) => (pct / 100) * theme.widths.full.mm;
    const px = (mm: number) => (mm * 96) / 25.4;
    const free = t.columns.map((c, i) => ({ ...c, i })).filter((c) => c.width !== undefined);
    expect(free.map((c) => c.header)).toEqual(['合作双方', '互补资源', '典型案例', '适用对象']);
    expect(free.reduce((n, c) => n + c.width!, 0)).toBeLessThanOrEqual(100);
    // each cell's text at 9 pt (12 px) in Noto Sans SC over its column's text width (less 2 mm padding a side): its lines, about
    const lines = (c: { i: number; width?: number }) => t.rows.map((r) => textWidth(new Map(), r.cells[c.i].text, 12) / px(mm(c.width!) - 4));
    for (const c of free) expect(Math.max(...lines(c)), c.header).toBeLessThanOrEqual(2);
    // the columns' widths follow their texts: 典型案例's short names get less than 互补资源's long phrases
    const width = (h: string) => free.find((c) => c.header === h)!.width!;
    expect(width('典型案例')).toBeLessThan(width('互补资源'));
  });

  it('names each row by the group its figure is in (field: group) and merges a case\'s repeated name into one cell: 表3-2, the case scorecard (review 33, 3.2)', () => {
    const t = table('case-scorecard');
    expect(t.columns.map((c) => c.header)).toEqual(['案例', '指标', '增幅（%）']); // the unit once, in its header
    const cases = t.rows.filter((r) => r.cells.length === 3).map((r) => [r.cells[0].text, r.cells[0].rowspan]);
    expect(cases).toEqual([['阿里本地生活×万达广场', 1], ['抖音电商×敦煌研究院', 1], ['京东健康×中国邮政', 2], ['拼多多×宁德时代', 1]]);
    expect(t.rows.map((r) => r.cells[r.cells.length - 1].text)).toEqual(['17', '300', '65', '40', '37']);
    expect(t.wide).toBe(false); // short cells: as wide as its content, not stretched across the block
    // a row outside any group has no group to name: refused at its column's line
    const loose = 'caption: 标题\nrows: [market.size_2024]\ncolumns:\n  - { header: 案例, field: group }\n  - { header: 规模, field: value }\n';
    const problems = checkTableSpec(loadTableSpecs([{ path: 'templates/tables/x.yaml', bytes: new TextEncoder().encode(loose) }]).specs[0], data.nodes).diagnostics;
    expect(problems.map((d) => [d.code, d.line])).toEqual([['TABLE_SPEC', 4]]);
    expect(problems[0].message).toContain('is in no group to name');
  });

  it('wraps a long cell only between its phrases and words, never inside a short phrase or a word (表3-1: 抖音电|商, 上下游企|业: review 33, 4.2; 品|牌商, 合规|审查, 实时同|步: review 35, 4.2); zh-Hant splits its converted text again', () => {
    const t = table('cooperation-modes');
    const cell = (text: string) => t.rows.flatMap((r) => r.cells).find((c) => c.text === text)!;
    expect(cell('京东×百度；抖音电商×商汤科技').parts).toEqual(['京东×', '百度；', '抖音电商×', '商汤科技']);
    const parties = cell('平台与产业链上下游企业、科研机构').parts!;
    expect(parties.join('')).toBe('平台与产业链上下游企业、科研机构');
    expect(parties).toContain('企业、'); // a phrase's end stays with the word before it
    expect(parties).toContain('科研机构');
    // every long cell of the report's tables: its parts make up its text, each ends where a word ends (ICU's
    // segmenter on the whole text), and none is much longer than a short phrase (a column is as wide as its widest part)
    const segmenter = new Intl.Segmenter('zh', { granularity: 'word' });
    for (const table of tables) for (const r of table.rows) for (const c of r.cells) if (c.phrases) {
      expect(c.parts!.join(''), c.text).toBe(c.text);
      const ends = new Set([...segmenter.segment(c.text)].map((w) => w.index + w.segment.length));
      let at = 0;
      for (const p of c.parts!) {
        at += p.length;
        expect(ends.has(at), `${c.text}: ${p}`).toBe(true);
        expect([...p].length, p).toBeLessThanOrEqual(10);
      }
    }
    // the words review 35 found broken stay whole: 品牌商 (表5-1), 三重合规 (表5-1), 实时 (表3-3)
    const parts = tables.flatMap((tb) => tb.rows.flatMap((r) => r.cells.flatMap((c) => c.parts ?? [])));
    for (const w of ['品牌商', '三重合规', '实时']) expect(parts.some((p) => p.includes(w)), w).toBe(true);
    // the Traditional edition converts the whole text (phrases convert as phrases: 用户 → 使用者), then splits it again
    const hant = localiseTable(t, (x) => x.replaceAll('用户', '使用者').replaceAll('企业', '企業'));
    const converted = hant.rows.flatMap((r) => r.cells).find((c) => c.text === '平台与产业链上下游企業、科研机构')!;
    expect(converted.parts).toContain('企業、');
    const fit = hant.rows.flatMap((r) => r.cells).find((c) => c.text.includes('使用者'))!;
    expect(fit.parts!.join('')).toBe(fit.text);
  });

  it('ends no cell of any table with sentence punctuation (review 35 #4.4: 表4-1\'s 应对措施 ended in 。, the other tables\' cells did not)', () => {
    const risks = table('risk-table');
    const mitigation = column(risks, '应对措施');
    expect(risks.rows.map((r) => r.cells[mitigation].text)[0]).toBe('建立双方共管的联合风控体系，持续跟踪技术演进，分阶段验证合作模式，减少模式过时造成的损失');
    for (const tb of tables) for (const r of [...tb.rows, ...(tb.footer ? [{ cells: tb.footer }] : [])]) for (const c of r.cells) {
      expect(c.text, `${tb.id}: ${c.text}`).not.toMatch(/[。；，、：]$/u);
      if (c.parts) expect(c.parts.join(''), c.text).toBe(c.text); // the parts printed are the text, its end included
    }
  });

  it('splits a figure into parts: what it measures with its unit, the bare number (part: measure, number), or both in one cell (part: stated)', () => {
    const yaml = 'caption: 标题\nrows: risks.assessment_2025\ncolumns:\n  - { header: 风险, field: label }\n  - { header: 指标, field: impact, part: measure }\n  - { header: 程度, field: impact, part: number }\n  - { header: 影响, field: impact, part: stated }\n';
    const [t] = renderTables(loadTableSpecs([{ path: 'templates/tables/x.yaml', bytes: new TextEncoder().encode(yaml) }]).specs, data.nodes, locale, theme);
    const col = (h: string) => t.rows.map((r) => r.cells[column(t, h)].text);
    expect(col('指标')).toEqual(['潜在损失率（%）', '合规成本增幅（%）', '平均损失周期（个月）']);
    expect(col('程度')).toEqual(['12', '35', '8']);
    expect(col('影响')).toEqual(['潜在损失率12%', '合规成本增幅35%', '平均损失周期8个月']);
  });

  it('prints a number column\'s declared unit in its header, and a figure in another unit with its own (review 43 C8: 表6-2)', () => {
    const yaml = 'caption: 标题\nrows: risks.assessment_2025\ncolumns:\n  - { header: 风险, field: label }\n  - { header: 指标, field: impact, part: indicator }\n  - { header: 数值, field: impact, part: number, unit: \'%\' }\n';
    const [t] = renderTables(loadTableSpecs([{ path: 'templates/tables/x.yaml', bytes: new TextEncoder().encode(yaml) }]).specs, data.nodes, locale, theme);
    expect(t.columns.map((c) => c.header)).toEqual(['风险', '指标', '数值（%）']);
    expect(t.rows.map((r) => r.cells[column(t, '数值（%）')].text)).toEqual(['12', '35', '8个月']);
  });

  it('sets indicators of different units with a column of their units beside bare figures (3倍 under 数值（%）, review 45 C-1)', () => {
    const yaml = 'caption: 标题\nrows:\n  - policy.law.jd_meituan_friction_cut\n  - policy.incentives.farm_household_growth\n  - policy.talent.trained_gmv_growth\ncolumns:\n  - { header: 政策建议, field: group }\n  - { header: 指标, field: value, part: indicator }\n  - { header: 单位, field: value, part: unit }\n  - { header: 数值, field: value, part: number, align: right }\n';
    const [evidence] = renderTables(loadTableSpecs([{ path: 'templates/tables/x.yaml', bytes: new TextEncoder().encode(yaml) }]).specs, data.nodes, locale, theme);
    expect(evidence.columns.map((c) => c.header)).toEqual(['政策建议', '指标', '单位', '数值']);
    expect(evidence.rows.map((r) => r.cells.slice(1).map((c) => c.text).join(' '))).toEqual(['合作摩擦率降低 % 40', '覆盖农户数增长 倍 3', '受训企业GMV平均增长 % 28']);
    expect(evidence.rows.map((r) => r.cells.at(-1)!.align)).toEqual(Array(3).fill('right'));
  });
});
