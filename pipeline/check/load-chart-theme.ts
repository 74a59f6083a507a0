/**
 * The one chart theme, templates/chart-theme.yaml (issue 13): fonts and sizes at print size, the
 * two widths, the palette, how approximate figures and forecasts are drawn, and the words charts
 * print. Read with positions so a mistake in it is reported like one in the data.
 */
import { basename } from 'node:path';
import { z } from 'zod';
import { diag, type Diagnostic } from '../core/errors.ts';
import type { SourceFile } from '../core/source-text.ts';
import { readYamlSource } from '../core/yaml-source.ts';
import { zodDiagnostics } from './zod-diagnostics.ts';
import { lightness, minAdjacentLightness, paletteProblems } from './colour-vision.ts';

export const themeFile = 'chart-theme.yaml';

const Colour = z.string().regex(/^#[0-9a-fA-F]{6}$/, 'a colour as #rrggbb');
const Outline = z.strictObject({ fill: Colour, dash: z.array(z.number().positive()).length(2) });

export const ChartThemeSchema = z.strictObject({
  font_pt: z.number().min(7).max(10),
  unit_pt: z.number().min(7).max(10),
  panel_title_pt: z.number().min(7).max(12),
  widths: z.strictObject({ full: z.strictObject({ mm: z.number().positive() }), half: z.strictObject({ mm: z.number().positive() }) }),
  bar_band_pt: z.number().positive(),
  label_column_mm: z.number().positive(),
  column_plot_height_mm: z.number().positive(),
  slope_plot_height_mm: z.number().positive(),
  column_band_pt: z.number().positive(),
  ink: Colour,
  muted: Colour,
  grid: Colour,
  axis: Colour,
  palette: z.array(Colour).min(2),
  /** the marks that carry a chart's message (its `highlight:`): the darkest tone */
  highlight: Colour,
  /** the other marks of a chart with a highlight: a light tone, so the emphasis survives greyscale */
  comparison: Colour,
  /** a figure set inside a dark bar's end (a bar short of its target line: render/chart-forms.ts bars()) */
  on_bar: Colour,
  approximate: z.strictObject({ fill: Colour }),
  forecast: Outline.extend({ from: z.number().int() }),
  table_break_after: z.array(z.string().length(1)).default([]),
  table_phrase_after: z.array(z.string().length(1)).default([]),
  words: z.strictObject({ unit: z.string().includes('{unit}'), unit_forecast: z.string().includes('{unit}').includes('{forecast}'), forecast: z.string(), forecast_all: z.string().includes('{year}'), year: z.string().includes('{year}'), table_unit: z.string().includes('{unit}'), note: z.string().includes('{items}'), note_between: z.string(), note_forecast: z.strictObject({ bar: z.string(), point: z.string(), line: z.string() }), note_hollow: z.string(), note_over: z.string(), note_under: z.string(), note_multiple: z.string(), note_gap: z.string(), note_break: z.string(), note_one_scale: z.string(), note_own_scale: z.string(), note_target: z.string(), note_limit: z.string(), target: z.string().includes('{figure}'), limit: z.string().includes('{figure}'), change: z.string().includes('{figure}').includes('{change}'), change_up: z.string().includes('{figure}'), earlier: z.string().includes('{year}').includes('{figure}') }),
});
export type ChartTheme = z.infer<typeof ChartThemeSchema>;
export type WidthName = keyof ChartTheme['widths'];
export const widthNames = ['full', 'half'] as const satisfies readonly WidthName[];

/** CSS px (96 per inch) per pt and per mm: a chart is drawn in the px it prints at. */
export const pxPerPt = 96 / 72;
export const pxPerMm = 96 / 25.4;
export const widthPx = (theme: ChartTheme, w: WidthName) => Math.round(theme.widths[w].mm * pxPerMm);

/** `files`: templates/*.yaml; the theme is the one named chart-theme.yaml. */
export function loadChartTheme(files: SourceFile[]): { theme?: ChartTheme; diagnostics: Diagnostic[] } {
  const file = files.find((f) => basename(f.path) === themeFile);
  if (!file) return { diagnostics: [diag('CHART_THEME', { detail: `no ${themeFile} among the templates` }, {})] };
  const { parsed, diagnostics } = readYamlSource(file);
  if (!parsed) return { diagnostics };
  const input = parsed.doc.toJS();
  const r = ChartThemeSchema.safeParse(input, { reportInput: true });
  if (!r.success) return { diagnostics: zodDiagnostics(r.error, parsed, parsed.doc.contents, (rel) => ['chart-theme', ...rel].join('.'), input, Object.keys(ChartThemeSchema.shape).join(', ')) };
  // the palette in series order, and the soft forms drawn beside the first series
  const problems = [...paletteProblems(r.data.palette), ...paletteProblems([r.data.palette[0], r.data.forecast.fill]), ...paletteProblems([r.data.palette[0], r.data.approximate.fill])];
  const at = (key: string) => parsed.at(parsed.doc.get(key, true) as never);
  const palette = [...new Set(problems)].map((detail) => diag('CHART_THEME', { detail: `palette: ${detail}` }, at('palette')));
  // the emphasis must keep its order in print (review 35, 3.8): the highlight the darker of the two, far enough apart to tell
  const emphasis = lightness(r.data.highlight) <= lightness(r.data.comparison) - minAdjacentLightness ? paletteProblems([r.data.highlight, r.data.comparison]) : [`the highlight ${r.data.highlight} (L* ${lightness(r.data.highlight).toFixed(0)}) must be at least ${minAdjacentLightness} darker than the comparison ${r.data.comparison} (L* ${lightness(r.data.comparison).toFixed(0)}), or the emphasis reverses in greyscale`];
  return { theme: r.data, diagnostics: [...palette, ...emphasis.map((detail) => diag('CHART_THEME', { detail: `highlight: ${detail}` }, at('highlight')))] };
}
