/**
 * What a proofreader checks on printed lines (issue 14), read from the PDF's text lines: no line
 * starts with a character clreq / GB/T 15834 forbid there, and no figure is split from its unit.
 */

/** Closing punctuation, dashes and ellipses: never at the start of a line. */
export const noLineStart = /^[，。、；：？！）》」』】〕〉”’…—%·]/u;

/** A line ending in a number whose next line starts with its unit (8.92|亿人, 2024|年, 2.1|倍). */
const numberAtEnd = /\d$/;
// 年度 (annual) starts a word, not a year's unit: a chart's value label above its panel title (3200 | 年度新增用户) is no split
const unitAtStart = /^(?:年(?!度)|[月日岁倍%万亿元人家次个户天分]|小时|个百分点)/u;
/** A figure's magnitude at a line's end and what it counts on the next (50万|户, 15.3万|亿元: review 40 T1). */
const magnitudeAtEnd = /\d[万亿]$/u;
const countedAtStart = /^[户人元家次个台件亿]/u;

export interface LineDefect {
  page: number;
  kind: 'starts with a forbidden character' | 'figure split from its unit' | 'range split';
  line: string;
}

/** The lines of one page of text (pdfjs items joined, a newline at each end of line), blanks dropped. */
export const linesOf = (page: string) =>
  page
    .split('\n')
    .map((l) => l.trim())
    .filter(Boolean);

/** Defects of consecutive lines, page by page (`pages[i]` is page i + 1). */
export function lineDefects(pages: string[], from = 0): LineDefect[] {
  const out: LineDefect[] = [];
  pages.forEach((text, i) => {
    if (i < from) return;
    const lines = linesOf(text);
    lines.forEach((line, k) => {
      if (noLineStart.test(line)) out.push({ page: i + 1, kind: 'starts with a forbidden character', line });
      // a line that is a number alone is the folio (pdf.js gives the furniture first), not a figure whose unit ran on
      if (k > 0 && ((numberAtEnd.test(lines[k - 1]) && !/^\d+$/.test(lines[k - 1]) && unitAtStart.test(line)) || (magnitudeAtEnd.test(lines[k - 1]) && countedAtStart.test(line)))) out.push({ page: i + 1, kind: 'figure split from its unit', line: `${lines[k - 1].slice(-8)}|${line.slice(0, 8)}` });
      // a range broken anywhere: after its tilde or dash (18～|35岁), or before it (18|～35岁)
      if (k > 0 && ((/\d%?[～—~-]$/u.test(lines[k - 1]) && /^\d/.test(line)) || (numberAtEnd.test(lines[k - 1]) && /^[～~]\d/u.test(line)))) out.push({ page: i + 1, kind: 'range split', line: `${lines[k - 1].slice(-8)}|${line.slice(0, 8)}` });
    });
  });
  return out;
}

const pt = (mm: number) => (mm * 72) / 25.4;
/** print.css's @page: the text block's margins and width, in points (45 em of the 10.5 pt body). */
export const textBlock = { top: pt(24), bottom: pt(22), left: pt(21.65), measure: pt(210 - 2 * 21.65) };

/**
 * How much of each page's text block is left empty below its last line of text (0–1), read from
 * where pdfjs puts each text item; the running header and the folio are outside the block.
 * `margins`: the page's top and bottom margins in points (print.css: 24 mm, 22 mm).
 */
export async function emptyBelow(bytes: Uint8Array, margins: { top: number; bottom: number } = textBlock): Promise<number[]> {
  const { getDocument } = await import('pdfjs-dist/legacy/build/pdf.mjs');
  const doc = await getDocument({ data: new Uint8Array(bytes), isEvalSupported: false, verbosity: 0 }).promise;
  try {
    const out: number[] = [];
    for (let i = 1; i <= doc.numPages; i++) {
      const page = await doc.getPage(i);
      const [, , , height] = page.view;
      const block = { bottom: margins.bottom, top: height - margins.top };
      const items = (await page.getTextContent()).items.filter((it) => 'str' in it && it.str.trim() !== '') as { transform: number[] }[];
      // a text item's baseline; items outside the text block are the header and the folio
      const inside = items.map((it) => it.transform[5]).filter((y) => y > block.bottom && y < block.top);
      const lowest = inside.length ? Math.min(...inside) : block.top;
      out.push((lowest - block.bottom) / (block.top - block.bottom));
    }
    return out;
  } finally {
    await doc.destroy();
  }
}

