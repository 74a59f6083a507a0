/** `npm run pages`: out/report.pdf as PNG thumbnails and a contact sheet in out/pages/. */
import { existsSync } from 'node:fs';
import { rm } from 'node:fs/promises';
import { join } from 'node:path';
import { defineCommand } from './command.ts';
import { dpi } from './options.ts';
import { shownPath } from '../core/effects.ts';
import { realEffects } from '../build/real-effects.ts';
import { BuildError, diag } from '../core/errors.ts';

export const command = defineCommand({
  name: 'pages',
  runAs: 'npm run pages --',
  description: 'Renders every page of out/report.pdf to out/pages/page-NN.png, plus out/pages/contact-sheet.png with all pages side by side, for review (pdfjs-dist on @napi-rs/canvas, no browser). Needs a built out/report.pdf.',
  options: {
    dpi: { type: 'string', value: dpi, default: 60, description: 'the resolution of the page images' },
  },
  async run(ctx) {
    const pdfPath = join(ctx.project.outDir, 'report.pdf');
    if (!existsSync(pdfPath)) throw new BuildError([diag('PAGES_NO_PDF', { pdf: shownPath(pdfPath) })]);
    // pdfjs loads only when pages are rendered, not for --help or a refused option
    const { renderPages } = await import('../print/pdf-to-png.ts');
    const rendered = await renderPages(new Uint8Array(await realEffects.readFile(pdfPath)), { dpi: ctx.options.dpi });
    const dir = join(ctx.project.outDir, 'pages');
    await rm(dir, { recursive: true, force: true });
    await realEffects.writeFiles([
      ...rendered.pages.map((png, i) => ({ path: join(dir, `page-${String(i + 1).padStart(2, '0')}.png`), bytes: png })),
      { path: join(dir, 'contact-sheet.png'), bytes: rendered.contactSheet },
    ]);
    ctx.print(`pages: ${rendered.pages.length} pages and contact-sheet.png in out/pages/ in ${(performance.now() - ctx.startedAt).toFixed(0)} ms`);
    return 0;
  },
});
