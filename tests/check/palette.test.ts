/**
 * Every chart of the report in print: the colours its marks are actually drawn in (read from its
 * SVG) stay apart in greyscale (adjacent series ΔL* ≥ 15) and for colour-blind readers (any two
 * ΔE*ab ≥ 20 under simulated protanopia and deuteranopia).
 */
import { describe, expect, it } from 'vitest';
import { checkInputs } from '../../pipeline/check/check-inputs.ts';
import { deltaE, lightness, paletteProblems } from '../../pipeline/check/colour-vision.ts';
import { defaultProject } from '../../pipeline/core/project.ts';
import { readInputs } from '../../pipeline/core/read-inputs.ts';
import { parseLocale } from '../../pipeline/model/locale.ts';
import { renderCharts } from '../../pipeline/render/render-charts.ts';
import { loadChartSpecs } from '../../pipeline/check/load-specs.ts';
import { quietEffects } from '../helpers/fixture.ts';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { repoRoot } from '../../pipeline/core/project.ts';
import { loadChartTheme } from '../../pipeline/check/load-chart-theme.ts';

/** The fills and strokes of a chart's marks (paths: bars, points, lines, outlines, legend symbols) in order of first appearance; text and the theme's neutrals (ink, grid, axis) aside. */
function markColours(svg: string, neutrals: string[]): string[] {
  const paths = [...svg.matchAll(/<path\s[^>]*>/g)].map((m) => m[0]);
  const fills = paths.flatMap((p) => [...p.matchAll(/\s(?:fill|stroke)="(#[0-9a-fA-F]{6})"/g)].map((m) => m[1].toLowerCase()));
  return [...new Set(fills)].filter((c) => !neutrals.includes(c));
}