/** A line of a page's text block: its baseline, its items left to right (a raised citation mark joined to its line), their text. */
interface BlockLine {
  y: number;
  items: TextItem[];
  text: string;
}

/** Each page's lines of text inside the text block (`margins`: top and bottom, in points), from the top down. */
async function blockLines(bytes: Uint8Array, margins: { top: number; bottom: number }): Promise<BlockLine[][]> {
  const { getDocument } = await import('pdfjs-dist/legacy/build/pdf.mjs');
  const doc = await getDocument({ data: new Uint8Array(bytes), isEvalSupported: false, verbosity: 0 }).promise;
  try {
    const pages: BlockLine[][] = [];
    for (let i = 1; i <= doc.numPages; i++) {
      const page = await doc.getPage(i);
      const block = { bottom: margins.bottom, top: page.view[3] - margins.top };
      const items = ((await page.getTextContent()).items as TextItem[]).filter((it) => it.str?.trim() && it.transform[5] > block.bottom && it.transform[5] < block.top);
      // baselines from the foot up: a baseline up to 8 pt above another is a superscript's, part of that line
      const ys = [...new Set(items.map((it) => Math.round(it.transform[5])))].sort((a, b) => a - b);
      const lines = ys.filter((y, k) => k === 0 || y - ys[k - 1] > 8).map((y) => {
        const on = items.filter((it) => it.transform[5] >= y - 0.5 && it.transform[5] - y <= 8).sort((a, b) => a.transform[4] - b.transform[4]);
        return { y, items: on, text: on.map((it) => it.str).join('') };
      });
      pages.push(lines.reverse());
    }
    return pages;
  } finally {
    await doc.destroy();
  }
}

const sizedAs = (it: TextItem, sizes: number[]) => sizes.some((s) => Math.abs(Math.abs(it.transform[0]) - s) < 0.3);

/**
 * Headings (page 1-based) followed on their page by fewer than `atLeast` lines of text: set in one of
 * `sizes` (print.css: h2 13 pt, h3 11.5 pt; body 10.5 pt) and alone on their line. With the default, a
 * heading that is the last line of its page; a heading must take at least the first lines of its
 * section along (break-after: avoid), three of them (print.css orphans on the paragraph after it),
 * unless fewer are its whole paragraph.
 */
export async function headingsAtFoot(bytes: Uint8Array, atLeast = 1, sizes = [13, 11.5], margins: { top: number; bottom: number } = textBlock): Promise<{ page: number; heading: string; lines: number }[]> {
  return (await blockLines(bytes, margins)).flatMap((lines, i) => {
    const fromFoot = [...lines].reverse();
    // a paragraph that ends on the page (its last line closes a sentence) is whole, however short, and not an orphan
    const whole = /[。！？：]$/u.test(fromFoot[0]?.text.trim() ?? '');
    return fromFoot.slice(0, atLeast).flatMap((line, below) => ((below === 0 || !whole) && line.items.every((it) => sizedAs(it, sizes)) ? [{ page: i + 1, heading: line.text, lines: below }] : []));
  });
}

/** A paragraph's last line of one character (and its closing punctuation): "径。" alone on a line. */
export function oneCharacterLines(pages: string[], from = 0): string[] {
  return pages.flatMap((text, i) => (i < from ? [] : linesOf(text).filter((l) => /^[\u4e00-\u9fff][，。、；：？！）”’]*$/u.test(l)).map((l) => `p.${i + 1}: ${l}`)));
}

