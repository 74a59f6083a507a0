/**
 * One form per meaning in every chart, from the report's own data: a forecast is the theme's tint
 * with a dashed outline, an approximate figure or upper bound of a past year is hollow (white, solid
 * outline), a lower bound solid to its figure with an arrow past it, and the note under the chart
 * says which is which, naming only the forms it draws.
 */
import { describe, expect, it } from 'vitest';
import { checkInputs } from '../../pipeline/check/check-inputs.ts';
import { lightness } from '../../pipeline/check/colour-vision.ts';
import { defaultProject } from '../../pipeline/core/project.ts';
import { readInputs } from '../../pipeline/core/read-inputs.ts';
import { parseLocale } from '../../pipeline/model/locale.ts';
import { loadChartSpecs } from '../../pipeline/check/load-specs.ts';
import { renderCharts } from '../../pipeline/render/render-charts.ts';
import { quietEffects } from '../helpers/fixture.ts';

const inputs = await readInputs(defaultProject(), quietEffects);
const checked = checkInputs(inputs);
const locale = parseLocale(inputs.layout.locale);
const t = checked.theme;
const draw = async (yaml: string) => (await renderCharts(loadChartSpecs([{ path: 'charts/x.yaml', bytes: new TextEncoder().encode(yaml) }]).specs, checked.data.nodes, locale, t))[0];
/** the mark paths (not text) with their fill, stroke and dash */
const marks = (svg: string) => [...svg.matchAll(/<path\s[^>]*>/g)].map((m) => ({ fill: /\sfill="([^"]+)"/.exec(m[0])?.[1], stroke: /\sstroke="([^"]+)"/.exec(m[0])?.[1], dashed: /stroke-dasharray/.test(m[0]) }));

