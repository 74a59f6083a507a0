/**
 * Tables from data, set as 三线表: each row a datum or a record of the data, each cell formatted
 * by format.ts. A column of figures in one unit says it once, in its header; repeated labels of
 * the `group_by` column merge into one cell; short cells never wrap, and a table is as wide as
 * its content (full width only when a column of long texts needs it).
 */
import { bindRows } from '../model/bind-rows.ts';
import { BuildError, diag, type Diagnostic } from '../core/errors.ts';
import { around, wrongToken } from '../core/wrong-output.ts';
import { countBase, formatQuantity, formatScaledCount, scaleToFamily, unitLabel } from '../model/format.ts';
import type { UnitTable } from '../model/units.ts';
import { sourceLine } from '../model/source-line.ts';
import { rangeStyleOf, type RangeStyle } from '../model/vocabulary.ts';
import type { Locale } from '../model/locale.ts';
import type { TableSpec } from '../check/load-specs.ts';
import type { ChartTheme } from '../check/load-chart-theme.ts';
import { isDatum, type DataNode, type Datum } from '../model/data-model.ts';

export interface Cell {
  text: string;
  align: 'left' | 'right' | 'center';
  path?: string;
  /** a merged group label: how many rows it spans */
  rowspan?: number;
  /** short enough never to wrap */
  short?: boolean;
  /** a short label that may break only after one of the theme's `table_break_after` characters (阿里本地生活× | 万达广场), each part unbroken;
   * a longer text of short phrases, after their punctuation too (`table_phrase_after`: 京东×百度； | 抖音电商× | 商汤科技) */
  parts?: string[];
  /** a longer text set as its phrases (\`parts\`), split after these characters: it still needs a wide table's room, but never breaks inside a short phrase (抖音电|商) nor inside a word of a longer one (品|牌商: review 35, 4.2); another edition splits its converted text again */
  phrases?: string[];
  /** the row's label: a row header (th scope=row), so the tagged PDF and a screen reader name the row each figure is in */
  rowHeader?: true;
}

/** A header cell of a two-row header. */
export interface HeadCell {
  header: string;
  align: string;
  fit?: boolean;
  colspan?: number;
  rowspan?: number;
}

export interface RenderedTable {
  id: string;
  caption: string;
  /** what the table shows, under the caption that states its finding */
  subtitle?: string;
  /** `fit`: in a wide table, a column of short cells only is as wide as its widest cell, and the long texts get the rest */
  columns: { header: string; align: string; fit?: boolean; width?: number }[];
  /** a two-row header when columns share a spanner: the first row's cells (a spanner over its columns, or a column's own header through both rows) and the second's (the spanned columns' headers) */
  head?: HeadCell[][];
  rows: { cells: Cell[]; groupStart?: boolean }[];
  /** a column of long texts: the table takes the full width, and those cells wrap */
  wide: boolean;
  /** few rows: printed whole on one page, caption with the table (Chromium's break-after: avoid under a caption is only a preference) */
  whole?: boolean;
  footer?: Cell[];
  sourceNote: string;
  note?: string;
  paths: string[];
}

/** A table of up to this many rows is kept whole on a page (a third of a page at most). */
const wholeRows = 10; // 表6-2's nine rows lost their caption to the page before (review 55 build)

/** Cells up to this many characters never wrap. */
const shortCell = 14;

/** `units`: the report's units, so a count prints by its magnitude as in the prose (1.2亿人, 3200万人); without them, as written. */
export function renderTables(specs: TableSpec[], nodes: Map<string, DataNode>, locale: Locale, theme: ChartTheme, units?: UnitTable): RenderedTable[] {
  const diagnostics: Diagnostic[] = [];
  const tables = specs.map((spec) => layOut(spec, renderTable(spec, nodes, locale, theme, diagnostics, units), nodes, locale, theme, units));
  if (diagnostics.length) throw new BuildError(diagnostics);
  return tables;
}

