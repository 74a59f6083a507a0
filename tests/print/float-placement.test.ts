/**
 * Figures placed and pages filled in a real browser: a page whose figure does not fit under its
 * text, probed, the figure moved and the page's foot filled, then printed and read back.
 */
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import type { Browser } from 'puppeteer';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { placeFloats } from '../../pipeline/print/float-placement.ts';
import { probeFlow } from '../../pipeline/print/flow-layout.ts';
import { pageStretch, stretchGaps } from '../../pipeline/print/page-fill.ts';
import { layoutProbe } from '../../pipeline/print/page-numbers.ts';
import { factsOf } from '../../pipeline/print/pdf-facts.ts';
import { openPdf } from '../../pipeline/print/pdf-file.ts';
import { pdfOptions } from '../../pipeline/print/pdf-options.ts';
import { textBlock } from '../../pipeline/render/page-map.ts';
import { quietEffects } from '../helpers/fixture.ts';
import { emptyBelow } from '../helpers/proof.ts';
import { readPdf } from '../helpers/pdf.ts';

/** A paragraph of `n` lines of 24 px, each line its own words so the count is exact. */
const para = (name: string, n: number) => `<p>${Array.from({ length: n }, (_, i) => `${name} line ${i + 1}`).join('<br>')}</p>`;

// six paragraphs and a heading fill page 1 to 131 px (98 pt) short of its foot; the figure (300 px) does not fit there
const html = `<!doctype html><html lang="en"><head><meta charset="utf-8"><style>
@page { size: A4; margin: 24mm 22mm 22mm 22mm; }
body { margin: 0; font: 14px/24px sans-serif; }
p { margin: 0 0 6px; }
h2 { font-size: 18px; line-height: 24px; margin: 26px 0 11px; break-after: avoid; }
figure { margin: 12px 0; break-inside: avoid; }
figure .plot { height: 260px; background: #ddd; }
</style></head><body>
<section class="chapter" id="ch-1">
${[1, 2, 3].map((k) => para(`before-${k}`, 5)).join('\n')}
<h2 id="sec-1-1">Heading</h2>
${[4, 5, 6].map((k) => para(`before-${k}`, 5)).join('\n')}
<figure class="chart" id="fig-a"><figcaption>Figure A</figcaption><div class="plot"></div><p>Source A</p></figure>
${para('after-1', 3)}
${para('after-2', 3)}
<h2 id="sec-1-2">Next heading</h2>
${para('next', 12)}
</section>
<p><a href="#sec-1-1">1</a> <a href="#sec-1-2">2</a></p>
</body></html>`;

let browser: Browser;
beforeAll(async () => {
  browser = await quietEffects.launchBrowser();
});
afterAll(async () => {
  await browser?.close();
});

async function loaded() {
  const file = join(mkdtempSync(join(tmpdir(), 'floats-')), 'doc.html');
  writeFileSync(file, html);
  const page = await browser.newPage();
  await page.goto(pathToFileURL(file).href);
  return page;
}

const probe = (page: Awaited<ReturnType<typeof loaded>>) => async () => factsOf(await openPdf(await layoutProbe(page, 30_000)));

describe('float placement in a real browser', () => {
  it('moves the figure after the paragraph that fills its page, and fills that page to its foot', async () => {
    const page = await loaded();
    const before = await readPdf(await page.pdf(pdfOptions));
    const emptyBefore = (await emptyBelow(await page.pdf(pdfOptions)))[0];
    // as written: the figure opens page 2, page 1 ends 98 pt short
    expect(before.pages[1]).toMatch(/^\s*Figure A/);
    expect(emptyBefore).toBeGreaterThan(0.12);

    const placed = await placeFloats(page, probe(page));
    expect(placed.moves).toEqual({ 'fig-a': 1 });
    // the markers' destinations are not among the facts the page numbers come from
    expect([...placed.facts.destinations.keys()].sort()).toEqual(['sec-1-1', 'sec-1-2']);
    const flow = await probeFlow(page, probe(page));
    await stretchGaps(page, pageStretch(flow.placed, textBlock));

    const bytes = await page.pdf(pdfOptions);
    const after = await readPdf(bytes);
    // the paragraph that followed the figure now ends page 1; the figure stands whole on page 2, before the next paragraph
    expect(after.pages[0]).toContain('after-1 line 3');
    expect(after.pages[1]).toMatch(/^\s*Figure A[\s\S]*Source A[\s\S]*after-2 line 1/);
    expect(after.numPages).toBe(before.numPages);
    // and page 1 is fuller: its last line within three lines of the foot, where it was more than five
    expect((await emptyBelow(bytes))[0]).toBeLessThan(54 / textBlock.bottom);
    await page.close();
  });

  it('puts figures back where the chapter has them before each decision: the same page gives the same moves', async () => {
    const page = await loaded();
    const first = await placeFloats(page, probe(page));
    const again = await placeFloats(page, probe(page));
    expect(again.moves).toEqual(first.moves);
    expect(await page.evaluate(() => [...document.querySelectorAll('section.chapter > *')].map((el) => el.id || el.textContent!.slice(0, 9)))).toContain('fig-a');
    await page.close();
  });
});
