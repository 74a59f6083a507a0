/**
 * Two editions compared, every way a reviewer needs: data (old → new, unit, source), lineage
 * (every sentence, chart and table a change reaches), text (changed sentences, word by word),
 * charts and tables, pages. Values in, one machine-readable EditionDiff out (out/diff/diff.json),
 * plus the two editions as read, for the redline.
 */
import { localeSteps, type LocaleStep } from './locale-step.ts';
import { changelogProblems, expectedChanges, type ChangeEntry } from './changelog.ts';
import { diffCharts, diffTables, type ChartChange, type TableChange } from './diff-charts.ts';
import { diffData, editionWarnings, type DatumChange, type InputsDiff, type TextNodeChange } from './diff-data.ts';
import { diffPages, findPage, pageTexts, type PagesDiff } from './diff-pages.ts';
import { diffText, type TextChange } from './diff-text.ts';
import type { EditionOutputs } from '../edition/edition-outputs.ts';
import { diag, type Diagnostic } from '../core/errors.ts';
import type { StoredManifest } from '../edition/manifest.ts';
import { readReport, type Report } from './read-report.ts';

export interface EditionInfo {
  id: string;
  source: string;
  edition: Omit<StoredManifest['edition'], 'changes'>;
  inputsHash: string;
  pdf: { sha256: string; pages: number };
}

export interface EditionDiff {
  base: EditionInfo;
  head: EditionInfo;
  /** nothing a reader sees differs: data, text, charts, tables, pages */
  identical: boolean;
  /** the two PDFs are the same bytes */
  samePdf: boolean;
  warnings: Pick<Diagnostic, 'code' | 'severity' | 'message' | 'hint'>[];
  /** what could not be compared, and why */
  notes: string[];
  inputs: InputsDiff;
  data: DatumChange[];
  texts: TextNodeChange[];
  text: TextChange[];
  charts: ChartChange[];
  tables: TableChange[];
  pages: PagesDiff;
  changelog: { expected: ChangeEntry[] | null; recorded: ChangeEntry[]; upToDate: boolean | null };
  /** the other locales' editions (zh-Hant): changed in step with this one? (absent: no edition records locales) */
  locales?: LocaleStep[];
}

export interface Compared {
  diff: EditionDiff;
  before: Report;
  after: Report;
}

export async function compareEditions(base: EditionOutputs, head: EditionOutputs, opts: { pageLabel: string }): Promise<Compared> {
  const a = base.manifest;
  const b = head.manifest;
  const before = readReport(base.html);
  const after = readReport(head.html);
  const data = diffData(a, b);
  const text = diffText(before.blocks, after.blocks);
  const [pagesBefore, pagesAfter] = await Promise.all([pageTexts(base.pdf), pageTexts(head.pdf)]);
  locatePages(text, before, after, pagesBefore, pagesAfter);
  const charts = diffCharts(before.charts, after.charts, data);
  const tables = diffTables(before.tables, after.tables, data);
  const pages = diffPages(pagesBefore, pagesAfter, opts.pageLabel);

  const warnings: Diagnostic[] = editionWarnings(a, b, data);
  const expected = expectedChanges(a, b, data);
  const recorded = b.edition.changes ?? [];
  const problems = expected ? changelogProblems(expected, recorded) : undefined;
  if (problems) warnings.push(diag('DIFF_CHANGELOG_STALE', { detail: problems }, { file: 'data/edition.yaml' }));

  const notes: string[] = [];
  for (const [field, what] of [['data', 'the data'], ['texts', 'the data texts'], ['lineage', 'the lineage']] as const) {
    for (const [m, side] of [[a, 'base'], [b, 'head']] as const) if (!m[field]) notes.push(`the ${side} edition's edition.json has no \`${field}\` (an older pipeline): ${what} could not be compared`);
  }
  const identical = !data.data.length && !data.texts.length && !text.length && !charts.length && !tables.length && !pages.changed.length && !pages.removed.length && pages.before === pages.after;
  return {
    before,
    after,
    diff: {
      base: info(base),
      head: info(head),
      identical,
      samePdf: a.output.pdf.sha256 === b.output.pdf.sha256,
      ...(a.locales || b.locales ? { locales: localeSteps(a, b, a.output.pdf.sha256 === b.output.pdf.sha256) } : {}),
      warnings: warnings.map(({ code, severity, message, hint }) => ({ code, severity, message, hint })),
      notes,
      inputs: data.inputs,
      data: data.data,
      texts: data.texts,
      text,
      charts,
      tables,
      pages,
      changelog: { expected: expected ?? null, recorded, upToDate: expected ? !problems : null },
    },
  };
}

/**
 * The page of each changed paragraph. Every block of each edition is looked up in reading order,
 * each search starting on the page of the block before it, so a short text ("第2版") is found
 * where it stands and not on an earlier page that happens to hold the same words.
 */
function locatePages(text: TextChange[], before: Report, after: Report, pagesBefore: string[], pagesAfter: string[]): void {
  const a = blockPages(before, pagesBefore);
  const b = blockPages(after, pagesAfter);
  for (const t of text) {
    if (t.before) t.before.page = a[t.before.index];
    if (t.after) t.after.page = b[t.after.index];
  }
}

function blockPages(report: Report, pages: string[]): (number | undefined)[] {
  let from = 1;
  return report.blocks.map((block) => {
    const text = block.words.filter((w) => w.at).map((w) => w.text).join('');
    const page = findPage(pages, text, from);
    if (page && text.length >= 4) from = page;
    return page;
  });
}

function info(e: EditionOutputs): EditionInfo {
  const { changes: _changes, ...edition } = e.manifest.edition;
  return { id: e.manifest.id, source: e.source, edition, inputsHash: e.manifest.inputsHash, pdf: { sha256: e.manifest.output.pdf.sha256, pages: e.manifest.output.pdf.pages } };
}