function renderTable(spec: TableSpec, nodes: Map<string, DataNode>, locale: Locale, theme: ChartTheme, out: Diagnostic[], units?: UnitTable): RenderedTable {
  // a table's figures print as the prose's and a chart's do (one digit-group rule: format.ts)
  const range: RangeStyle = rangeStyleOf(locale);
  const shown = (d: Datum) => (units && formatScaledCount(units, d, d.unit, d.decimals, range)) ?? formatQuantity(d, d.unit, d.decimals, range);
  const bound = bindRows(spec.rows, nodes, range);
  for (const p of bound.missing) out.push(diag('TABLE_SPEC', { detail: `unknown data path "${p}"` }, { file: spec.file, dataPath: p }));
  const datums: Datum[] = [...bound.datums];
  // a `from` column's figures are the table's too (sources, lineage)
  for (const col of spec.columns) for (const p of col.from ?? []) {
    const d = nodes.get(p);
    if (isDatum(d)) datums.push(d);
    else out.push(diag('TABLE_SPEC', { detail: `column "${col.header}": unknown figure "${p}"` }, { file: spec.file, dataPath: p }));
  }
  const rows = bound.rows.map((row, r) => ({
    cells: spec.columns.map((col): Cell => {
      const rowPath = row.path as string;
      const node = col.field === 'label' || col.field === 'group' ? undefined : nodes.get(col.from ? (col.from[r] ?? '') : col.field === 'value' || col.field === 'year' || col.field === 'source' ? rowPath : `${rowPath}.${col.field}`);
      if (col.field === 'label') return { text: spec.labels?.[rowPath] ?? spec.labels?.[row.key] ?? row.label, align: col.align ?? 'left', path: rowPath, rowHeader: true };
      // the group the row's figure belongs to (a case of a scorecard): its label, merged by group_by when repeated
      if (col.field === 'group') {
        const parent = rowPath.slice(0, rowPath.lastIndexOf('.'));
        const g = nodes.get(parent);
        if (g?.kind === 'group') return { text: spec.labels?.[parent] ?? g.label ?? parent, align: col.align ?? 'left', path: parent };
      }
      if (isDatum(node) && col.part) return { text: partOf(node, col.part, range, theme.words.table_unit, col.unit), align: col.align ?? (col.part === 'number' ? 'right' : 'left'), path: node.path };
      if (isDatum(node)) {
        const text = col.field === 'year' ? String(node.year) : col.field === 'source' ? node.source : shown(node);
        return { text, align: col.align ?? (col.field === 'source' ? 'left' : 'right'), path: node.path };
      }
      if (node?.kind === 'text') return { text: node.text, align: col.align ?? 'left', path: node.path };
      out.push(diag('TABLE_SPEC', { detail: `column "${col.header}": row "${rowPath}" has no field "${col.field}"` }, { file: spec.file, dataPath: `${rowPath}.${col.field}` }));
      return { text: '', align: 'left' };
    }),
  }));
  let footer: Cell[] | undefined;
  if (spec.footer) {
    const total = nodes.get(spec.footer.from);
    if (!isDatum(total)) out.push(diag('TABLE_SPEC', { detail: `footer: unknown figure "${spec.footer.from}"` }, { file: spec.file, dataPath: spec.footer.from }));
    else {
      datums.push(total);
      // the total goes under the column named by footer.field (default: the value column); the others say they have none (—), never blank
      const field = spec.footer.field ?? 'value';
      if (!spec.columns.some((c) => c.field === field)) out.push(diag('TABLE_SPEC', { detail: `footer: no column with field "${field}"` }, { file: spec.file }));
      footer = spec.columns.map((c, i): Cell => (i === 0 ? { text: spec.footer!.label, align: 'left', rowHeader: true } : c.field === field ? { text: shown(total), align: c.align ?? 'right', path: total.path } : { text: locale.table_blank, align: c.align ?? 'right' }));
    }
  }
  for (const cell of [...rows.flatMap((r) => r.cells), ...(footer ?? [])]) {
    const token = wrongToken(cell.text);
    if (token !== undefined) out.push(diag('PRINTS_WRONG', { what: `table "${spec.id}"`, token, text: around(cell.text, token) }, { file: spec.file, line: 1, column: 1, dataPath: cell.path }));
  }
  const sources = [...new Set([...datums.map((d) => d.source), ...(spec.source ? [spec.source] : [])])];
  return {
    id: spec.id,
    caption: spec.caption,
    ...(spec.subtitle ? { subtitle: spec.subtitle } : {}),
    // a header aligns with its column's cells (a column of numbers: right, over the numbers)
    columns: spec.columns.map((c, i) => ({ header: c.header, align: c.align ?? rows[0]?.cells[i]?.align ?? (c.field === 'value' ? 'right' : 'left') })),
    rows,
    wide: false,
    footer,
    sourceNote: sourceLine(sources, locale),
    note: spec.note ? `${locale.note_prefix}${spec.note}` : undefined,
    // every datum and text a cell shows: a changed text reaches this table too
    paths: [...new Set([...datums.map((d) => d.path), ...rows.flatMap((r) => r.cells.map((c) => c.path)).filter((p): p is string => !!p && nodes.get(p)?.kind !== 'group')])],
  };
}

