/** The one chart theme: fonts, palette, sizes. Specs in templates/charts never set these. */
import { familiesOf, fontFamilies, type FontSet } from '../core/fonts.ts';

export const chartFont: string = fontFamilies.sans;

export const palette = ['#1f4e79', '#c55a11', '#2e8b57', '#7f6084', '#b8860b', '#4a90a4', '#a83232', '#6b6b6b'];

/** Full text width of an A4 page with the print margins, in CSS px. */
export const chartWidth = 560;
export const chartHeight = 220;

/** The theme with an edition's sans family (Noto Sans TC in the Traditional edition). */
export const vegaLiteConfigFor = (set: FontSet) => themeWith(familiesOf(set).sans);

const themeWith = (chartFont: string) => ({
  font: chartFont,
  background: 'white',
  padding: 4,
  view: { stroke: null },
  range: { category: palette },
  title: { fontSize: 12, fontWeight: 500, anchor: 'start', color: '#222' },
  axis: {
    labelFont: chartFont,
    titleFont: chartFont,
    labelFontSize: 10,
    titleFontSize: 10,
    titleFontWeight: 400,
    labelColor: '#333',
    titleColor: '#333',
    gridColor: '#e3e3e3',
    domainColor: '#888',
    tickColor: '#888',
    labelLimit: 0,
  },
  legend: { labelFont: chartFont, titleFont: chartFont, labelFontSize: 10, titleFontSize: 10, titleFontWeight: 400, labelLimit: 0, orient: 'bottom', symbolSize: 80 },
  header: { labelFont: chartFont, titleFont: chartFont, labelFontSize: 10, titleFontSize: 10 },
  text: { font: chartFont, fontSize: 10, color: '#222' },
  bar: { color: palette[0] },
  line: { color: palette[0], strokeWidth: 2 },
  point: { filled: true, size: 50 },
}) as const;

export const vegaLiteConfig = vegaLiteConfigFor('sc');