/** A cross-reference broken across lines ("见图2-" | "1"). */
export function splitReferences(pages: string[], from = 0): string[] {
  return pages.flatMap((text, i) => {
    if (i < from) return [];
    const lines = linesOf(text);
    const broken = (a: string, b: string) => (/[图表]\d+-$/u.test(a) && /^\d/.test(b)) || (/[图表]\d+$/u.test(a) && /^-\d/.test(b)) || (/[图表]$/u.test(a) && /^\d+-\d/.test(b));
    return lines.flatMap((l, k) => (k > 0 && broken(lines[k - 1], l) ? [`p.${i + 1}: ${lines[k - 1].slice(-6)}|${l.slice(0, 6)}`] : []));
  });
}

/** A paragraph's last line alone at the top of a page: a short line ending a sentence, first under the running header. */
export function widowsAtTop(pages: string[], from = 0, header: string | string[] = ''): string[] {
  // the running heads: the title on versos, a chapter's title on rectos (mirrored), each a line of its own
  const heads = [header].flat().filter(Boolean).map((h) => h.replace(/\s+/g, ''));
  return pages.flatMap((text, i) => {
    if (i < from) return [];
    const first = linesOf(text).find((l) => !heads.some((h) => l.replace(/\s+/g, '') === h) && !/^\d+$/.test(l.replace(/\s+/g, '')));
    return first && /^\S.{0,7}[。；！？”]$/u.test(first.replace(/\s+/g, '')) ? [`p.${i + 1}: ${first}`] : [];
  });
}

/**
 * Pages (1-based) that open with a paragraph's last line alone, whatever its length (review 57:
 * “2024年服务老人超过500万人，客单价提高到68元。” over 4.3.2's page): the page's first text is a body
 * line (`bodySize`) set flush at the margin (a paragraph's first line is indented two em), and the
 * next is indented or further down than one line (a new paragraph, a heading, a figure) or none.
 * A numbered list item's first line (（3）…, its number at the margin, its next line hung) is not one.
 */
export async function lastLinesAtTop(bytes: Uint8Array, from = 0, bodySize = 10.5, margins: { top: number; bottom: number; left: number } = textBlock): Promise<string[]> {
  return (await blockLines(bytes, margins)).flatMap(([first, second], i) => {
    // a body line: some of it in the body's size (a citation mark is smaller)
    const body = (line: BlockLine) => line.items.some((it) => sizedAs(it, [bodySize]));
    if (i < from || !first || !body(first) || first.items[0].transform[4] > margins.left + bodySize / 2) return [];
    if (/^（\d+）/u.test(first.text)) return [];
    const ends = !second || !body(second) || second.items[0].transform[4] > margins.left + bodySize || first.y - second.y > bodySize * 2.2;
    return ends ? [`p.${i + 1}: ${first.text}`] : [];
  });
}

/**
 * The widest inter-character gap of each line of body text (10.5 pt), in em: between consecutive
 * text items (a letter-spaced line comes out one glyph per item) and within an item of Chinese
 * characters (its width beyond one em per character). A line justified across the measure because
 * an unbreakable block went to the next line stands out here ("电 商 2024 年 的 市 场").
 */
export async function widestGaps(bytes: Uint8Array, bodySize = 10.5): Promise<{ page: number; gap: number; line: string }[]> {
  const out: { page: number; gap: number; line: string }[] = [];
  for (const { page, items, inline } of await bodyItems(bytes, bodySize)) {
    // a gap that smaller text fills (a citation's [n], raised off the baseline) is no gap; the [n] may start inside the
    // item before it, whose closing quote is set half-width (its extracted width is the full em)
    const filled = (from: number, to: number, y: number) => inline.some((it) => it.transform[4] < to && it.transform[4] + it.width > from && Math.abs(it.transform[5] - y) < bodySize);
    const lines = new Map<number, typeof items>();
    for (const it of items) lines.set(Math.round(it.transform[5]), [...(lines.get(Math.round(it.transform[5])) ?? []), it]);
    for (const line of lines.values()) {
      line.sort((a, b) => a.transform[4] - b.transform[4]);
      let gap = 0;
      line.forEach((it, k) => {
        // pdf.js puts a space between a letter-spaced line's characters; full-width punctuation counts too (a closed-up
        // pair only narrows an item): without both, a line of prose with a comma went unmeasured (0.124 em, review 33 #2.1)
        const chars = it.str.replace(/\s/g, '');
        const n = [...chars].length;
        if (n >= 2 && /^[\u3400-\u9fff\u3000-\u303f\uff01-\uff1f“”‘’]+$/u.test(chars)) gap = Math.max(gap, it.width / n / bodySize - 1);
        const end = k > 0 ? line[k - 1].transform[4] + line[k - 1].width : 0;
        if (k > 0 && !filled(end, it.transform[4], it.transform[5])) gap = Math.max(gap, (it.transform[4] - end) / bodySize);
      });
      out.push({ page, gap: Math.round(gap * 1000) / 1000, line: line.map((it) => it.str).join('') });
    }
  }
  return out;
}