/**
 * One part of a figure for a column of its own: what it measures with its unit (潜在损失率（%）, the
 * theme's `table_unit`, so a column of mixed units says each unit with its indicator: review 4.3),
 * the bare number (with its qualifier), or the unit.
 */
function partOf(d: Datum, part: 'measure' | 'number' | 'unit' | 'stated' | 'indicator', range: RangeStyle, withUnit: string, columnUnit?: string): string {
  if (part === 'measure') return withUnit.replace('{header}', d.measure ?? d.label).replace('{unit}', unitLabel(d.unit, range));
  // what it measures and the figure with its unit, one cell (表4-1: a column of bare 12, 35, 8 read as one scale: review 33, 4.1)
  if (part === 'stated') return `${d.measure ?? d.label}${formatQuantity(d, d.unit, d.decimals, range)}`;
  if (part === 'unit') return d.unit;
  // what it measures and which way (合作摩擦率降低), beside a column of its figures with their units (表6-2: review 37 #4.1)
  if (part === 'indicator') return d.measure ?? d.label;
  // a column whose header says its unit (数值（%）): a figure in another keeps its own (3倍), as "另有注明者除外" (review 43 C8)
  if (columnUnit && d.unit !== columnUnit) return formatQuantity(d, d.unit, d.decimals, range);
  return formatQuantity(d, '', d.decimals, range);
}

/** A phrase up to this many characters is never broken (抖音电商×, 签约前三重合规审查，: review 35 #4.2 found 三重合规|审查); a longer one only between its words. */
const phraseWhole = 10;

const words = new Intl.Segmenter('zh', { granularity: 'word' });

/**
 * A long cell's unbreakable parts: its phrases (split after their punctuation and the break characters)
 * whole when short, a longer phrase split into its words (review 35 #4.2: 品|牌商, 三重合规|审查 and
 * 实时同|步 broke inside words). ICU's dictionary cuts some words in two (品牌|商, 合|规, 实|时), so a
 * character it leaves alone joins the word before it (品牌商, 三重合规, 阿里巴巴与万达), or the word after
 * it when it opens the phrase (实时); punctuation stays with the word it follows. One rule for every
 * long cell of every table, in both editions.
 */
export function phraseParts(text: string, breaks: string[]): string[] {
  return splitAfter(text, breaks).flatMap((p) => ([...p].length <= phraseWhole ? [p] : wordsOf(p)));
}

function wordsOf(phrase: string): string[] {
  const out: string[] = [];
  let opening = '';
  for (const { segment, isWordLike } of words.segment(phrase)) {
    if (out.length && (!isWordLike || [...segment].length === 1)) out[out.length - 1] += segment;
    else if (!out.length && [...(opening + segment)].length === 1) opening = segment;
    else (out.push(opening + segment), (opening = ''));
  }
  return opening ? [...out, opening] : out;
}

