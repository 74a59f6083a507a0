import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { fixtureData, vocabulary } from '../helpers/vocabulary.ts';
import { loadChartSpecs } from '../../pipeline/check/load-specs.ts';
import { loadData } from '../../pipeline/check/load-data.ts';
import { parseLocale } from '../../pipeline/model/locale.ts';
import { repoRoot } from '../../pipeline/core/project.ts';
import { renderCharts, type ChartCache } from '../../pipeline/render/render-charts.ts';
import { BuildError } from '../../pipeline/core/errors.ts';
import { fixtureDir } from '../helpers/fixture.ts';
import { textWidth } from '../../pipeline/render/text-metrics.ts';
import { loadChartTheme } from '../../pipeline/check/load-chart-theme.ts';
import { loadLocaleEditions } from '../../pipeline/check/load-locale-editions.ts';
import { conversionFor, convertStrings } from '../../pipeline/model/script-conversion.ts';
import { templateFiles } from '../helpers/vocabulary.ts';

const enc = new TextEncoder();
const locale = parseLocale(readFileSync(join(repoRoot, 'templates', 'locale.yaml'), 'utf8'));
const data = fixtureData();
const theme = loadChartTheme([{ path: 'templates/chart-theme.yaml', bytes: readFileSync(join(repoRoot, 'templates', 'chart-theme.yaml')) }]).theme!;
const specs = loadChartSpecs(readdirSync(join(fixtureDir, 'charts')).map((f) => ({ path: `charts/${f}`, bytes: readFileSync(join(fixtureDir, 'charts', f)) }))).specs;

