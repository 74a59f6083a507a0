/**
 * out/diff/summary.md: the edition diff as one GitHub pull-request comment — a headline, the
 * editions side by side, warnings, a data table (old → new, unit, source, where it reaches), the
 * changed sentences with deletions and insertions marked, charts and tables, pages, and the
 * long lists (lineage, paragraphs in full, input files) folded in <details>.
 *
 * GitHub refuses a comment over 65,536 characters: the summary stays under `limit`, and a list
 * that does not fit ends with "… and N more (diff.json)". The first line is a marker the
 * workflow uses to find and update its own comment.
 */
import { localeStepLine } from './locale-step.ts';
import type { ChartChange, TableChange } from './diff-charts.ts';
import type { DatumChange, Reach } from './diff-data.ts';
import type { Piece, TextChange } from './diff-text.ts';
import type { EditionDiff, EditionInfo } from './edition-diff.ts';
import { escapeMarkdown } from '../core/escape.ts';

export const commentMarker = '<!-- edition-diff -->';
export const githubCommentLimit = 65536;

export interface SummaryOptions {
  /** the most characters the summary may have (GitHub's comment limit by default) */
  limit?: number;
  /** what to call the artifact holding diff.json, the redline and the chart images */
  artifact?: string;
}

export function diffSummary(d: EditionDiff, opts: SummaryOptions = {}): string {
  const limit = Math.min(opts.limit ?? githubCommentLimit, githubCommentLimit) - 200; // room for the closing lines
  const artifact = opts.artifact ?? 'out/diff/';
  const w = new Writer(limit);
  w.line(commentMarker);
  w.line(`## Edition diff: \`${d.base.id}\` → \`${d.head.id}\``);
  w.line('');
  w.line(`**${headline(d)}**`);
  w.line('');
  w.line(editionTable(d.base, d.head, d.samePdf));
  for (const s of d.locales ?? []) w.line(localeStepLine(s));
  for (const warning of d.warnings) {
    w.line('');
    w.line('> [!WARNING]');
    w.line(`> **${md(warning.message)}** \`${warning.code}\``); // messages quote data (changes[].from/to): text, escaped
    w.line(`> ${warning.hint.replace(/\s*\n\s*/g, ' ')}`); // the catalog's own Markdown
  }
  for (const note of d.notes) {
    w.line('');
    w.line(`> [!NOTE]\n> ${note}`); // written by the diff, Markdown
  }
  if (d.identical) {
    w.line('');
    w.line(`No differences: the data, the text, the charts, the tables and the pages are the same${d.samePdf ? ', and the PDFs are byte-identical' : ''}.`);
  }

  if (d.data.length || d.texts.length) {
    w.section('### Data');
    dataTableHead.forEach((l) => w.line(l));
    w.list(d.data.map(dataRow), (n) => `| … | ${n} more in diff.json | | | | |`);
    w.list(d.texts.map((t) => `| \`${t.path}\` | (text) | ${cell(t.before ?? '—', 80)} | ${cell(t.after ?? '—', 80)} | | ${cell(reachSummary(t.reaches))} |`), (n) => `| … | ${n} more texts in diff.json | | | | |`);
  }

  // the changelog appendix is listed apart: its rows follow from the data table above
  const body = d.text.filter((t) => (t.after ?? t.before)!.part !== 'appendix');
  const appendix = d.text.filter((t) => (t.after ?? t.before)!.part === 'appendix');
  const changedText = body.filter((t) => t.kind === 'changed');
  const added = body.filter((t) => t.kind === 'added');
  const removed = body.filter((t) => t.kind === 'removed');
  if (d.text.length) {
    w.section('### Changed sentences');
    const items: string[] = [];
    for (const t of changedText) {
      const head = `**${md(placeOf(t))}**${t.after?.page ? ` · p. ${t.after.page}` : ''}`;
      items.push(`${head}\n${t.sentences.map((s) => `> ${marked(s.pieces)}`).join('\n>\n')}\n`);
    }
    for (const t of added) items.push(`**${md(placeOf(t))}**${t.after?.page ? ` · p. ${t.after.page}` : ''} · new paragraph\n> <ins>${md(clip(t.after!.text, 400))}</ins>\n`);
    for (const t of removed) items.push(`**${md(placeOf(t))}**${t.before?.page ? ` · was p. ${t.before.page}` : ''} · removed paragraph\n> <del>${md(clip(t.before!.text, 400))}</del>\n`);
    w.list(items, (n) => `… and ${n} more changed paragraphs in diff.json.`);
    if (appendix.length) {
      const count = (k: string) => appendix.filter((t) => t.kind === k).length;
      w.line(`The changelog appendix (版本说明) changed too: ${count('changed')} lines changed, ${count('added')} added, ${count('removed')} removed (in full below).`);
    }
  }

  if (d.charts.length || d.tables.length) {
    w.section('### Charts and tables');
    w.line('| | id | caption | what changed | changed data |');
    w.line('| --- | --- | --- | --- | --- |');
    w.list([...d.charts.map(chartRow), ...d.tables.map(tableRow)], (n) => `| … | ${n} more in diff.json | | | |`);
    const cells = d.tables.flatMap((t) => t.cells.map((c) => `- ${md(t.label)} ${md(c.row)} · ${md(c.column)}: ${c.before !== undefined ? `<del>${md(c.before)}</del>` : '(new)'} → ${c.after !== undefined ? `<ins>${md(c.after)}</ins>` : '(removed)'}`));
    if (cells.length) {
      w.line('');
      w.list(cells, (n) => `- … and ${n} more cells in diff.json`);
    }
    const images = d.charts.filter((c) => c.images?.before || c.images?.after);
    if (images.length) {
      w.line('');
      w.line(`Before/after images of the changed charts are in the \`${artifact}\` artifact: ${images.map((c) => [c.images?.before, c.images?.after].filter(Boolean).map((f) => `\`${f}\``).join(' / ')).join(', ')}.`);
    }
  }

  w.section('### Pages');
  const p = d.pages;
  w.line(`${p.before} → ${p.after} pages${p.after !== p.before ? ` (${p.after > p.before ? '+' : ''}${p.after - p.before})` : ''}. ${p.changed.length ? `Changed pages of the new edition: ${ranges(p.changed)}.` : 'No page changed.'}${p.removed.length ? ` Pages of the old edition with no counterpart: ${ranges(p.removed)}.` : ''}`);

  const reached = d.data.filter((x) => x.reaches.length);
  if (reached.length) {
    w.details(`Lineage: where each changed figure is printed (${reached.reduce((n, x) => n + x.reaches.length, 0)} places)`, reached.map(lineageItem));
  }
  const full = d.text.filter((t) => t.kind === 'changed' || (t.after ?? t.before)!.part === 'appendix');
  if (full.length) {
    w.details(`Changed paragraphs in full (${full.length})`, full.map((t) => `**${md(placeOf(t))}**${t.kind === 'changed' ? '' : ` · ${t.kind}`}\n\n${marked(t.pieces)}\n`));
  }
  const files = [...d.inputs.changed.map((f) => `- changed \`${f}\``), ...d.inputs.added.map((f) => `- added \`${f}\``), ...d.inputs.removed.map((f) => `- removed \`${f}\``)];
  if (files.length) w.details(`Input files changed (${files.length})`, files);
  w.line('');
  w.line(`<sub>Everything above, machine-readable: \`diff.json\`; the new edition with its changes marked: \`redline.pdf\` (artifact \`${artifact}\`).</sub>`);
  return w.text();
}