/** A label split after each break character that does not end it: the places a narrow column may wrap it. */
function splitAfter(text: string, breaks: string[]): string[] {
  const parts: string[] = [];
  let at = 0;
  for (let i = 0; i < text.length - 1; i++) if (breaks.includes(text[i])) (parts.push(text.slice(at, i + 1)), (at = i + 1));
  return [...parts, text.slice(at)];
}

/**
 * One rule for the end of a cell in every table: no sentence punctuation (review 35 #4.4: 表4-1's
 * 应对措施 ended in 。, the cells of 表3-1, 3-3 and 5-1 did not). A cell is a phrase set in a grid, not a
 * sentence; the data keeps its words as written (the web edition's data files too).
 */
const cellEnd = /[。；，、：]+$/u;
const unended = (cell: Cell): Cell => (cellEnd.test(cell.text) ? { ...cell, text: cell.text.replace(cellEnd, '') } : cell);

/**
 * The 三线表 layout of a rendered table: a column of figures of one unit prints the unit in its
 * header and bare figures (with their qualifiers) in its cells; `group_by` merges repeated labels.
 */
function layOut(spec: TableSpec, t: RenderedTable, nodes: Map<string, DataNode>, locale: Locale, theme: ChartTheme, units?: UnitTable): RenderedTable {
  const range: RangeStyle = rangeStyleOf(locale);
  const columns = t.columns.map((c, i) => {
    const figures = [...t.rows.map((r) => r.cells[i]), ...(t.footer ? [t.footer[i]] : [])].map((cell) => nodes.get(cell.path ?? '')).filter(isDatum);
    const unitsOf = new Set(figures.map((d) => d.unit));
    // counts of different magnitudes (12000万人 and 3200万人) keep theirs in their cells (1.2亿人, 3200万人), never 12,000 under （万人）
    const magnitudes = new Set(figures.map((d) => (units && countBase(units, d.unit) !== undefined ? scaleToFamily(units, d.value, d.unit, d.decimals).unit : d.unit)));
    const headed = (unit: string) => theme.words.table_unit.replace('{header}', c.header).replace('{unit}', unitLabel(unit, range));
    // a column of figures with its unit declared (`unit:`, part: number): in its header, whatever its cells hold
    const declared = spec.columns[i].part === 'number' ? spec.columns[i].unit : undefined;
    if (declared) return { ...c, header: headed(declared), unit: undefined };
    // a column of figures: not the row's label, year or source, which read the row's own datum
    if (!figures.length || unitsOf.size !== 1 || magnitudes.size !== 1 || spec.columns[i].part || ['label', 'year', 'source'].includes(spec.columns[i].field)) return { ...c, unit: undefined };
    const unit = [...unitsOf][0];
    return { ...c, header: headed(unit), unit };
  });
  // a spanner over columns of one unit says the unit once (关键比率（%）), its columns their own words only (2024年实际)
  const head = spanners(spec, columns, range, theme);
  if (head) for (const [i, c] of spec.columns.entries()) if (c.spanner && head.unitOnSpanner.has(c.spanner)) columns[i] = { ...columns[i], header: t.columns[i].header };
  const bare = (cell: Cell, i: number): Cell => {
    const d = nodes.get(cell.path ?? '');
    if (!columns[i].unit || !isDatum(d)) return cell;
    return { ...cell, text: formatQuantity(d, '', d.decimals, range) };
  };
  const mark = (cell: Cell): Cell => {
    if ([...cell.text].length > shortCell) {
      const breaks = [...theme.table_break_after, ...theme.table_phrase_after];
      return { ...cell, short: false, parts: phraseParts(cell.text, breaks), phrases: breaks };
    }
    const parts = splitAfter(cell.text, theme.table_break_after);
    return parts.length > 1 ? { ...cell, short: false, parts } : { ...cell, short: true };
  };
  const merged = [spec.group_by ?? []].flat().map((field) => spec.columns.findIndex((c) => c.field === field)).filter((i) => i >= 0);
  // rows n and m say the same in merged column i and in every merged column before it (a label is merged within its group only)
  const same = (n: number, m: number, i: number) => merged.slice(0, merged.indexOf(i) + 1).every((j) => t.rows[n].cells[j].text === t.rows[m].cells[j].text);
  const laidRows = t.rows.map((r, n) => {
    const cells: (Cell | undefined)[] = r.cells.map((c, i) => mark(bare(unended(c), i)));
    for (const i of merged) {
      if (n > 0 && same(n, n - 1, i)) cells[i] = undefined;
      else {
        let span = 1;
        while (n + span < t.rows.length && same(n, n + span, i)) span++;
        if (span > 1 || i === merged[0]) cells[i] = { ...cells[i]!, rowspan: span };
      }
    }
    // which column each cell is in: a merged label's later rows have a cell fewer
    const at = cells.flatMap((c, i) => (c ? [i] : []));
    return { cells: cells.filter((c): c is Cell => !!c), at, ...(merged.length && n > 0 && !same(n, n - 1, merged[0]) ? { groupStart: true } : {}) };
  });
  const footer = t.footer?.map((c, i) => mark(bare(unended(c), i)));
  // a table of short cells and names that may break after their × is as wide as its content: the names wrap only if it must
  const wide = laidRows.some((r) => r.cells.some((c) => !c.short && (!c.parts || c.phrases)));
  const columnOf = (r: { cells: Cell[]; at?: number[] }, k: number) => r.at?.[k] ?? k;
  const fits = columns.map((_, i) => wide && [...laidRows, ...(footer ? [{ cells: footer }] : [])].every((r) => r.cells.every((c, k) => columnOf(r, k) !== i || c.short || (c.parts && !c.phrases))));
  const { widths, unbroken } = wide ? columnWidths(columns.map((c) => c.header), laidRows.map((r) => r.cells.map((c, k) => ({ column: columnOf(r, k), cell: c }))), fits, theme.widths.full.mm) : { widths: [], unbroken: false };
  const laid = columns.map(({ header, align }, i) => ({ header, align, ...(fits[i] ? { fit: true } : {}), ...(widths[i] !== undefined ? { width: widths[i] } : {}) }));
  // names that may break after their × in a fit column, when there is room: unbroken (a fit column is as narrow as its
  // content allows, so it broke every one: 阿里本地生活×|万达广场 beside a third of 主要举措 empty, review 45 C-10)
  const rows = laidRows.map(({ at, ...r }) => (unbroken ? { ...r, cells: r.cells.map((c, k) => (fits[at[k]] && c.parts && !c.phrases ? { ...c, short: true } : c)) } : r));
  return { ...t, columns: laid, ...(head ? { head: headRows(spec, laid, head.text) } : {}), rows, footer, wide, ...(rows.length <= wholeRows ? { whole: true } : {}) };
}