/**
 * Every step between neighbouring baselines of body text (`bodySize`-point items) on the pages from
 * `from` (1-based), rounded to 0.05 pt, with how often it occurs: the leading as the PDF prints it.
 */
export async function baselineSteps(bytes: Uint8Array, from: number, bodySize = 10.5): Promise<Map<number, number>> {
  const steps = new Map<number, number>();
  for (const { items } of (await bodyItems(bytes, bodySize)).filter((p) => p.page >= from)) {
    const ys = [...new Set(items.map((it) => Math.round(it.transform[5] * 100) / 100))].sort((a, b) => b - a);
    for (let k = 1; k < ys.length; k++) {
      const step = Math.round((ys[k - 1] - ys[k]) * 20) / 20;
      // a longer step crosses a paragraph's space (18 + 4.5 pt) or a heading: not a line's leading
      if (step < bodySize * 2.1) steps.set(step, (steps.get(step) ?? 0) + 1);
    }
  }
  return steps;
}

/** Each page's text items set at the body size (`page` 1-based), blank ones left out: the body's lines, as widestGaps and baselineSteps read them. */
type TextItem = { str: string; width: number; transform: number[] };

/** Per page, its `bodySize`-point text items, and the other text set among them (a citation's raised [n]: `inline`). */
async function bodyItems(bytes: Uint8Array, bodySize: number): Promise<{ page: number; items: TextItem[]; inline: TextItem[] }[]> {
  const { getDocument } = await import('pdfjs-dist/legacy/build/pdf.mjs');
  const doc = await getDocument({ data: new Uint8Array(bytes), isEvalSupported: false, verbosity: 0 }).promise;
  try {
    const pages = [];
    for (let page = 1; page <= doc.numPages; page++) {
      const all = ((await (await doc.getPage(page)).getTextContent()).items as TextItem[]).filter((it) => it.str?.trim());
      const body = (it: TextItem) => Math.abs(Math.abs(it.transform[0]) - bodySize) < 0.3;
      pages.push({ page, items: all.filter(body), inline: all.filter((it) => !body(it) && Math.abs(it.transform[0]) < bodySize) });
    }
    return pages;
  } finally {
    await doc.destroy();
  }
}

/** Per page (1-based), how far the running header's baseline (its `size`-point text, the page's highest) sits above the text block, in mm; pages without one are left out. */
export async function headerClearance(bytes: Uint8Array, blockTopMm: number, size = 8): Promise<{ page: number; mm: number; header: string }[]> {
  const { getDocument } = await import('pdfjs-dist/legacy/build/pdf.mjs');
  const doc = await getDocument({ data: new Uint8Array(bytes), isEvalSupported: false, verbosity: 0 }).promise;
  try {
    const out: { page: number; mm: number; header: string }[] = [];
    for (let i = 1; i <= doc.numPages; i++) {
      const page = await doc.getPage(i);
      const top = page.view[3] - (blockTopMm / 25.4) * 72;
      const items = ((await page.getTextContent()).items as { str: string; transform: number[] }[]).filter((it) => it.str?.trim() && it.transform[5] > top);
      const header = items.filter((it) => Math.abs(it.transform[0] - size) < 0.2).sort((a, b) => b.transform[5] - a.transform[5])[0];
      if (header) out.push({ page: i, mm: Math.round(((header.transform[5] - top) / 72) * 25.4 * 100) / 100, header: header.str });
    }
    return out;
  } finally {
    await doc.destroy();
  }
}