describe('forecasts and approximate figures, drawn apart', () => {
  it('dumbbells of 2024 and a 2025 forecast: the forecasts tinted and dashed, the bound with its arrow, each said in a note', async () => {
    // 图4-1's rates: a forecast dot is the theme's one forecast form
    const charts = await renderCharts(checked.charts, checked.data.nodes, locale, t);
    const pair = (a: string, b: string) => `form: dumbbell\nwidth: full\ndata:\n  - from: [${a}]\n    series: 2024年\n  - from: [${b}]\n    series: 2025年（预测）\nlabels: { ai: AI大模型渗透率, blockchain: 区块链应用率, industry_success_rate: 项目成功率, success_rate: 项目成功率, data_interop_rate_2024: 数据互通率, data_interop_rate: 数据互通率 }\n`;
    const tech = await draw(`caption: 技术\n${pair('technology.adoption_2024.ai, technology.adoption_2024.blockchain', 'technology.adoption_2025.ai, technology.adoption_2025.blockchain')}`);
    const key = await draw(`caption: 指标\n${pair('cooperation.success_factors.industry_success_rate, users.data_interop_rate_2024', 'forecast.indicators_2025.success_rate, forecast.indicators_2025.data_interop_rate')}`);
    for (const c of [tech, key]) expect(marks(c.svg).filter((m) => m.fill === t.forecast.fill).every((m) => m.dashed && m.stroke === t.palette[0]), c.id).toBe(true);
    // its two forecasts and the key's dot above the first panel (review 45 C-8), drawn the same way
    expect(marks(tech.svg).filter((m) => m.fill === t.forecast.fill)).toHaveLength(3);
    expect(tech.svg).toContain('突破65%');
    // the note names the mark drawn: a dumbbell's forecast is a dashed dot, not a box
    expect(tech.note).toBe('注：浅色虚线圆点为预测值；箭头表示数值高于标注值。');
    expect(key.note).toBe('注：浅色虚线圆点为预测值。');
    // a stack of parts draws none of these forms, so it has no note
    expect(charts.find((c) => c.id === 'revenue-structure')!.note).toBeUndefined();
  }, 120_000);

  it('draws what is known of 2024 solid and what is not hollow, never in the forecast tint, and says so', async () => {
    // 5%左右 (approximate: hollow), 15%以上 (a lower bound: solid to 15, an arrow past it) and an exact 18.7%
    const c = await draw('caption: 增速\nform: bar\ndata:\n  - from: market.segment_growth_2024\n');
    const m = marks(c.svg);
    expect(m.some((p) => p.fill === t.forecast.fill)).toBe(false);
    const hollow = m.filter((p) => p.fill === t.approximate.fill && p.stroke === t.palette[0]);
    expect(hollow).toHaveLength(1);
    expect(hollow.every((p) => !p.dashed)).toBe(true);
    // review 60: the bound drawn hollow was the faintest bar of 图2-2, the one its caption is about
    expect(m.filter((p) => p.fill === t.palette[0])).toHaveLength(3); // the exact 18.7%, the bound's bar and its arrow
    expect(c.svg).toContain('5%左右');
    expect(c.svg).toContain('15%以上');
    expect(c.note).toBe('注：空心为约数、上限或区间；箭头表示数值高于标注值。');
  }, 120_000);

  it("names the forecast's mark as its form draws it: a bar's dashed box, a dumbbell's dashed dot", async () => {
    // a forecast beside the actual it follows (a chart of forecasts only draws them as actuals: chart-forms.test.ts)
    const data = 'data:\n  - from: [cooperation.success_factors.industry_success_rate, forecast.indicators_2025.success_rate]\nlabels: { industry_success_rate: 2024年, success_rate: 2025年 }\n';
    const bar = await draw(`caption: 预测\nform: bar\n${data}`);
    const boxes = marks(bar.svg).filter((m) => m.fill === t.forecast.fill);
    expect(boxes).toHaveLength(1);
    expect(boxes.every((m) => m.dashed)).toBe(true);
    expect(bar.note).toBe('注：浅色虚线框为预测值。');
    const dots = await draw(`caption: 预测\nform: dumbbell\ndata:\n  - from: [cooperation.success_factors.industry_success_rate]\n    series: 2024年\n  - from: [forecast.indicators_2025.success_rate]\n    series: 2025年\nlabels: { industry_success_rate: 成功率, success_rate: 成功率 }\n`);
    expect(dots.note).toBe('注：浅色虚线圆点为预测值。');
  }, 120_000);

  it("draws the bars a chart's highlight: names in the darkest tone, the others light beside them, so the emphasis keeps its order in greyscale", async () => {
    const yaml = `caption: 流量\nform: small-multiples\nwidth: full\nkeep_order: true\ndata:\n  - from: users.traffic_growth\n    series: 增速\n  - from: users.new_users\n    series: 新增用户\nlabels: { y2020: 2020年, y2024: 2024年 }\n`;
    const fills = (svg: string) => marks(svg).map((m) => m.fill).filter((f) => [t.highlight, t.comparison, t.palette[0]].includes(f ?? ''));
    const plain = await draw(yaml);
    const lit = await draw(`${yaml}highlight: [y2024]\n`);
    expect(fills(plain.svg)).toEqual([t.palette[0], t.palette[0], t.palette[0], t.palette[0]]);
    // 2020 then 2024 in each panel: 2024's bars the highlight, 2020's the comparison
    expect(fills(lit.svg)).toEqual([t.comparison, t.highlight, t.comparison, t.highlight]);
    // review 35, 3.8: an orange highlight turned mid-grey beside a near-black comparison; the highlight is the darker
    expect(lightness(t.highlight)).toBeLessThanOrEqual(lightness(t.comparison) - 15);
    // and the highlighted categories are named in the medium weight, the others in the regular
    expect(lit.svg.match(/font-weight="500"[^>]*>2024年</g)).toHaveLength(2);
    expect(lit.svg).not.toMatch(/font-weight="500"[^>]*>2020年</);
    expect(plain.svg).not.toMatch(/font-weight="500"[^>]*>20\d\d年</);
  });
});