/** Ems a text takes at the table's size: a CJK character one (× too, full-width in Noto Sans SC), a Latin letter or digit about 0.6. */
const ems = (text: string) => [...text].reduce((n, ch) => n + (/[\u0000-\u00d6\u00d8-\u024f]/.test(ch) ? 0.6 : 1), 0);
/** A wide table's cell padding (2 mm a side, print.css `table.wide`) in ems of 9 pt (3.175 mm). */
const paddingEms = 4 / 3.175;

/**
 * A wide table's widths from its content (review 31, #20: 表3-1's 合作双方 wrapped to three lines
 * beside a half-empty 典型案例). The columns of long texts share what the short (`fit`) columns
 * leave, each as wide as its longest text needs to take at most L lines, L as few as the width
 * allows, and never narrower than its header or its widest unbreakable part; what is left goes to
 * the columns whose texts run longest past their first line. Percent of the table's width, one
 * decimal; `fit` columns none (as wide as their content).
 */
function columnWidths(headers: string[], cells: { column: number; cell: Cell }[][], fits: boolean[], blockMm: number): { widths: (number | undefined)[]; unbroken: boolean } {
  const blockEms = blockMm / 3.175;
  const of = (i: number) => cells.flat().filter((c) => c.column === i).map((c) => c.cell);
  const free = headers.map((_, i) => i).filter((i) => !fits[i]);
  const floor = headers.map((h, i) => Math.max(ems(h), ...of(i).map((c) => (c.short ? ems(c.text) : c.parts ? Math.max(...c.parts.map(ems)) : 0))));
  // a fit column's width: its longest cell or header, unbroken
  const unwrapped = (i: number) => Math.max(ems(headers[i]), ...of(i).map((c) => ems(c.text)));
  const fitEms = headers.reduce((n, _, i) => n + (fits[i] ? unwrapped(i) + paddingEms : 0), 0);
  const room = blockEms - fitEms - free.length * paddingEms;
  // a line loses up to an em at its end (a character that does not fit; one pulled down with a comma that may not start a line)
  const need = (i: number, lines: number) => Math.max(floor[i], ...of(i).filter((c) => !c.short).map((c) => ems(c.text) / lines + 1));
  let width = free.map((i) => floor[i]);
  for (let lines = 1; lines <= 12; lines++) {
    const w = free.map((i) => need(i, lines));
    if (w.reduce((a, b) => a + b, 0) <= room) {
      width = w;
      break;
    }
  }
  // the rest to the columns in proportion to the text that runs past their first line (their longest phrases)
  const over = free.map((i, k) => Math.max(0, ...of(i).map((c) => ems(c.text) - width[k])));
  const total = over.reduce((a, b) => a + b, 0);
  const left = Math.max(0, room - width.reduce((a, b) => a + b, 0));
  width = width.map((w, k) => w + left * (total > 0 ? over[k] / total : 1 / free.length));
  const widths = headers.map((_, i) => (fits[i] ? undefined : Math.round(((width[free.indexOf(i)] + paddingEms) / blockEms) * 1000) / 10));
  // the fit columns were given their names unbroken: kept so when the long texts' shortest widths fit beside them
  return { widths, unbroken: free.reduce((n, i) => n + floor[i], 0) <= room };
}

