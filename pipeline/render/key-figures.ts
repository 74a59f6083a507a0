/**
 * A callout's key figures: big numbers with their labels, in the text flow. Each `data:` entry is
 * a group of figures of one kind, set off from the one before (shares apart from an amount:
 * review 31, #23). An entry drawn as a `change` is one measure over years: one key figure, its
 * latest year, with the earlier years said under it (2020年为19.2%), so a comparison of two years
 * is read from its figures, not from bars on a time axis with the years between left empty
 * (review 51, H1 and M4).
 */
import { figureParts } from '../model/format.ts';
import type { FormRow } from './chart-forms.ts';
import type { Draw } from '../check/load-specs.ts';

export interface KeyFigure {
  display: string;
  /** the figure's digits apart from its words (突破, 亿元, %), which print smaller */
  parts: { text: string; digits: boolean }[];
  label: string;
  /** a change's earlier years, under its label */
  earlier?: string;
  forecast?: true;
  /** the first figure of a group after another */
  groupStart?: true;
}

/** `draws`: each `data:` entry's `draw:`; `earlier`: the words for an earlier year's figure ({year}, {figure}); `separator`: between several. */
export function keyFigures(rows: FormRow[], draws: (Draw | undefined)[], earlier: string, separator: string): KeyFigure[] {
  // a key figure stands alone: it prints its unit (8.92亿人), as the prose says it, though a chart's label would not
  const said = (r: FormRow) => String(r.spoken ?? r.display ?? '');
  const entries = [...new Set(rows.map((r) => r.entry))];
  return entries.flatMap((entry, e) => {
    const own = rows.filter((r) => r.entry === entry);
    const figures: { row: FormRow; before?: string }[] = draws[entry] === 'change' ? [changeOf(own, earlier, separator, said)] : own.map((row) => ({ row }));
    return figures.map(({ row, before }, i) => ({
      display: said(row),
      parts: figureParts(said(row)),
      label: row.category,
      ...(before ? { earlier: before } : {}),
      ...(row.forecast ? { forecast: true as const } : {}),
      ...(e > 0 && i === 0 ? { groupStart: true as const } : {}),
    }));
  });
}

/** One measure's years (checked: one figure per year, one unit): the latest, and what the earlier ones were. */
function changeOf(rows: FormRow[], words: string, separator: string, said: (r: FormRow) => string): { row: FormRow; before: string } {
  const byYear = [...rows].sort((a, b) => Number(a.year) - Number(b.year));
  const latest = byYear[byYear.length - 1];
  const before = byYear.slice(0, -1).map((r) => words.replace('{year}', String(r.year)).replace('{figure}', said(r)));
  return { row: latest, before: before.join(separator) };
}
