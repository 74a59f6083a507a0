/** `npm run pages`: out/report.pdf as PNG thumbnails and a contact sheet in out/pages/. */
import { existsSync } from 'node:fs';
import { rm } from 'node:fs/promises';
import { join } from 'node:path';
import type { Command } from './command.ts';
import { realEffects } from '../build/real-effects.ts';
import { renderPages } from '../print/pdf-to-png.ts';

export const run: Command = async (ctx) => {
  const pdfPath = join(ctx.project.outDir, 'report.pdf');
  if (!existsSync(pdfPath)) {
    ctx.print('pages: out/report.pdf does not exist yet; run `npm run build` first.');
    return 1;
  }
  const rendered = await renderPages(new Uint8Array(await realEffects.readFile(pdfPath)), { dpi: Number(ctx.option('dpi') ?? 60) });
  const dir = join(ctx.project.outDir, 'pages');
  await rm(dir, { recursive: true, force: true });
  await realEffects.writeFiles([
    ...rendered.pages.map((png, i) => ({ path: join(dir, `page-${String(i + 1).padStart(2, '0')}.png`), bytes: png })),
    { path: join(dir, 'contact-sheet.png'), bytes: rendered.contactSheet },
  ]);
  ctx.print(`pages: ${rendered.pages.length} pages and contact-sheet.png in out/pages/ in ${(performance.now() - ctx.startedAt).toFixed(0)} ms`);
  return 0;
};