/** The spanners' words: each spanner's text (with its columns' unit when they share one), and which spanners took the unit. */
function spanners(spec: TableSpec, columns: { header: string; unit?: string }[], range: RangeStyle, theme: ChartTheme) {
  if (!spec.columns.some((c) => c.spanner)) return undefined;
  const text = new Map<string, string>();
  const unitOnSpanner = new Set<string>();
  for (const name of new Set(spec.columns.map((c) => c.spanner).filter((n): n is string => !!n))) {
    const units = new Set(spec.columns.map((c, i) => (c.spanner === name ? columns[i].unit : null)).filter((u) => u !== null));
    const unit = units.size === 1 ? [...units][0] : undefined;
    if (unit !== undefined) unitOnSpanner.add(name);
    text.set(name, unit === undefined ? name : theme.words.table_unit.replace('{header}', name).replace('{unit}', unitLabel(unit, range)));
  }
  return { text, unitOnSpanner };
}

/** Two header rows: a spanner once over its adjacent columns, every other column's header through both rows. */
function headRows(spec: TableSpec, columns: { header: string; align: string; fit?: boolean }[], text: Map<string, string>): HeadCell[][] {
  const top: HeadCell[] = [];
  const under: HeadCell[] = [];
  spec.columns.forEach((c, i) => {
    if (!c.spanner) return void top.push({ ...columns[i], rowspan: 2 });
    under.push(columns[i]);
    const last = top[top.length - 1];
    if (i > 0 && spec.columns[i - 1].spanner === c.spanner) last.colspan = (last.colspan ?? 1) + 1;
    // a spanner over figures centres over them; over texts it starts where they do
    else top.push({ header: text.get(c.spanner)!, align: columns[i].align === 'right' ? 'center' : 'left', colspan: 1 });
  });
  return [top, under];
}
