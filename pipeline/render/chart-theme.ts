/** The Vega-Lite config every chart is drawn with, from the one theme (templates/chart-theme.yaml). */
import { familiesOf, fontFamilies, type FontSet } from '../core/fonts.ts';
import { pxPerPt, type ChartTheme } from '../check/load-chart-theme.ts';

export const chartFont: string = fontFamilies.sans;

/** `fonts`: the edition's (Noto Sans TC in the Traditional edition, issue 16). */
export function vegaLiteConfig(t: ChartTheme, fonts: FontSet = 'sc') {
  const font = t.font_pt * pxPerPt;
  const chartFont = familiesOf(fonts).sans;
  return {
    font: chartFont,
    background: 'white',
    padding: 0,
    // no ARIA per mark: a chart is one image, named by its caption and values (<title>, <desc>)
    aria: false,
    mark: { aria: false },
    // drawn at the width it prints at: the SVG is never scaled, so text prints at its declared size
    autosize: { type: 'fit-x', contains: 'padding' },
    view: { stroke: null },
    range: { category: t.palette },
    title: { font: chartFont, subtitleFont: chartFont, fontSize: font, fontWeight: 400, anchor: 'start', color: t.ink },
    axis: { labelFont: chartFont, titleFont: chartFont, labelFontSize: font, titleFontSize: font, titleFontWeight: 400, labelColor: t.ink, titleColor: t.ink, gridColor: t.grid, domainColor: t.axis, tickColor: t.axis, labelLimit: 0, titleAngle: 0 },
    legend: { labelFont: chartFont, titleFont: chartFont, labelFontSize: font, titleFontSize: font, titleFontWeight: 400, labelLimit: 0, orient: 'top', symbolSize: 80 },
    header: { labelFont: chartFont, titleFont: chartFont, labelFontSize: font, titleFontSize: font },
    text: { font: chartFont, fontSize: font, color: t.ink },
    bar: { color: t.palette[0] },
    line: { color: t.palette[0], strokeWidth: 2 },
    point: { filled: true, size: 50 },
  };
}