describe('render charts', () => {
  it('draws SVG with the caption as <title>, the values as <desc>, and the sources as a note', async () => {
    const [chart] = await renderCharts(specs, data.nodes, locale, theme);
    expect(chart.svg).toMatch(/^<svg[^>]* role="img" aria-labelledby="platform-share-title platform-share-desc">/);
    expect(chart.svg).toContain('<title id="platform-share-title">2024年主要电商平台市场份额</title>');
    expect(chart.svg).toContain('图表数据：阿里巴巴 35.2%、京东 20.8%、拼多多 18.5%、抖音电商 5.1%、快手电商 2.7%</desc>');
    expect(chart.sourceNote).toBe('资料来源：艾瑞咨询；课题组整理。');
    expect(chart.paths).toContain('platforms.share_2024.alibaba');
    expect(chart.svg).toContain('font-family="Noto Sans SC"');
  });

  it('lays out Chinese labels with the real font: the plot starts right of the longest label', async () => {
    const [chart] = await renderCharts(specs, data.nodes, locale, theme);
    // "阿里巴巴" at 10px is 40px wide in Noto Sans SC (vega's estimate: 0.8 em a character, 32px);
    // the plot is shifted right by the widest label plus tick (5) and label padding (2–3)
    const translate = /transform="translate\((\d+(?:\.\d+)?),\d+(?:\.\d+)?\)"/.exec(chart.svg);
    expect(Number(translate![1])).toBeGreaterThanOrEqual(textWidth(new Map(), '阿里巴巴', 10) + 8);
  });

  it('reuses a drawn chart when spec and data are unchanged, and redraws when a value changes', async () => {
    const cache: ChartCache = new Map();
    const [a] = await renderCharts(specs, data.nodes, locale, theme, cache);
    const [b] = await renderCharts(specs, data.nodes, locale, theme, cache);
    expect(b).toBe(a);
    const changed = new Map(data.nodes);
    changed.set('platforms.share_2024.jd', { ...(data.nodes.get('platforms.share_2024.jd') as object), value: 21.8 } as never);
    const [c] = await renderCharts(specs, changed, locale, theme, cache);
    expect(c.hash).not.toBe(a.hash);
    expect(c.svg).toContain('21.8%');
  });

  it('measures text with the advance table it is given, and only with that one', async () => {
    const measured = new Map<string, number>();
    const [plain] = await renderCharts(specs, data.nodes, locale, theme, new Map(), measured);
    expect(measured.size).toBeGreaterThan(0); // the digits and Latin letters of the labels
    // a table (as out/.cache would carry) whose Latin characters are three em wide lays the chart out differently …
    const wide = new Map([...measured.keys()].map((k) => [k, 3]));
    const [stretched] = await renderCharts(specs, data.nodes, locale, theme, new Map(), wide);
    expect(stretched.svg).not.toBe(plain.svg);
    // … and leaves no trace in the next chart drawn with a fresh table
    const [again] = await renderCharts(specs, data.nodes, locale, theme, new Map(), new Map());
    expect(again.svg).toBe(plain.svg);
  });

  it('names the chart file for an unknown data path', async () => {
    const bad = loadChartSpecs([{ path: 'charts/x.yaml', bytes: enc.encode('caption: 图\ndata:\n  - from: market.nope\nspec:\n  mark: bar\n') }]).specs;
    await expect(renderCharts(bad, data.nodes, locale, theme)).rejects.toSatisfy((e: unknown) => e instanceof BuildError && e.diagnostics[0].file === 'charts/x.yaml' && e.diagnostics[0].message === 'chart spec: unknown data path "market.nope"');
  });

  it('refuses what Vega-Lite would drop with a warning (a channel its mark lacks), at the chart file, instead of printing the chart without it', async () => {
    const bad = loadChartSpecs([{ path: 'charts/x.yaml', bytes: enc.encode('caption: 图\ndata:\n  - from: platforms.share_2024\nspec:\n  mark: text\n  encoding:\n    text: { field: value }\n    fontWeight: { value: 500 }\n') }]).specs;
    await expect(renderCharts(bad, data.nodes, locale, theme)).rejects.toSatisfy((e: unknown) => e instanceof BuildError && e.diagnostics.length === 1 && e.diagnostics[0].file === 'charts/x.yaml' && /^chart spec: .*fontWeight/.test(e.diagnostics[0].message));
  });

  it('refuses a highlight that names no row, at its line, with the rows it could name', async () => {
    const bad = loadChartSpecs([{ path: 'charts/x.yaml', bytes: enc.encode('caption: 图\nform: bar\nwidth: full\ndata:\n  - from: platforms.share_2024\nhighlight: [alibaba, alibaab]\n') }]).specs;
    await expect(renderCharts(bad, data.nodes, locale, theme)).rejects.toSatisfy((e: unknown) => {
      const [d] = (e as BuildError).diagnostics;
      return e instanceof BuildError && (e as BuildError).diagnostics.length === 1 && d.file === 'charts/x.yaml' && d.line === 6 && d.column === 22 && d.message === 'chart spec: highlight "alibaab" names no row of this chart' && /^Name a row by its item key or data path: alibaba, /.test(d.hint ?? '');
    });
  });

  it('prints a zh-Hant chart’s source line as the zh-Hans one converted: the compiler’s own work is looked up before conversion', async () => {
    const hant = loadLocaleEditions(templateFiles).editions.find((e) => e.variant.tag === 'zh-Hant')!;
    const conversion = conversionFor(hant.variant, hant.overrides);
    const hantLocale = { ...convertStrings(locale, conversion.convert), qualifiers: locale.qualifiers, computed_qualifiers: locale.computed_qualifiers };
    const spec = loadChartSpecs([{ path: 'charts/x.yaml', bytes: enc.encode('caption: 份额\nform: bar\nsource: 公开资料整理\ndata:\n  - from: platforms.share_2024\n') }]).specs;
    const [hans] = await renderCharts(spec, data.nodes, locale, theme);
    const [tw] = await renderCharts(spec, data.nodes, hantLocale, theme, new Map(), new Map(), undefined, { conversion, fonts: 'tc' });
    expect(hans.sourceNote).toBe('资料来源：艾瑞咨询、公开资料；课题组整理。');
    // not 資料來源：艾瑞諮詢，公開資料整理；…: 公开资料整理 is the compiler's work in both editions
    expect(tw.sourceNote).toBe(conversion.convert(hans.sourceNote));
    expect(tw.sourceNote).not.toContain('公開資料整理');
  });
});

