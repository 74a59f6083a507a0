/**
 * The page scale stays 1 (issue 21): Chromium shrinks every page of a print to fit its widest
 * element, so one table cell that cannot break (a long Latin word, a header, a figure column:
 * `nowrap`) printed the whole report at 60 % (42 → 26 pages) without a word. The open print page
 * is laid out at the width of the page's text block and every element that reaches past it is
 * found, with the cell that makes it too wide; the printer turns them into PAGE_TOO_WIDE.
 */
import { readFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import * as csstree from 'css-tree';
import type { Page } from 'puppeteer';

export interface OverWide {
  /** the table's id (data-table), when the element is in a table */
  table?: string;
  /** the chart's id (data-chart), when the element is in a chart */
  chart?: string;
  /** the data path of the cell that is too wide (data-path), when it shows a datum */
  path?: string;
  /** the id of the chapter (its anchor, ch-2) or the front or back matter the element is in */
  block?: string;
  /** the text that cannot break (its start) */
  text: string;
  /** px: the element's width and the text block's */
  width: number;
  max: number;
}

/** A4 and the usual page sizes, in mm, for an @page `size` given by name. */
const pageSizesMm: Record<string, number> = { a3: 297, a4: 210, a5: 148, b5: 176, letter: 215.9, legal: 215.9 };

/**
 * The elements of the open page wider than its text block; the viewport is put back afterwards.
 * `stylesheets`: the document's (as linked from htmlFile), whose @page rule gives the page's size
 * and side margins (read here: the page cannot read a file:// sheet's rules).
 */
export async function overWideElements(page: Page, htmlFile: string, stylesheets: readonly string[]): Promise<OverWide[]> {
  const box = pageBox(htmlFile, stylesheets);
  const textBlockPx = await page.evaluate(cssPx, box.textBlock);
  const viewport = page.viewport();
  await page.setViewport({ width: Math.floor(textBlockPx), height: 1000 });
  try {
    return await page.evaluate(findOverWide, box.ownWidth, textBlockPx);
  } finally {
    if (viewport) await page.setViewport(viewport);
  }
}

/**
 * The width of the text block as a CSS length (the unnamed @page rule's size less its side
 * margins; the last rule wins), and the named pages with side margins of their own (the cover).
 */
export function pageBox(htmlFile: string, stylesheets: readonly string[]): { textBlock: string; ownWidth: string[] } {
  const ownWidth: string[] = [];
  let size = 'A4';
  let left = '0mm';
  let right = '0mm';
  for (const href of stylesheets) {
    let css: string;
    try {
      const file = href.replace(/[?#].*$/, ''); // a sheet's version (print.css?v=…) is not part of its path
      css = readFileSync(file.startsWith('file:') ? fileURLToPath(file) : resolve(dirname(htmlFile), decodeURI(file)), 'utf8');
    } catch {
      continue; // the print itself reports a sheet it cannot load
    }
    csstree.walk(csstree.parse(css), (node) => {
      if (node.type !== 'Atrule' || node.name !== 'page' || !node.block) return;
      const declarations = node.block.children.toArray().filter((d) => d.type === 'Declaration');
      if (node.prelude) {
        if (declarations.some((d) => /^margin(-left|-right)?$/.test(d.property))) ownWidth.push(csstree.generate(node.prelude).trim());
        return;
      }
      for (const d of declarations) {
        if (d.type !== 'Declaration') continue;
        const words = csstree.generate(d.value).trim().split(/\s+/);
        if (d.property === 'size') size = words[0];
        if (d.property === 'margin') [right, left] = [words[1] ?? words[0], words[3] ?? words[1] ?? words[0]];
        if (d.property === 'margin-left') left = words[0];
        if (d.property === 'margin-right') right = words[0];
      }
    });
  }
  const width = pageSizesMm[size.toLowerCase()] !== undefined ? `${pageSizesMm[size.toLowerCase()]}mm` : size;
  return { textBlock: `calc(${width} - ${left} - ${right})`, ownWidth };
}

/** Runs in the page: a CSS length in px. */
function cssPx(length: string): number {
  const probe = document.createElement('div');
  probe.style.cssText = `position:absolute;visibility:hidden;width:${length}`;
  document.body.append(probe);
  const px = probe.getBoundingClientRect().width;
  probe.remove();
  return px;
}

/**
 * Runs in the page: each outermost element that reaches past the text block, with the cell (of a
 * table) or the element itself that cannot break. Block boxes keep the block's width; what
 * overflows is a table or a line that cannot break. Pages with margins of their own (the cover's
 * named page, margin 0) are wider than the block, so their elements are not measured against it.
 * A pixel past the block is rounding (166.7 mm = 630.05 px), not overflow; inside a chart, three (an
 * axis label centred on the last grid line reaches past the chart's box by its glyph's side bearing).
 */
function findOverWide(ownWidthPages: string[], textBlockPx: number): OverWide[] {
  const max = textBlockPx;
  const ownWidth = new Set(ownWidthPages);
  // no named function inside: tsx (keepNames) would wrap it in __name, which the page lacks
  const wide = [...document.body.querySelectorAll('*')].filter((el) => {
    // a chart's edge label may reach past by its glyph's side bearing (2–3 px); a label that cannot break, by far more
    if (el.getBoundingClientRect().right <= max + (el instanceof SVGElement && el.ownerSVGElement ? 3 : 1)) return false;
    for (let a: Element | null = el; a; a = a.parentElement) if (ownWidth.has((getComputedStyle(a) as CSSStyleDeclaration & { page?: string }).page ?? '')) return false;
    return true;
  });
  const outermost = wide.filter((el) => !wide.some((o) => o !== el && o.contains(el)));
  return outermost.map((el) => {
    const cells = [...el.querySelectorAll('td, th')];
    const culprit = cells.length ? cells.reduce((a, b) => (b.getBoundingClientRect().width > a.getBoundingClientRect().width ? b : a)) : el;
    return {
      table: el.closest('[data-table]')?.getAttribute('data-table') ?? undefined,
      chart: el.closest('[data-chart]')?.getAttribute('data-chart') ?? undefined,
      path: culprit.getAttribute('data-path') ?? undefined,
      block: el.closest('[id^="ch-"]')?.id ?? undefined,
      text: (culprit.textContent ?? '').trim().slice(0, 60),
      width: Math.round(el.getBoundingClientRect().right),
      max: Math.round(max),
    };
  });
}