function headline(d: EditionDiff): string {
  if (d.identical) return 'No differences';
  const count = (n: number, one: string, many = `${one}s`) => `${n} ${n === 1 ? one : many}`;
  const by = (k: string) => d.data.filter((x) => x.change === k).length;
  const parts: string[] = [];
  if (d.data.length) parts.push(`${count(by('changed'), 'figure')} changed, ${by('added')} added, ${by('removed')} removed`);
  if (d.texts.length) parts.push(count(d.texts.length, 'data text'));
  const sentences = d.text.reduce((n, t) => n + t.sentences.length, 0);
  const paragraphs = d.text.filter((t) => t.kind === 'changed').length;
  const added = d.text.filter((t) => t.kind === 'added').length;
  const removed = d.text.filter((t) => t.kind === 'removed').length;
  if (d.text.length) parts.push(`${count(sentences, 'sentence')} changed in ${count(paragraphs, 'paragraph')}${added || removed ? ` (+${added} / −${removed} paragraphs)` : ''}`);
  if (d.charts.length) parts.push(count(d.charts.length, 'chart'));
  if (d.tables.length) parts.push(count(d.tables.length, 'table'));
  parts.push(`${d.pages.before} → ${d.pages.after} pages, ${d.pages.changed.length} changed`);
  return parts.join(' · ');
}