describe("the report's charts", () => {
  const read = (dir: string) => readdirSync(join(repoRoot, dir)).filter((f) => f.endsWith('.yaml')).map((f) => ({ path: `${dir}/${f}`, bytes: new Uint8Array(readFileSync(join(repoRoot, dir, f))) }));

  it('notes a multiple-answer question under its chart (图2-2: 64%+58%+45%), from the data group’s multiple_choice, and no other chart', async () => {
    const report = loadData(read('data'), vocabulary);
    const chartSpecs = loadChartSpecs(read('templates/charts')).specs.filter((s) => ['decision-touchpoints', 'platform-share'].includes(s.id));
    const drawn = await renderCharts(chartSpecs, report.nodes, locale, theme);
    const note = (id: string) => drawn.find((c) => c.id === id)!.note ?? '';
    expect(note('decision-touchpoints')).toBe(theme.words.note.replace('{items}', theme.words.note_multiple));
    expect(note('decision-touchpoints')).toBe('注：多选，合计超过100%。');
    expect(note('platform-share')).not.toContain(theme.words.note_multiple);
  });

  it('says under panels of different units that each has its own scale (review 54, 3.2: 35% and 12次 drawn as long), and nowhere else', async () => {
    const report = loadData(read('data'), vocabulary);
    const drawn = await renderCharts(loadChartSpecs(read('templates/charts')).specs, report.nodes, locale, theme);
    const noted = drawn.filter((c) => c.note?.includes(theme.words.note_own_scale)).map((c) => c.id).sort();
    expect(noted).toEqual(['forecast-by-type', 'scene-loyalty', 'target-results']);
    expect(drawn.find((c) => c.id === 'scene-loyalty')!.note).toBe('注：各分图刻度各自独立，长度不宜互比。');
    // 图4-1's three panels are all in %, on one scale: no such note
    expect(drawn.find((c) => c.id === 'key-indicators')!.note ?? '').not.toContain(theme.words.note_own_scale);
  });
});

describe("the report's dumbbells", () => {
  const read = (dir: string) => readdirSync(join(repoRoot, dir)).filter((f) => f.endsWith('.yaml')).map((f) => ({ path: `${dir}/${f}`, bytes: new Uint8Array(readFileSync(join(repoRoot, dir, f))) }));

  it('two dumbbells of one maximum align: one value is drawn at one x in both (one label column, one scale), and no grid line crosses their labels', async () => {
    const report = loadData(read('data'), vocabulary);
    // two dumbbells of 图4-1's data keep the form's alignment checked
    const pair = (id: string, a: string, b: string) => ({ path: `templates/charts/${id}.yaml`, bytes: new TextEncoder().encode(`caption: ${id}\nform: dumbbell\nwidth: full\ndata:\n  - from: [${a}]\n    series: 2024年\n  - from: [${b}]\n    series: 2025年（预测）\nlabels: { ai: AI大模型渗透率, blockchain: 区块链应用率, industry_success_rate: 项目成功率, success_rate: 项目成功率, data_interop_rate_2024: 数据互通率, data_interop_rate: 数据互通率 }\n`) });
    const chartSpecs = loadChartSpecs([
      pair('tech-adoption', 'technology.adoption_2024.ai, technology.adoption_2024.blockchain', 'technology.adoption_2025.ai, technology.adoption_2025.blockchain'),
      pair('key-indicators', 'cooperation.success_factors.industry_success_rate, users.data_interop_rate_2024', 'forecast.indicators_2025.success_rate, forecast.indicators_2025.data_interop_rate'),
    ]).specs;
    const charts = await renderCharts(chartSpecs, report.nodes, locale, theme);
    // each dot's value label, centred over its dot: its x for its number
    // (on the page: the plot's own offset, the label column, plus the label's x within the plot)
    const xOf = (svg: string) => {
      const plot = Number(/translate\(([\d.]+),[\d.]+\)/.exec(svg)![1]);
      return new Map([...svg.matchAll(/<text[^>]*text-anchor="middle" transform="translate\(([\d.]+),[^>]*>(\d+)</g)].map((m) => [Number(m[2]), plot + Number(m[1])]));
    };
    const tech = xOf(charts.find((c) => c.id === 'tech-adoption')!.svg);
    const key = xOf(charts.find((c) => c.id === 'key-indicators')!.svg);
    const perUnit = (tech.get(42)! - tech.get(17)!) / (42 - 17);
    const at = (v: number) => tech.get(17)! + (v - 17) * perUnit;
    for (const v of [47, 28, 55]) expect(Math.abs(key.get(v)! - at(v)), `key-indicators ${v}`).toBeLessThanOrEqual(1);
    for (const c of charts) expect(c.svg, c.id).not.toMatch(/role-axis-grid/);
  });
});
