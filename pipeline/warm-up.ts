/**
 * A stand-in document for the print page to open while Node is still checking and rendering.
 *
 * Most of a print's load time is Chromium fetching, decoding and shaping with the ~80
 * unicode-range font slices, re-laying out as each arrives. The stand-in links the same
 * stylesheets and sets every character of the inputs once in each face the layout uses, so
 * by the time the real document is ready its fonts are loaded and it is only swapped in.
 */
import { fontFamilies, fontWeights } from './fonts.ts';
import type { Inputs } from './read-inputs.ts';

export function warmUpDocument(inputs: Inputs, stylesheets: string[]): string {
  const text = new Set<string>();
  const decoder = new TextDecoder();
  for (const file of [...inputs.data, ...inputs.chapters, ...inputs.charts, ...inputs.tables]) {
    for (const ch of decoder.decode(file.bytes)) if (ch >= ' ') text.add(ch);
  }
  for (const t of [inputs.layout.layout, inputs.layout.locale, ...Object.values(inputs.layout.partials)]) for (const ch of t) if (ch >= ' ') text.add(ch);
  const chars = escapeHtml([...text].sort().join(''));
  const faces = (Object.keys(fontWeights) as (keyof typeof fontWeights)[]).flatMap((kind) =>
    fontWeights[kind].map((weight) => `<p style="font-family:'${fontFamilies[kind]}';font-weight:${weight}">${chars}</p>`),
  );
  return [
    '<!doctype html>',
    '<html>',
    '<head>',
    '<meta charset="utf-8">',
    ...stylesheets.map((href) => `<link rel="stylesheet" href="${escapeHtml(href)}">`),
    '<style id="page-furniture"></style>',
    '</head>',
    `<body>${faces.join('')}</body>`,
    '</html>',
  ].join('\n');
}

const escapeHtml = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