/** Full-width punctuation that clreq closes up when two of them meet (“等），”, “药柜”；”). */
const fullWidthPunctuation = '（）“”‘’《》「」『』【】〔〕、，。；：！？';

export interface PunctuationPair {
  page: number;
  pair: string;
  /** how far the second mark sits from the first's full-width advance, in ems: −0.5 when the pair is closed up */
  shift: number | undefined;
  /** the two marks follow each other in the page's text as pdf.js reads it (no line break or space between them) */
  joinedInText: boolean;
}

/**
 * Every pair of adjacent full-width punctuation marks on a line, read with pdf.js. Chromium closes a
 * pair up (text-spacing-trim) by placing the second mark half an em back over the first's blank half:
 * the first mark keeps its full-width advance in the font, so the second starts a new text run whose
 * x is the shift. A pair left as it is prints in one run (shift undefined).
 */
export async function punctuationPairs(bytes: Uint8Array): Promise<PunctuationPair[]> {
  const { getDocument } = await import('pdfjs-dist/legacy/build/pdf.mjs');
  const doc = await getDocument({ data: new Uint8Array(bytes), isEvalSupported: false, verbosity: 0 }).promise;
  try {
    const out: PunctuationPair[] = [];
    const isMark = (c: string | undefined) => c !== undefined && fullWidthPunctuation.includes(c);
    for (let i = 1; i <= doc.numPages; i++) {
      const items = ((await (await doc.getPage(i)).getTextContent()).items as { str: string; width: number; transform: number[]; hasEOL: boolean }[]).filter((it) => it.str !== '');
      const text = items.map((it) => it.str + (it.hasEOL ? '\n' : '')).join('');
      items.forEach((it, k) => {
        const chars = [...it.str];
        for (let j = 0; j + 1 < chars.length; j++) if (isMark(chars[j]) && isMark(chars[j + 1])) out.push({ page: i, pair: chars[j] + chars[j + 1], shift: undefined, joinedInText: true });
        const next = items[k + 1];
        // the next run on the same baseline, starting within an em of this one's end (not the next cell of a table)
        if (!next || !isMark(chars.at(-1)) || !isMark([...next.str][0]) || Math.abs(next.transform[5] - it.transform[5]) > 0.5) return;
        const shift = (next.transform[4] - (it.transform[4] + it.width)) / Math.abs(it.transform[0]);
        if (Math.abs(shift) > 1) return;
        const pair = chars.at(-1)! + [...next.str][0];
        out.push({ page: i, pair, shift: Math.round(shift * 100) / 100, joinedInText: text.includes(it.str + next.str) });
      });
    }
    return out;
  } finally {
    await doc.destroy();
  }
}

/**
 * Pages (1-based) whose last line of text ends in a colon: a lead-in left at the foot of a page with
 * what it introduces on the next (review 33 #2.5). The folio, a number alone, is no line of text.
 */
/** Pages whose last line (before the folio) is a figure's or table's caption: its exhibit went to the next page. */
export function captionsAtFoot(pages: string[], from = 0): { page: number; line: string }[] {
  return pages.flatMap((text, i) => {
    const last = linesOf(text).filter((l) => !/^\d+$/.test(l)).at(-1);
    return i >= from && last && /^[图表]\d+-\d+\s/u.test(last) ? [{ page: i + 1, line: last }] : [];
  });
}

export function leadInsAtFoot(pages: string[], from = 0): { page: number; line: string }[] {
  return pages.flatMap((text, i) => {
    const last = linesOf(text).filter((l) => !/^\d+$/.test(l)).at(-1);
    return i >= from && last && /[：:]$/u.test(last) ? [{ page: i + 1, line: last }] : [];
  });
}