function editionTable(a: EditionInfo, b: EditionInfo, samePdf: boolean): string {
  const row = (name: string, x: string, y: string) => `| ${name} | ${x} | ${y}${x !== y ? ' ✱' : ''} |`;
  return [
    '| | base | head |',
    '| --- | --- | --- |',
    row('edition', String(a.edition.number), String(b.edition.number)),
    row('status', a.edition.status, b.edition.status),
    row('date', a.edition.date, b.edition.date),
    row('data cut-off', a.edition.data_cutoff, b.edition.data_cutoff),
    `| built from | ${md(a.source)} | ${md(b.source)} |`,
    `| PDF | ${a.pdf.pages} pages · \`${a.pdf.sha256.slice(0, 12)}\` | ${b.pdf.pages} pages · \`${b.pdf.sha256.slice(0, 12)}\`${samePdf ? ' (same bytes)' : ''} |`,
  ].join('\n');
}

const dataTableHead = ['| datum | label | before | after | unit · source | reaches |', '| --- | --- | --- | --- | --- | --- |'];

/** The data table of the summary, whole (`npm run data -- import` prints the changes it wrote so). */
export const dataTable = (changes: DatumChange[]): string[] => [...dataTableHead, ...changes.map(dataRow)];

function dataRow(x: DatumChange): string {
  const before = x.before?.display ?? '—';
  const after = x.after?.display ?? '—';
  const unit = pair(x.before?.unit, x.after?.unit);
  const source = pair(x.before?.source, x.after?.source);
  const year = x.fields.includes('year') ? ` · ${pair(String(x.before?.year), String(x.after?.year))}` : '';
  // a figure that became approximate, a bound or a range (or stopped being one) says so beside its unit
  const reading = (r: DatumChange['before']) => (r === undefined ? undefined : r.to !== undefined ? `range${r.qualifier ? ` ${r.qualifier}` : ''}` : (r.qualifier ?? 'exact'));
  const qualified = x.change === 'changed' && (x.fields.includes('qualifier') || x.fields.includes('to')) ? ` · ${pair(reading(x.before), reading(x.after))}` : '';
  const mark = x.change === 'added' ? ' (new)' : x.change === 'removed' ? ' (removed)' : '';
  return `| \`${x.path}\`${mark} | ${cell(`${x.label} · ${x.after?.year ?? x.before?.year}`, 60)} | ${x.before ? `<del>${md(before)}</del>` : '—'} | ${x.after ? `<ins>${md(after)}</ins>` : '—'} | ${cell(`${unit} · ${source}`)}${year}${qualified} | ${cell(reachSummary(x.reaches))} |`;
}

const pair = (a: string | undefined, b: string | undefined) => (a === undefined ? (b ?? '') : b === undefined || a === b ? a : `${a} → ${b}`);

/** Where a datum reaches, in short: "§2.1 ×2, 图2-1" (also the spreadsheet's column, sheets/). */
export function reachSummary(uses: Reach[], none = '(not printed)'): string {
  const sections = new Map<string, number>();
  const figures: string[] = [];
  for (const u of uses) {
    if (u.kind === 'text') sections.set(u.section, (sections.get(u.section) ?? 0) + 1);
    else figures.push(u.label);
  }
  const parts = [...[...sections].map(([s, n]) => (n > 1 ? `§${s} ×${n}` : `§${s}`)), ...new Set(figures)];
  return parts.length ? parts.join(', ') : none;
}