describe('the palette in print', () => {
  it('keeps every chart of the report apart in greyscale and for protanopes and deuteranopes', async () => {
    const inputs = await readInputs(defaultProject(), quietEffects);
    const checked = checkInputs(inputs);
    // the report's charts, and the forms of several colours it no longer uses (issue 13 made its dumbbells a table):
    // a dumbbell of 2024 and a 2025 forecast, and grouped bars, each drawn from the report's data
    const forms = [
      'caption: 对比\nform: dumbbell\nwidth: full\ndata:\n  - from: [technology.adoption_2024.ai, technology.adoption_2024.blockchain]\n    series: 2024年\n  - from: [technology.adoption_2025.ai, technology.adoption_2025.blockchain]\n    series: 2025年（预测）\n',
      'caption: 分组\nform: grouped-bar\nwidth: full\ndata:\n  - from: [technology.adoption_2024.ai, technology.adoption_2024.blockchain]\n    series: 2024年\n  - from: [users.data_interop_rate_2024, cooperation.success_factors.industry_success_rate]\n    series: 其他\nlabels: { ai: 甲, blockchain: 乙, data_interop_rate_2024: 甲, industry_success_rate: 乙 }\n',
    ].map((yaml, i) => loadChartSpecs([{ path: `templates/charts/form-${i}.yaml`, bytes: new TextEncoder().encode(yaml) }]).specs[0]);
    const charts = await renderCharts([...checked.charts, ...forms], checked.data.nodes, parseLocale(inputs.layout.locale), checked.theme);
    const t = checked.theme;
    const neutrals = ['#ffffff', t.ink, t.muted, t.grid, t.axis].map((c) => c.toLowerCase());
    const drawn = charts.filter((c) => c.svg);
    expect(drawn.length).toBeGreaterThan(5);
    const report = drawn.map((c) => ({ chart: c.id, colours: markColours(c.svg, neutrals), problems: paletteProblems(markColours(c.svg, neutrals)) }));
    expect(report.filter((r) => r.colours.length >= 2).length).toBeGreaterThanOrEqual(3); // charts with more than one series colour are checked, not skipped (the stack of parts, a dumbbell, grouped bars)
    expect(report.filter((r) => r.problems.length)).toEqual([]);
    // emphasis keeps its order in greyscale (review 35, 3.8): in a chart that names the rows carrying its message, their
    // colour is the darkest drawn and every other mark is lighter (an orange highlight had turned mid-grey beside navy)
    const highlighted = new Set(checked.charts.filter((c) => c.highlight?.length).map((c) => c.id));
    expect([...highlighted].sort()).toEqual(['acquisition-cost', 'scene-loyalty']);
    for (const c of drawn.filter((x) => highlighted.has(x.id))) {
      const colours = markColours(c.svg, neutrals);
      expect(colours, c.id).toContain(t.highlight.toLowerCase());
      expect(colours, c.id).toContain(t.comparison.toLowerCase());
      const others = colours.filter((x) => x !== t.highlight.toLowerCase());
      expect(Math.min(...others.map(lightness)), c.id).toBeGreaterThanOrEqual(lightness(t.highlight) + 15);
    }
    // a chart without a highlight draws no comparison tone (light bars there would read as de-emphasised) but for
    // what its shares leave (`rest:`, 图2-1's 其他平台: review 61), set apart as not one of the named
    const withRest = new Set(checked.charts.filter((c) => c.rest && c.form === 'bar').map((c) => c.id));
    expect([...withRest]).toEqual(['platform-share']);
    expect(drawn.filter((c) => !highlighted.has(c.id) && !withRest.has(c.id) && markColours(c.svg, neutrals).includes(t.comparison.toLowerCase())).map((c) => c.id)).toEqual([]);
  }, 120_000);

  it('refuses a theme whose highlight is lighter than its comparison tone, at the highlight\'s line', () => {
    // the reviewed theme's orange highlight (L* 65) beside a navy comparison (L* 26): mid-grey emphasis on near-black in print
    const theme = readFileSync(join(repoRoot, 'templates', 'chart-theme.yaml'), 'utf8');
    expect(loadChartTheme([{ path: 'templates/chart-theme.yaml', bytes: new TextEncoder().encode(theme) }]).diagnostics).toEqual([]);
    const yaml = theme.replace(/^highlight: .*$/m, "highlight: '#e08a2e'").replace(/^comparison: .*$/m, "comparison: '#1f3f66'");
    const { diagnostics } = loadChartTheme([{ path: 'templates/chart-theme.yaml', bytes: new TextEncoder().encode(yaml) }]);
    const d = diagnostics.find((x) => x.message.includes('emphasis reverses in greyscale'));
    expect(d?.code).toBe('CHART_THEME');
    expect(d?.message).toContain('#e08a2e (L* 65)');
    expect(d?.line).toBe(yaml.split('\n').findIndex((l) => l.startsWith('highlight:')) + 1);
  });

  it('compares every pair drawn in one chart, greys included: navy and a dark grey segment are too close in greyscale', () => {
    // 图2-8 of the reviewed edition: navy, orange and a dark grey in one stacked bar; navy and grey are not neighbours in the palette
    const problems = paletteProblems(['#1f3f66', '#e08a2e', '#5a5a5a']);
    expect(problems.some((p) => p.includes('#1f3f66 and #5a5a5a') && p.includes('lightness'))).toBe(true);
    expect(paletteProblems(['#1f3f66', '#e08a2e', '#d0d0d0'])).toEqual([]);
  });

  it('refuses the old palette: orange and green of one lightness, navy and purple close for a protanope', () => {
    expect(Math.abs(lightness('#c55a11') - lightness('#2e8b57'))).toBeLessThan(15);
    expect(deltaE('#1f4e79', '#7f6084', 'protanopia')).toBeLessThan(20);
    const problems = paletteProblems(['#1f4e79', '#c55a11', '#2e8b57', '#7f6084']);
    expect(problems.some((p) => p.includes('#c55a11 and #2e8b57') && p.includes('lightness'))).toBe(true);
    expect(problems.some((p) => p.includes('#1f4e79 and #7f6084') && p.includes('protanopia'))).toBe(true);
  });
});