/**
 * Where the lines of table cells break (review 35 #4.2: 品|牌商, 实时同|步): the 9 pt text of each
 * page in visual lines, a line continuing the one above it in the same column when it starts at
 * the same x one line-height (9 pt × 1.55) lower. `atWord`: the break falls where a word ends in
 * ICU's segmentation of the joined text (Intl.Segmenter, as render-tables.ts splits cells).
 */
export async function cellBreaks(bytes: Uint8Array, size = 9, lineHeight = 9 * 1.55): Promise<{ page: number; before: string; after: string; atWord: boolean }[]> {
  const { getDocument } = await import('pdfjs-dist/legacy/build/pdf.mjs');
  const doc = await getDocument({ data: new Uint8Array(bytes), isEvalSupported: false, verbosity: 0 }).promise;
  const words = new Intl.Segmenter('zh', { granularity: 'word' });
  try {
    const out: { page: number; before: string; after: string; atWord: boolean }[] = [];
    for (let i = 1; i <= doc.numPages; i++) {
      const items = ((await (await doc.getPage(i)).getTextContent()).items as { str: string; transform: number[]; width: number }[]).filter((it) => it.str?.trim() && Math.abs(it.transform[0] - size) < 0.05);
      // runs of items on one baseline, each ending where the next starts: one cell's line
      const lines: { x: number; y: number; end: number; text: string }[] = [];
      for (const it of items) {
        const [x, y] = [it.transform[4], it.transform[5]];
        const run = lines.find((l) => Math.abs(l.y - y) < 0.5 && Math.abs(l.end - x) < 2);
        if (run) ((run.text += it.str), (run.end = x + it.width));
        else lines.push({ x, y, end: x + it.width, text: it.str });
      }
      for (const a of lines) {
        const b = lines.find((l) => Math.abs(l.x - a.x) < 0.5 && Math.abs(a.y - l.y - lineHeight) < 1);
        if (!b) continue;
        const ends = new Set([...words.segment(a.text + b.text)].map((w) => w.index + w.segment.length));
        out.push({ page: i, before: a.text, after: b.text, atWord: ends.has(a.text.length) });
      }
    }
    return out;
  } finally {
    await doc.destroy();
  }
}

/**
 * Where the ink in a box of a page ends on the right, in points from the page's left edge (the box in
 * PDF points, y up): the box rendered by pdfjs on @napi-rs/canvas at 288 dpi (glyphs drawn as paths,
 * no system tool), the rightmost column with a dark pixel. The glyphs' advance boxes hide what a
 * reader sees (a full-width "）" ends half an em after its ink): review 37 #4.4.
 */
export async function inkRight(bytes: Uint8Array, page: number, box: { left: number; right: number; bottom: number; top: number }): Promise<number | undefined> {
  const { getDocument } = await import('pdfjs-dist/legacy/build/pdf.mjs');
  const { drawPage } = await import('../../pipeline/print/pdf-to-png.ts');
  const doc = await getDocument({ data: new Uint8Array(bytes), isEvalSupported: false, disableFontFace: true, verbosity: 0 }).promise;
  try {
    const p = await doc.getPage(page);
    const scale = 4; // 288 dpi
    const [x, y, w, h] = [box.left, p.view[3] - box.top, box.right - box.left, box.top - box.bottom].map((v) => Math.round(v * scale));
    // the viewport shifted so that the box's top left corner is the canvas's origin
    const viewport = p.getViewport({ scale, offsetX: -x, offsetY: -y });
    const { data } = (await drawPage(p, viewport, w, h)).getContext('2d').getImageData(0, 0, w, h);
    // RGBA: a pixel is ink when its green channel (the text is black or grey) is below half
    for (let col = w - 1; col >= 0; col--) for (let row = 0; row < h; row++) if (data[(row * w + col) * 4 + 1] < 128) return (x + col + 1) / scale;
    return undefined;
  } finally {
    await doc.destroy();
  }
}