function chartRow(c: ChartChange): string {
  const label = c.labelBefore ? `${c.labelBefore} → ${c.label}` : c.label;
  return `| ${md(label)} | \`${c.id}\` | ${cell(c.caption, 60)} | ${c.change === 'changed' ? c.aspects.join(', ') : c.change} | ${c.paths.map((p) => `\`${p}\``).join(' ') || '—'} |`;
}

function tableRow(t: TableChange): string {
  const label = t.labelBefore ? `${t.labelBefore} → ${t.label}` : t.label;
  const what = t.change === 'changed' ? t.aspects.map((a) => (a === 'cells' ? `${t.cells.length} cells` : a)).join(', ') : t.change;
  return `| ${md(label)} | \`${t.id}\` | ${cell(t.caption, 60)} | ${what} | ${t.paths.map((p) => `\`${p}\``).join(' ') || '—'} |`;
}

function lineageItem(x: DatumChange): string {
  const uses = x.reaches.map((u) => {
    const via = u.via ? ` (via \`${u.via}\`)` : '';
    return u.kind === 'text' ? `  - §${md(u.section)} \`${u.chapter}\`${via}: ${md(clip(u.sentence, 160))}` : `  - ${md(u.label)} ${u.kind} \`${u.id}\`${via}`;
  });
  return `- \`${x.path}\` ${md(x.label)} (${md(x.before?.display ?? '—')} → ${md(x.after?.display ?? '—')})\n${uses.join('\n')}`;
}

function placeOf(t: TextChange): string {
  const b = t.after ?? t.before!;
  if (b.section) return b.section;
  if (b.chapter) return b.chapter;
  return { cover: 'cover', colophon: 'colophon', chapter: 'chapter', appendix: 'appendix (版本说明)', other: 'document' }[b.part];
}

/** Pieces as GitHub Markdown: deletions struck (<del>), insertions underlined (<ins>). */
export function marked(pieces: Piece[]): string {
  return pieces.map((p) => (p.op === 'equal' ? md(p.text) : p.op === 'delete' ? `<del>${md(p.text)}</del>` : `<ins>${md(p.text)}</ins>`)).join('');
}

/** Every text of the comment is written through this: literal, on one line. */
const md = escapeMarkdown;
const cell = (s: string, max = 200) => md(clip(s, max));
const clip = (s: string, max: number) => (s.length > max ? `${s.slice(0, max - 1)}…` : s);

/** 3,4,5,9 → "3–5, 9" */
export function ranges(pages: number[]): string {
  const out: string[] = [];
  for (let i = 0; i < pages.length; ) {
    let j = i;
    while (j + 1 < pages.length && pages[j + 1] === pages[j] + 1) j++;
    out.push(j > i ? `${pages[i]}–${pages[j]}` : String(pages[i]));
    i = j + 1;
  }
  return out.join(', ');
}

/** Lines under a character budget; a list that does not fit says how many items it left out. */
class Writer {
  private lines: string[] = [];
  private size = 0;

  constructor(private readonly limit: number) {}

  line(s: string): void {
    this.lines.push(s);
    this.size += s.length + 1;
  }

  section(title: string): void {
    this.line('');
    this.line(title);
    this.line('');
  }

  fits(s: string, reserve = 1500): boolean {
    return this.size + s.length + 1 + reserve <= this.limit;
  }

  /** Adds items while they fit, then one line for the rest. */
  list(items: string[], rest: (n: number) => string): void {
    for (let i = 0; i < items.length; i++) {
      if (!this.fits(items[i])) {
        this.line(rest(items.length - i));
        return;
      }
      this.line(items[i]);
    }
  }

  details(summary: string, items: string[]): void {
    if (!this.fits(`<details><summary>${summary}</summary>`, 600)) return;
    this.line('');
    this.line(`<details><summary>${summary}</summary>`);
    this.line('');
    for (let i = 0; i < items.length; i++) {
      if (!this.fits(items[i], 300)) {
        this.line(`… and ${items.length - i} more in diff.json`);
        break;
      }
      this.line(items[i]);
    }
    this.line('');
    this.line('</details>');
  }

  text(): string {
    return this.lines.join('\n') + '\n';
  }
}
