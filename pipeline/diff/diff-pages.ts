/**
 * Pages: the page count of two editions and the pages whose content changed, read from the PDFs
 * as a reader's tools read them (pdfjs-dist text per page).
 *
 * Page texts are compared with white space removed and the running page label ("第 3 页 / 37")
 * left out — a page is not "changed" only because the total grew. Pages are aligned with
 * diffArrays, so a page inserted early does not mark every later page whose text merely moved
 * along unchanged; pages whose text did move are reported, as a reviewer would see them.
 */
import { diffArrays } from 'diff';

export interface PagesDiff {
  before: number;
  after: number;
  /** 1-based pages of the new edition whose text differs from every aligned page of the old one */
  changed: number[];
  /** 1-based pages of the old edition that went away (a run of differing pages that shrank) */
  removed: number[];
}

// read where the build reads it too (the Traditional edition's check, issue 16)
export { pageTexts } from '../print/pdf-text.ts';

/** A pattern for the printed page label, from the locale's `page_label` ("第 {n} 页", roman in the front matter), with an optional " / total". */
export function pageLabelPattern(pageLabel: string): RegExp {
  const [before, after = ''] = squash(pageLabel).split('{n}');
  const esc = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  // a bare folio ("{n}") has no words to find it by: only a numeral at either end of the page's
  // text is taken for it (the folio is read first or last), never the figures inside the page
  if (!before && !after) return /^(?:\d+|[ivxlcdm]+)|(?:\d+|[ivxlcdm]+)$/g;
  return new RegExp(`${esc(before)}(?:\\d+|[ivxlcdm]+)${esc(after)}(?:/\\d+)?`, 'g');
}

export const squash = (s: string) => s.replace(/\s+/g, '');

export function normalizePage(text: string, label: RegExp): string {
  return squash(text).replace(label, '');
}

export function diffPages(before: string[], after: string[], pageLabel: string): PagesDiff {
  const label = pageLabelPattern(pageLabel);
  // a blank page (a verso before a chapter that opens on a recto) has no content to change, and
  // blanks, all alike, would pair with one another and misalign the pages around them
  const printed = (texts: string[]) => texts.map((t, k) => ({ text: normalizePage(t, label), page: k + 1 })).filter((p) => p.text);
  const a = printed(before);
  const b = printed(after);
  const changed: number[] = [];
  const removed: number[] = [];
  let i = 0;
  let j = 0;
  let gone = 0; // old pages in the current run of differences
  let came = 0; // new pages in it
  const flush = () => {
    // a run of differing pages: the new ones changed; old ones beyond their number went away
    for (let k = came; k < gone; k++) removed.push(a[i - gone + k].page);
    gone = came = 0;
  };
  for (const c of diffArrays(a.map((p) => p.text), b.map((p) => p.text))) {
    const n = c.value.length;
    if (c.added) for (let k = 0; k < n; k++) (changed.push(b[j++].page), (came += 1));
    else if (c.removed) ((i += n), (gone += n));
    else (flush(), (i += n), (j += n));
  }
  flush();
  return { before: before.length, after: after.length, changed, removed };
}

/**
 * The 1-based page a piece of text is printed on: the whole text if one page holds it, else the
 * page where it starts or ends (a sentence may run over a page break). The search starts at
 * `from` (the page of the text before it), so a short text is not found on an earlier page.
 */
export function findPage(pages: string[], text: string, from = 1): number | undefined {
  const needle = squash(text);
  if (!needle) return undefined;
  const squashed = pages.map(squash);
  for (const start of from > 1 ? [from, 1] : [1]) {
    for (const probe of [needle, needle.slice(0, 16), needle.slice(-16)]) {
      const at = squashed.findIndex((p, i) => i >= start - 1 && p.includes(probe));
      if (at >= 0) return at + 1;
    }
  }
  return undefined;
}
