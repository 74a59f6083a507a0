/**
 * The chart forms drawn from the fixture's data: each at the theme's width, the unit as one line
 * above the chart, figures printed as the prose prints them, bars sorted, a bound drawn open.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { fixtureData, vocabulary } from '../helpers/vocabulary.ts';
import { loadData } from '../../pipeline/check/load-data.ts';
import { loadChartSpecs } from '../../pipeline/check/load-specs.ts';
import { checkChartSpec } from '../../pipeline/check/check-specs.ts';
import { loadChartTheme, widthPx } from '../../pipeline/check/load-chart-theme.ts';
import { parseLocale } from '../../pipeline/model/locale.ts';
import { repoRoot } from '../../pipeline/core/project.ts';
import { renderCharts } from '../../pipeline/render/render-charts.ts';
import { yearSlots } from '../../pipeline/render/chart-forms.ts';
import { valueAxis } from '../../pipeline/render/chart-scale.ts';
import { BuildError } from '../../pipeline/core/errors.ts';

const enc = new TextEncoder();
const locale = parseLocale(readFileSync(join(repoRoot, 'templates', 'locale.yaml'), 'utf8'));
const theme = loadChartTheme([{ path: 'templates/chart-theme.yaml', bytes: readFileSync(join(repoRoot, 'templates', 'chart-theme.yaml')) }]).theme!;
const data = fixtureData();
// the units the build passes, so counts print as the prose prints them
const draw = async (yaml: string) => (await renderCharts(loadChartSpecs([{ path: 'charts/x.yaml', bytes: enc.encode(yaml) }]).specs, data.nodes, locale, theme, new Map(), new Map(), vocabulary.units))[0];
const svgWidth = (svg: string) => Number(/^<svg[^>]*\swidth="([\d.]+)"/.exec(svg)?.[1]);
const texts = (svg: string) => [...svg.matchAll(/<text[^>]*>([^<]*)<\/text>/g)].map((m) => m[1]);

describe('chart forms', () => {
  it('bar: sorted by value, labelled with the formatter\'s figures, the unit said once (its line, not the labels), at the full width', async () => {
    const c = await draw('caption: 份额\nform: bar\ndata:\n  - from: [platforms.share_2024.pdd, platforms.share_2024.alibaba, platforms.share_2024.jd]\n');
    expect(svgWidth(c.svg)).toBe(widthPx(theme, 'full'));
    const t = texts(c.svg);
    expect(t).toContain('单位：%');
    expect(t.filter((s) => ['阿里巴巴', '京东', '拼多多'].includes(s))).toEqual(['阿里巴巴', '京东', '拼多多']);
    expect(t).toEqual(expect.arrayContaining(['35.2', '20.8', '18.5']));
    // 单位：% is printed once: no label says % again (issue 13's review)
    expect(t.filter((s) => s.includes('%'))).toEqual(['单位：%']);
    expect(c.alt).toContain('阿里巴巴 35.2%'); // the alt text, heard without the unit line, keeps it
    expect(c.svg).not.toMatch(/rotate\(/); // no rotated title
  });

  it('half width and small multiples: each panel with its own unit, side by side in one SVG', async () => {
    const half = await draw('caption: 份额\nform: bar\nwidth: half\ndata:\n  - from: platforms.share_2024\n');
    expect(svgWidth(half.svg)).toBe(widthPx(theme, 'half'));
    const sm = await draw('caption: 两项\nform: small-multiples\ndata:\n  - from: market.social_share\n    series: 社交电商占比\n  - from: market.users_new\n    series: 新增用户\n');
    expect(svgWidth(sm.svg)).toBe(widthPx(theme, 'full'));
    expect((sm.svg.match(/<svg/g) ?? []).length).toBe(3);
    expect(texts(sm.svg)).toEqual(expect.arrayContaining(['社交电商占比', '单位：%', '新增用户', '单位：亿人', '1.2', '0.32']));
  });

  it('small multiples as columns (orientation: columns): the years left to right, each figure above its column, the unit line on top', async () => {
    const sm = await draw('caption: 两项\nform: small-multiples\norientation: columns\nkeep_order: true\nhighlight: [y2024]\nlabels: { y2023: 2023年, y2024: 2024年, y2020: 2020年 }\ndata:\n  - from: market.social_share\n    series: 社交电商占比\n  - from: market.users_new\n    series: 新增用户\n');
    expect(svgWidth(sm.svg)).toBe(widthPx(theme, 'full'));
    // where each text stands in its panel (x, y from its transform), and each column's fill, left edge, top and height
    const at = (svg: string, text: string) => {
      const m = new RegExp(`transform="translate\\(([\\d.]+),([\\d.]+)\\)"[^>]*>${text}</text>`).exec(svg);
      return m ? { x: Number(m[1]), y: Number(m[2]) } : undefined;
    };
    const panels = sm.svg.split(/<svg x=/).slice(1);
    expect(panels).toHaveLength(2);
    const [shares] = panels;
    const y2023 = at(shares, '2023年')!;
    const y2024 = at(shares, '2024年')!;
    expect(y2023.x).toBeLessThan(y2024.x); // time runs left to right
    expect(y2023.y).toBe(y2024.y); // the years on one line, under the baseline
    const label = at(shares, '27.5')!;
    expect(label.y).toBeLessThan(y2024.y);
    expect(Math.abs(label.x - y2024.x)).toBeLessThan(1); // the figure stands over its own column
    // (the year axis's ticks are 1 px wide: not columns)
    const columns = [...shares.matchAll(/<path[^>]*\sd="M([\d.]+),([\d.]+)h([\d.]+)v([\d.]+)h-[^"]*"\s+fill="(#[0-9a-f]+)"/g)].map((m) => ({ x: Number(m[1]), top: Number(m[2]), w: Number(m[3]), h: Number(m[4]), fill: m[5] })).filter((c) => c.w > 2);
    expect(columns.map((c) => c.fill)).toEqual([theme.comparison, theme.highlight]); // the highlighted year darkest, the other light beside it
    expect(columns[1].h / columns[0].h).toBeCloseTo(27.5 / 24.3, 2);
    expect(label.y).toBeLessThanOrEqual(columns[1].top); // above the column's top, not in it
    expect(texts(sm.svg)).toEqual(expect.arrayContaining(['社交电商占比', '单位：%', '新增用户']));
    expect(texts(sm.svg).filter((s) => s.includes('%'))).toEqual(['单位：%']);
    expect(sm.svg).not.toMatch(/rotate\(/);
  });

  it('stands columns of years at their years, an empty year keeping its slot; the columns spread across their panel (reviews 49 3.1, 3.2, 50)', async () => {
    expect(yearSlots([{ year: 2019 }, { year: 2023 }] as never)).toEqual({ count: 5, of: [0, 4], empty: [1, 2, 3] });
    expect(yearSlots([{ year: 2023 }, { year: 2024 }] as never)).toEqual({ count: 2, of: [0, 1], empty: [] });
    expect(yearSlots([{ key: '甲' }, { key: '乙' }] as never).count).toBe(2); // not years: one slot each
    const sm = await draw('caption: 两项\nform: small-multiples\norientation: columns\nkeep_order: true\nlabels: { y2023: 2023年, y2024: 2024年, y2020: 2020年 }\ndata:\n  - from: market.social_share\n    series: 社交电商占比\n  - from: market.users_new\n    series: 新增用户\n');
    const xOf = (svg: string, text: string) => Number(new RegExp(`transform="translate\\(([\\d.]+),[\\d.]+\\)"[^>]*>${text}</text>`).exec(svg)?.[1]);
    const [shares, users] = sm.svg.split(/<svg x=/).slice(1);
    // 2020 → 2024 four slots apart, 2023 → 2024 one: in panels of one width, the first pair stands much further apart
    const consecutive = xOf(shares, '2024年') - xOf(shares, '2023年');
    expect((xOf(users, '2024年') - xOf(users, '2020年')) / consecutive).toBeGreaterThan(1.5);
    expect(texts(sm.svg)).not.toContain('/'); // no break mark (review 50: read as a broken value axis)
    // the two columns of a half-width panel reach past its middle: no blank right half
    const panelWidth = (widthPx(theme, 'full') - 23) / 2;
    expect(xOf(shares, '2024年')).toBeGreaterThan(panelWidth * 0.6);
  });

  it('small multiples of one unit share one scale: equal figures draw equal bars in every panel', async () => {
    const sm = await draw('caption: 两项\nform: small-multiples\ndata:\n  - from: [platforms.share_2024.alibaba, platforms.share_2024.kuaishou]\n    series: 甲\n  - from: [platforms.share_2024.douyin]\n    series: 乙\n');
    const bars = [...sm.svg.matchAll(/<path[^>]*\sd="M0,[\d.]+h([\d.]+)v[^"]*"\s+fill="#/g)].map((m) => Number(m[1]));
    expect(bars.length).toBe(3);
    // 35.2% and 2.7% in one panel, 5.1% in the other: one px per % across both panels
    expect(bars[2] / bars[0]).toBeCloseTo(5.1 / 35.2, 2);
    expect(sm.svg).not.toContain('panel-rule'); // one scale: the panels stand together
    // a long label in one panel only: the panels share its label column, so the scale holds (图5-2, review 37: 3.50 against 2.89 px per %)
    const long = await draw('caption: 两项\nform: small-multiples\nlabels: { alibaba: 阿里巴巴集团旗下各平台合计 }\ndata:\n  - from: [platforms.share_2024.alibaba, platforms.share_2024.kuaishou]\n    series: 甲\n  - from: [platforms.share_2024.douyin]\n    series: 乙\n');
    const longBars = [...long.svg.matchAll(/<path[^>]*\sd="M0,[\d.]+h([\d.]+)v[^"]*"\s+fill="#/g)].map((m) => Number(m[1]));
    expect(longBars[2] / longBars[0]).toBeCloseTo(5.1 / 35.2, 2);
    // panels of different units each have their own scale: a hairline sets each apart from the one before (review 31, #8)
    const apart = await draw('caption: 两项\nform: small-multiples\ndata:\n  - from: market.social_share\n    series: 甲\n  - from: market.users_new\n    series: 乙\n');
    expect(apart.svg.match(/class="panel-rule"/g)).toHaveLength(1);
  });

  it('a panel of counts prints them in one scale, said once in its unit line: the largest\'s (单位：亿人 over 1.2 and 0.32, never 12,000 under 万人: reviews 47, 48); the alt keeps the prose\'s figures', async () => {
    const draw = async (from: string) => (await renderCharts(loadChartSpecs([{ path: 'charts/x.yaml', bytes: enc.encode(`caption: 新增用户\nform: bar\nkeep_order: true\nlabels: { y2020: 2020年, y2024: 2024年 }\ndata:\n  - from: ${from}\n`) }]).specs, data.nodes, locale, theme, new Map(), new Map(), vocabulary.units))[0];
    const mixed = await draw('market.users_new');
    // 12000万人 and 3200万人: both in the largest's 亿, no digit group the prose never prints, and none carries a magnitude of its own (review 31, #6)
    const t = texts(mixed.svg);
    expect(t).toEqual(expect.arrayContaining(['单位：亿人', '1.2', '0.32']));
    expect(t.filter((s) => /\d[万亿]|,|单位：人$|单位：万人/.test(s))).toEqual([]);
    expect(mixed.alt).toContain('1.2亿人');
    expect(mixed.alt).toContain('3200万人');
    // the bars still in proportion: 12000 to 3200
    const bars = [...mixed.svg.matchAll(/<path[^>]*\sd="M0,[\d.]+h([\d.]+)v[^"]*"\s+fill="#/g)].map((m) => Number(m[1]));
    expect(bars[1] / bars[0]).toBeCloseTo(3200 / 12000, 2);
    // every count of the panel reaches 亿: the panel is in 亿人
    const one = await draw('[market.users_new.y2020]');
    expect(texts(one.svg)).toEqual(expect.arrayContaining(['单位：亿人', '1.2']));
    // only 3200万人: the panel is in 万人
    const small = await draw('[market.users_new.y2024]');
    expect(texts(small.svg)).toEqual(expect.arrayContaining(['单位：万人', '3200']));
  });

  it('refuses draw: line outside small multiples, at the entry\'s line (it would be ignored)', () => {
    const spec = loadChartSpecs([{ path: 'charts/x.yaml', bytes: enc.encode('caption: 增速\nform: bar\ndata:\n  - from: market.users_new\n    draw: line\n') }]).specs[0];
    const problems = checkChartSpec(spec, data.nodes).diagnostics;
    expect(problems.map((d) => [d.code, d.line])).toEqual([['CHART_SPEC', 5]]);
    expect(problems[0].message).toContain('draw: line is for a panel of small multiples');
  });

  it('a dumbbell has a light scale under its last row, ticks on round values printed as the prose prints them, no grid lines (review 33, 3.10)', async () => {
    const c = await draw('caption: 比率\nform: dumbbell\ndata:\n  - from: [market.social_share.y2023]\n    series: 甲\n  - from: [market.social_share.y2024]\n    series: 乙\n');
    const ticks = [...c.svg.matchAll(/<text[^>]*fill="([^"]+)"[^>]*>(\d+)<\/text>/g)].filter((m) => m[1] === theme.muted).map((m) => m[2]);
    expect(ticks).toEqual(['0', '10', '20', '30']); // 24.3 and 27.5 on a scale to the round tick past them
    // the scale's lines (its baseline and 3 px ticks) stay under the rows: no grid line runs up through them (y2 < 0)
    const light = [...c.svg.matchAll(/<line[^>]*y2="(-?[\d.]+)" stroke="([^"]+)"/g)].filter((m) => m[2] === theme.grid).map((m) => Number(m[1]));
    expect(light.length).toBe(5);
    expect(Math.min(...light)).toBeGreaterThanOrEqual(0);
  });

  it('a line keeps its own year axis, a year with no figure left empty and crossed thin and grey; columns beside it stand together in a panel as wide as they need (review 35, 3.2)', async () => {
    const sm = await draw('caption: 两项\nform: small-multiples\norientation: columns\nkeep_order: true\nlabels: { y2023: 2023年, y2024: 2024年, y2020: 2020年 }\ndata:\n  - from: market.social_share\n    series: 社交电商占比\n  - from: market.users_new\n    series: 新增用户\n    draw: line\n');
    const at = (svg: string, text: string) => Number(new RegExp(`transform="translate\\(([\\d.]+),[\\d.]+\\)"[^>]*>${text}</text>`).exec(svg)?.[1]);
    const width = (svg: string) => Number(/^\s*"?[\d.]+"?\s+y="0"[^>]*?\swidth="([\d.]+)"/.exec(svg)?.[1] ?? /\swidth="([\d.]+)"/.exec(svg)?.[1]);
    const [shares, users] = sm.svg.split(/<svg x=/).slice(1);
    // the columns: 2023 and 2024 side by side at the panel's left, no slots for 2020–2022, the panel a fraction of the line's
    const columns = [...shares.matchAll(/<path[^>]*\sd="M([\d.]+),[\d.]+h([\d.]+)v[^"]*"\s+fill="#/g)].filter((m) => Number(m[2]) > 2);
    expect(columns).toHaveLength(2);
    const step = at(shares, '2024年') - at(shares, '2023年');
    expect(step).toBeLessThan(Number(columns[0][2]) * 2.5); // next to each other: one column and a gap apart
    expect(width(shares)).toBeLessThan(width(users) / 2);
    expect(width(shares) + width(users)).toBeLessThanOrEqual(widthPx(theme, 'full'));
    // the line runs 2020–2024 on its own axis, across most of its panel
    const span = at(users, '2024年') - at(users, '2020年');
    expect(span).toBeGreaterThan(width(users) * 0.6);
    // the line's only stretch crosses 2021–2023, which have no figure: drawn in the axis grey, 1 px, not the series' navy
    const lines = [...users.matchAll(/<line[^>]*stroke="(#[0-9a-f]+)"[^>]*stroke-width="([\d.]+)"/g)].map((m) => [m[1], Number(m[2])]);
    expect(lines).toContainEqual([theme.axis, 1]);
    expect(lines.some(([c]) => c === theme.palette[0])).toBe(false);
    expect(texts(users)).toEqual(expect.arrayContaining(['1.2', '0.32', '单位：亿人']));
    expect(sm.note).toContain(theme.words.note_gap);
  });

  it('a slope panel (draw: slope): two years at the panel\'s edges, no empty years between, each figure beside its point; slopes of one unit rise at one scale (review 35, 3.3, 3.5)', async () => {
    const sm = await draw('caption: 份额\nform: small-multiples\nkeep_order: true\nlabels: { online_retail_growth_2023: 2023年, growth_2024: 2024年, y2023: 2023年, y2024: 2024年 }\ndata:\n  - from: [market.online_retail_growth_2023, market.growth_2024]\n    series: 增速\n    draw: slope\n  - from: market.social_share\n    series: 社交电商占比\n    draw: slope\n');
    const [growth, social] = sm.svg.split(/<svg x=/).slice(1);
    const place = (svg: string, text: string) => {
      const m = new RegExp(`transform="translate\\(([\\d.]+),([\\d.]+)\\)"[^>]*>${text}</text>`).exec(svg);
      return { x: Number(m?.[1]), y: Number(m?.[2]) };
    };
    // the two years only, under the line's two ends
    expect(texts(social).filter((x) => x.endsWith('年'))).toEqual(['2023年', '2024年']);
    expect(sm.note ?? '').not.toContain(theme.words.note_gap);
    // each figure beside its point: the earlier left of the line's start, the later right of its end
    expect(place(social, '24.3').x).toBeLessThan(place(social, '2023年').x);
    expect(place(social, '27.5').x).toBeGreaterThan(place(social, '2024年').x);
    // the changes show, off a zero baseline: 24.3 → 27.5 climbs, 11.0 → 8.2 falls, 3.2/2.8 times as far (one scale for one unit)
    const rise = (svg: string, a: string, b: string) => place(svg, a).y - place(svg, b).y;
    expect(rise(social, '24.3', '27.5')).toBeGreaterThan(40);
    expect(rise(social, '24.3', '27.5') / -rise(growth, '11.0', '8.2')).toBeCloseTo(3.2 / 2.8, 1);
  });

  it('a line does not join neighbouring figures of different sources (two 口径): each stands as a point, and the note says why', async () => {
    const sm = await draw('caption: 增速\nform: small-multiples\nkeep_order: true\nlabels: { online_retail_growth_2023: 2023年, growth_2024: 2024年, y2023: 2023年, y2024: 2024年 }\ndata:\n  - from: market.social_share\n    series: 社交电商占比\n  - from: [market.online_retail_growth_2023, market.growth_2024]\n    series: 同比增速\n    draw: line\n');
    const line = sm.svg.split(/<svg x=/).slice(1)[1];
    // 2023 (国家统计局) and 2024 (艾瑞咨询) are neighbours on the year axis: no stretch of any colour between them
    expect([...line.matchAll(/<line[^>]*stroke="(#[0-9a-f]+)"[^>]*stroke-width="2"/g)]).toHaveLength(0);
    expect(texts(line)).toEqual(expect.arrayContaining(['11.0', '8.2']));
    expect(sm.note).toContain(theme.words.note_break);
  });

  it('dumbbell, line, grouped bar and 100% stack draw with their series named', async () => {
    const series = 'data:\n  - from: [market.social_share.y2023]\n    series: 甲\n  - from: [market.social_share.y2024]\n    series: 乙\n';
    for (const form of ['dumbbell', 'grouped-bar', 'line']) {
      const c = await draw(`caption: 图\nform: ${form}\nlabels: { y2023: 社交电商, y2024: 社交电商 }\n${series}`);
      expect(texts(c.svg), form).toEqual(expect.arrayContaining(['24.3', '27.5']));
      expect(texts(c.svg).filter((s) => s.includes('%')), form).toEqual(['单位：%']);
      expect(c.svg, form).toMatch(/>甲</);
    }
    const stack = await draw('caption: 结构\nform: stacked-100\nrest: 其他\ndata:\n  - from: [platforms.share_2024.alibaba, platforms.share_2024.jd]\n');
    expect(texts(stack.svg)).toEqual(expect.arrayContaining(['阿里巴巴 35.2', '京东 20.8', '其他 44.0']));
    expect(stack.alt).toBe('图表数据：阿里巴巴 35.2%、京东 20.8%、其他 44.0%'); // the rest is drawn, so it is said (图2-6's 其他收入)
  });

  it('full-width charts share one label column: two dumbbells of different label lengths draw one value at one x (图4-1 and 图4-3 align)', async () => {
    const series = (a: string, b: string) => `data:\n  - from: [${a}]\n    series: 甲\n  - from: [${b}]\n    series: 乙\n`;
    const short = await draw(`caption: 短\nform: dumbbell\nlabels: { y2023: 社交, y2024: 社交 }\n${series('market.social_share.y2023', 'market.social_share.y2024')}`);
    const long = await draw(`caption: 长\nform: dumbbell\nlabels: { y2023: 社交电商占整体比重, y2024: 社交电商占整体比重 }\n${series('market.social_share.y2023', 'market.social_share.y2024')}`);
    const plotX = (svg: string) => Number(/translate\(([\d.]+),[\d.]+\)/.exec(svg)?.[1]);
    expect(plotX(short.svg)).toBe(Math.round(theme.label_column_mm * (96 / 25.4)));
    expect(plotX(long.svg)).toBe(plotX(short.svg));
    // every dot is labelled: no value axis, so no grid line runs through the series' names
    expect(short.svg).not.toMatch(/role-axis-grid/);
  });

  it('a bar keeps its place in the order whatever layer draws it (a hollow bound sorted first, not last)', async () => {
    // the report's 获客成本: 150元/人 exact, 超过200元/人 a bound (drawn hollow, by a later layer)
    // the report's data, and 2023's CR5 derived as the report once did (82.3 − 1.5), for a chart of both years
    const cr5Of2023 = '\ncr5_2023: { derive: difference, of: [platforms.cr5_2024, platforms.cr5_change_2024], unit: \'%\', kind: share, year: 2023, label: 2023年CR5 }\n';
    const report = loadData(readdirSync(join(repoRoot, 'data')).filter((f) => f.endsWith('.yaml')).map((f) => ({ path: `data/${f}`, bytes: new Uint8Array(Buffer.concat([readFileSync(join(repoRoot, 'data', f)), Buffer.from(f === 'platforms.yaml' ? cr5Of2023 : '')])) })), vocabulary);
    const spec = loadChartSpecs([{ path: 'charts/x.yaml', bytes: enc.encode('caption: 成本\nform: bar\nlabels: { industry_avg: 行业平均, sme_floor: 中小平台 }\ndata:\n  - from: [platforms.acquisition_cost_2024.industry_avg, platforms.acquisition_cost_2024.sme_floor]\n') }]).specs;
    const c = (await renderCharts(spec, report.nodes, locale, theme))[0];
    const t = texts(c.svg);
    expect(t.indexOf('中小平台')).toBeLessThan(t.indexOf('行业平均'));
  });

  it('a dumbbell split by groups: a titled panel per theme, one under another on one scale, each sorted by its change; a row in no group refused (review 35, 3.6)', async () => {
    const base = 'caption: 比率\nform: dumbbell\ndata:\n  - from: [market.online_retail_growth_2023, market.social_share.y2023]\n    series: 前\n  - from: [market.growth_2024, market.social_share.y2024]\n    series: 后\nlabels: { online_retail_growth_2023: 增速, growth_2024: 增速, y2023: 社交电商占比, y2024: 社交电商占比 }\n';
    const c = await draw(`${base}groups:\n  - title: 市场\n    rows: [market.online_retail_growth_2023]\n  - title: 结构\n    rows: [y2023]\n`);
    const panels = [...c.svg.matchAll(/<svg x="0" y="(\d+)"/g)].map((m) => Number(m[1]));
    expect(panels).toHaveLength(2);
    expect(panels[1]).toBeGreaterThan(panels[0]); // stacked, not side by side
    const [first, second] = c.svg.split(/<svg x="0" y=/).slice(1);
    expect(texts(first)).toEqual(expect.arrayContaining(['市场', '增速', '11.0', '8.2']));
    expect(texts(second)).toEqual(expect.arrayContaining(['结构', '社交电商占比', '24.3', '27.5']));
    // one scale, read once: its figures under the last panel, its unit line over the first (review 60: three panels
    // repeated 单位：% and 0–80 as if three charts), its line under each, as long in both
    const ticks = (svg: string) => texts(svg).filter((t) => /^\d+$/.test(t));
    expect(ticks(first)).toEqual([]);
    expect(ticks(second)).toEqual(['0', '10', '20', '30']);
    expect(texts(first)).toContain('单位：%');
    expect(texts(second)).not.toContain('单位：%');
    // one label column for all panels, as wide as the longest label of any: the scales stand one under another
    const long = await draw(`${base.replace('online_retail_growth_2023: 增速, growth_2024: 增速', 'online_retail_growth_2023: 一个比标签栏宽得多的增速指标的名称, growth_2024: 一个比标签栏宽得多的增速指标的名称')}groups:\n  - title: 市场\n    rows: [market.online_retail_growth_2023]\n  - title: 结构\n    rows: [y2023]\n`);
    // (each panel is the chart's width: its scale's length says where it starts)
    const scale = (svg: string) => Number(/role-axis-domain[^>]*>\s*<line[^>]*\sx2="([\d.]+)"/.exec(svg)?.[1]);
    const [a, b] = long.svg.split(/<svg x="0" y=/).slice(1);
    expect(scale(a)).toBeLessThan(scale(first) - 20); // the long label took room from the plot…
    // …in both panels, to a pixel (Vega rounds the room the last figure takes under the lower one; 0.26 mm)
    expect(Math.abs(scale(b) - scale(a))).toBeLessThan(1);
    expect(Math.abs(scale(second) - scale(first))).toBeLessThan(1); // (one scale: the first panel's values stop at 11, the second's at 27.5)
    // the series named once, in a key at the first panel's top right, above its rows, not hung under its top row's points (review 45 C-8)
    expect(texts(second)).not.toContain('前');
    expect(texts(first)).toEqual(expect.arrayContaining(['前', '后']));
    const yOf = (svg: string, text: string) => Number(new RegExp(`<text[^>]*translate\\([\\d.-]+,\\s*([\\d.-]+)\\)[^>]*>${text}</text>`).exec(svg)?.[1]);
    const xOf = (svg: string, text: string) => Number(new RegExp(`<text[^>]*translate\\(([\\d.-]+),`).exec(svg.slice(svg.lastIndexOf('<text', svg.indexOf(`>${text}</text>`))))?.[1]);
    expect(yOf(first, '前')).toBeLessThan(0);
    expect(yOf(first, '后')).toBe(yOf(first, '前'));
    expect(xOf(first, '后')).toBeGreaterThan(xOf(first, '8.2'));
    const bad = loadChartSpecs([{ path: 'charts/x.yaml', bytes: enc.encode(`${base}groups:\n  - title: 市场\n    rows: [market.online_retail_growth_2023]\n  - title: 结构\n    rows: [market.users_new]\n`) }]).specs;
    await expect(renderCharts(bad, data.nodes, locale, theme)).rejects.toSatisfy((e) => {
      const messages = (e as BuildError).diagnostics.map((d) => `${d.line} ${d.message}`);
      return messages.some((m) => m.startsWith('13 chart spec: groups: "market.users_new" names no row')) && messages.some((m) => m.includes('社交电商占比 in no group'));
    });
  });

  it('a change in a callout is one key figure: its latest year, the earlier ones under its label, each said with its unit (review 51, M4)', async () => {
    const c = await draw('caption: 回落\nform: callout\ndata:\n  - from: market.users_new\n    draw: change\n  - from: market.social_share\n    draw: change\n');
    expect(c.callout?.map((k) => [k.display, k.earlier, k.groupStart ?? false])).toEqual([
      ['3200万人', '2020年为1.2亿人', false],
      ['27.5%', '2023年为24.3%', true], // the second measure after a hairline
    ]);
    expect(c.alt).toContain('1.2亿人'); // the alt names the earlier figure too
  });

  it('a callout is big numbers with labels, no SVG', async () => {
    const c = await draw('caption: 要点\nform: callout\ndata:\n  - from: [market.growth_2024]\n');
    expect(c.svg).toBe('');
    // its digits apart from its words, so every figure's digits print at one size and its unit smaller (review 35, 3.4)
    expect(c.callout).toEqual([{ display: '8.2%', parts: [{ text: '8.2', digits: true }, { text: '%', digits: false }], label: '电商市场规模同比增速' }]);
  });

  it('ends a value axis on a round tick just past the data', () => {
    expect(valueAxis(65).domain).toEqual([0, 80]);
    expect(valueAxis(200).domain).toEqual([0, 250]);
    expect(valueAxis(60).domain).toEqual([0, 80]); // a maximum on a tick gets one more
    expect(valueAxis(14000).labelExpr).toContain('"15000"'); // ticks printed as the prose prints numbers: no separators
  });

  describe('annotations and forecasts, drawn from the report\'s data (review 31)', () => {
    // the report's data, and 2023's CR5 derived as the report once did (82.3 − 1.5), for a chart of both years
    const cr5Of2023 = '\ncr5_2023: { derive: difference, of: [platforms.cr5_2024, platforms.cr5_change_2024], unit: \'%\', kind: share, year: 2023, label: 2023年CR5 }\n';
    const report = loadData(readdirSync(join(repoRoot, 'data')).filter((f) => f.endsWith('.yaml')).map((f) => ({ path: `data/${f}`, bytes: new Uint8Array(Buffer.concat([readFileSync(join(repoRoot, 'data', f)), Buffer.from(f === 'platforms.yaml' ? cr5Of2023 : '')])) })), vocabulary);
    const drawReport = async (yaml: string) => (await renderCharts(loadChartSpecs([{ path: 'charts/x.yaml', bytes: enc.encode(yaml) }]).specs, report.nodes, locale, theme, new Map(), new Map(), vocabulary.units))[0];
    const cr5 = 'caption: 集中度\nform: small-multiples\nkeep_order: true\nlabels: { platforms.cr5_2023: 2023年, platforms.cr5_2024: 2024年 }\ndata:\n  - from: [platforms.cr5_2023, platforms.cr5_2024]\n    series: CR5\n';

    it('a change is labelled beside its row\'s figure, printed from its own datum (82.3（+1.5个百分点）: #14)', async () => {
      const c = await drawReport(`${cr5}changes:\n  platforms.cr5_2024: platforms.cr5_change_2024\n`);
      expect(texts(c.svg)).toEqual(expect.arrayContaining(['80.8', '82.3（+1.5个百分点）']));
      expect(c.alt).toContain('82.3%（+1.5个百分点）');
      expect(c.paths).toContain('platforms.cr5_change_2024'); // its source and lineage are the chart's
      // a change of no row is refused at its line
      const wrong = await drawReport(`${cr5}changes:\n  platforms.cr5_2025: platforms.cr5_change_2024\n`).catch((e) => e);
      expect(wrong).toBeInstanceOf(BuildError);
      const d = (wrong as BuildError).diagnostics[0];
      expect([d.code, d.line]).toEqual(['CHART_SPEC', 9]); // the key's own line, under changes:
      expect(d.message).toContain('changes: "platforms.cr5_2025" names no row');
    });

    it('a target and an upper limit are one encoding: a line across the result\'s bar, named with its figure at its top, the bar\'s label inside its end, short of the line (review 33, 3.4; review 37 #3.5)', async () => {
      const rules = (svg: string) => [...svg.matchAll(/<line[^>]*\stransform="translate\(([\d.]+),[^)]*\)" x2="0" y2="[\d.]+"/g)].map((m) => Number(m[1]));
      // the goal's line; the other vertical rule is the bars' baseline at 0 (no value axis stands there: review 62)
      const rule = (svg: string) => Math.max(...rules(svg));
      const barsOf = (svg: string) => [...svg.matchAll(/<path[^>]*\sd="M0,[\d.]+h([\d.]+)v[^"]*"\s+fill="#/g)].map((m) => Number(m[1]));
      const x = (svg: string, text: string) => Number(new RegExp(`transform="translate\\(([\\d.]+),-?[\\d.]+\\)"[^>]*>${text}</text>`).exec(svg)?.[1]);
      const limit = await drawReport('caption: 损耗率\nform: small-multiples\nkeep_order: true\nlabels: { implementation.value_targets.pdd_loss_rate_target: 上限, ecosystem.agri_loss_rate.after: 实际 }\ndata:\n  - from: [implementation.value_targets.pdd_loss_rate_target, ecosystem.agri_loss_rate.after]\n    series: 农产品损耗率\nlimits: [implementation.value_targets.pdd_loss_rate_target]\n');
      const target = await drawReport('caption: 占比\nform: small-multiples\nkeep_order: true\nlabels: { implementation.value_targets.wanda_online_share_target: 目标, cases.featured.wanda.online_order_share_after: 实际 }\ndata:\n  - from: [implementation.value_targets.wanda_online_share_target, cases.featured.wanda.online_order_share_after]\n    series: 线上订单占比\ntargets: [implementation.value_targets.wanda_online_share_target]\n');
      for (const [c, words, result, goal] of [[limit, '上限10', 8, 10], [target, '目标30', 28, 30]] as const) {
        const t = texts(c.svg);
        expect(t).toEqual(expect.arrayContaining([words, '实际', String(result)]));
        expect(t).not.toContain(String(goal)); // the goal is said once, with its word, at the top of its line: no empty row of its own
        const bars = barsOf(c.svg);
        expect(bars).toHaveLength(1); // one bar, the result
        expect(rules(c.svg).sort((a, b) => a - b)).toEqual([0, rule(c.svg)]);
        expect(bars[0] / rule(c.svg)).toBeCloseTo(result / goal, 2);
        expect(Math.abs(x(c.svg, words) - rule(c.svg))).toBeLessThan(1); // named over its line
        // the result's figure inside its bar's end, white on the bar: set past the line, 28 read as 目标 30's value
        // (review 37 #3.5); never through the line
        expect(x(c.svg, String(result))).toBeLessThan(bars[0]);
        expect(x(c.svg, String(result))).toBeGreaterThan(bars[0] - 10);
        expect(c.svg).toMatch(new RegExp(`text-anchor="end"[^>]*fill="${theme.on_bar}"[^>]*>${result}</text>`));
      }
      expect(target.note).toContain(theme.words.note_target);
      expect(target.note).not.toContain(theme.words.note_limit);
      expect(limit.note).toContain(theme.words.note_limit);
    });

    it('a chart of forecasts only draws them in the one forecast form, its unit line saying 预测 too; a callout of forecasts boxes them and says so above (#19, review 49 3.5)', async () => {
      const c = await drawReport('caption: 预测\nform: bar\ndata:\n  - from: [forecast.by_type_2025.ecosystem.size, forecast.by_type_2025.tech_driven.size]\n');
      expect(texts(c.svg)).toContain('单位：万亿元（2025年预测）');
      expect(c.svg).toContain('stroke-dasharray'); // the forecast outline, as in a chart of actuals and forecasts
      expect(c.svg).toContain(theme.forecast.fill);
      expect(c.note).toBe(`注：${theme.words.note_forecast.bar}。`);
      // beside an actual, a forecast keeps its form
      const mixed = await drawReport('caption: 对比\nform: bar\nkeep_order: true\ndata:\n  - from: [technology.adoption_2024.ai, technology.adoption_2025.ai]\nlabels: { technology.adoption_2024.ai: 2024年, technology.adoption_2025.ai: 2025年 }\n');
      expect(mixed.svg).toContain('stroke-dasharray');
      expect(texts(mixed.svg)).toContain('单位：%');
      const callout = await drawReport('caption: 展望\nform: callout\ndata:\n  - from: [outlook.metaverse.ar_home_brand_share_2025, outlook.esg.carbon_disclosure_share_2025]\n  - from: [outlook.metaverse.virtual_goods_market_2025]\n');
      expect(callout.kicker).toBe('2025年预测');
      expect(callout.callout?.map((k) => !!k.forecast)).toEqual([true, true, true]);
      expect(callout.forecastLook).toContain(theme.forecast.fill);
      expect(callout.note).toBe(`注：${theme.words.note_forecast.bar}。`);
      // each data: entry a group of one kind: the amount set off from the shares
      expect(callout.callout?.map((k) => !!k.groupStart)).toEqual([false, false, true]);
    });
  });
});
