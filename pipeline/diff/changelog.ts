/**
 * The changelog appendix's data: `changes` in data/edition.yaml, this edition's printed data
 * changes against the previous edition, as the appendix (templates/changelog.hbs) lists them.
 *
 * It is computed, never typed: `npm run diff -- --changelog` writes it from the comparison with
 * the base edition, and every `npm run diff` checks that it still says what the data says.
 *   - base is an earlier edition (its number is lower): the changes are the diff itself;
 *   - base is this same edition, in progress: its own `changes` (against the previous edition)
 *     are carried forward and composed with the diff (a figure changed twice keeps its first
 *     "from"; a figure changed back drops out).
 * Only what a reader sees is listed: a printed value that changed, a datum added or removed.
 */
import { Document, isMap, isScalar, isSeq, parseDocument, Scalar, YAMLMap } from 'yaml';
import type { DataDiff } from './diff-data.ts';
import { BuildError, diag } from '../core/errors.ts';
import type { StoredManifest } from '../edition/manifest.ts';

export interface ChangeEntry {
  path: string;
  label: string;
  year?: number | string;
  from?: string;
  to?: string;
}

/** The `changes` the new edition should carry, or undefined when the base cannot tell (it is a later edition). */
export function expectedChanges(before: StoredManifest, after: StoredManifest, d: DataDiff): ChangeEntry[] | undefined {
  // only against the previous edition (or this one, in progress) can the base tell
  if (after.edition.number < before.edition.number || after.edition.number > before.edition.number + 1) return undefined;
  if (after.edition.number === 1) return [];
  const carried: ChangeEntry[] = after.edition.number === before.edition.number ? (before.edition.changes ?? []) : [];
  const entries = new Map(carried.map((e) => [e.path, { ...e }]));
  for (const c of d.data) {
    const from = c.before?.display;
    const to = c.after?.display;
    if (c.change === 'changed' && from === to) continue; // not a printed change (source, label …)
    const prior = entries.get(c.path);
    const first = prior ? prior.from : from;
    if (first === to) entries.delete(c.path);
    else {
      const year = c.after?.year ?? c.before?.year;
      entries.set(c.path, { path: c.path, label: c.after?.label ?? c.before?.label ?? c.label, ...(year !== undefined ? { year } : {}), ...(first !== undefined ? { from: first } : {}), ...(to !== undefined ? { to } : {}) });
    }
  }
  // the new edition's order, then removed data in the old edition's order
  const order = [...Object.keys(after.data ?? {}), ...Object.keys(before.data ?? {}), ...carried.map((e) => e.path)];
  const rank = new Map<string, number>();
  order.forEach((p, i) => rank.has(p) || rank.set(p, i));
  return [...entries.values()].sort((x, y) => (rank.get(x.path) ?? Infinity) - (rank.get(y.path) ?? Infinity));
}

/** How the recorded `changes` differ from the expected ones, in words; undefined when they agree. */
export function changelogProblems(expected: ChangeEntry[], actual: ChangeEntry[]): string | undefined {
  const show = (e: ChangeEntry) => `${e.path} (${e.from ?? '—'} → ${e.to ?? '—'})`;
  const want = new Map(expected.map((e) => [e.path, e]));
  const have = new Map(actual.map((e) => [e.path, e]));
  const problems: string[] = [];
  for (const e of expected) {
    const h = have.get(e.path);
    if (!h) problems.push(`missing ${show(e)}`);
    else if (h.from !== e.from || h.to !== e.to) problems.push(`${e.path} says ${h.from ?? '—'} → ${h.to ?? '—'}, the data ${e.from ?? '—'} → ${e.to ?? '—'}`);
  }
  for (const h of actual) if (!want.has(h.path)) problems.push(`not a change: ${show(h)}`);
  return problems.length ? problems.join('; ') : undefined;
}

const comment = '# Written by `npm run diff -- --changelog` from the data (this edition against the previous one): do not edit by hand.';

/**
 * data/edition.yaml with `changes` set to the entries (removed when there are none) and the
 * edition listed in `history` (added from `edition`, `date` and `note` when missing). The file
 * is edited in place, by position: comments, order and styles of everything else stay as written.
 */
export function writeChangelog(yamlText: string, entries: ChangeEntry[]): string {
  const doc = parseDocument(yamlText);
  const root = doc.contents;
  if (!isMap(root)) throw new BuildError([diag('DIFF_CHANGELOG_UNWRITABLE', { found: root ? (isSeq(root) ? 'a list' : 'a single value') : 'empty' }, { file: 'data/edition.yaml' })]);
  const edits: { from: number; to: number; text: string; last?: boolean }[] = [];
  const lineStart = (at: number) => yamlText.lastIndexOf('\n', at - 1) + 1;
  const lineEnd = (at: number) => {
    const nl = yamlText.indexOf('\n', at);
    return nl < 0 ? yamlText.length : nl + 1;
  };

  // the edition in `history`, in the style of the entries before it
  const number = doc.get('edition');
  const history = doc.get('history', true);
  if (isSeq(history) && history.range && !history.items.some((h) => isMap(h) && h.get('edition') === number)) {
    const last = history.items[history.items.length - 1];
    const date = new Scalar(doc.get('date'));
    date.type = Scalar.QUOTE_SINGLE;
    const item = new Document({ edition: number, date, note: doc.get('note') });
    const flow = isMap(last) && last.flow;
    if (isMap(item.contents)) item.contents.flow = flow;
    const lastStart = last && (last as { range?: [number, number, number] }).range ? (last as { range: [number, number, number] }).range[0] : history.range[0];
    const dash = yamlText.lastIndexOf('-', lastStart);
    const indent = ' '.repeat(Math.max(0, dash - lineStart(dash)));
    const body = item.toString({ lineWidth: 0 }).trimEnd().split('\n');
    const text = `${indent}- ${body[0]}\n${body.slice(1).map((l) => `${indent}  ${l}`).join('\n')}${body.length > 1 ? '\n' : ''}`;
    const at = lineEnd(history.range[1] - 1);
    edits.push({ from: at, to: at, text });
  }

  // `changes`: the old block out (with the comment above it), the new one at the end
  const pair = root.items.find((p) => isScalar(p.key) && p.key.value === 'changes');
  if (pair && isScalar(pair.key) && pair.key.range) {
    let from = lineStart(pair.key.range[0]);
    const before = yamlText.slice(lineStart(from - 1), from);
    if (from > 0 && before.trimEnd() === comment) from = lineStart(from - 1);
    const valueEnd = (pair.value as { range?: [number, number, number] } | null)?.range?.[1] ?? pair.key.range[2];
    edits.push({ from, to: lineEnd(valueEnd - 1), text: '' });
  }
  if (entries.length) {
    const block = new Document({ changes: entries.map((e) => ({ path: e.path, label: e.label, ...(e.year !== undefined ? { year: e.year } : {}), ...(e.from !== undefined ? { from: e.from } : {}), ...(e.to !== undefined ? { to: e.to } : {}) })) });
    const seq = block.get('changes');
    if (isSeq(seq)) for (const item of seq.items) if (item instanceof YAMLMap) item.flow = true;
    const end = yamlText.length;
    edits.push({ from: end, to: end, text: `${yamlText.endsWith('\n') || !yamlText ? '' : '\n'}${comment}\n${block.toString({ lineWidth: 0 })}`, last: true });
  }

  let out = yamlText;
  // from the end backwards; at one position, what goes last in the file is inserted first
  for (const e of edits.sort((x, y) => y.from - x.from || y.to - x.to || Number(!!y.last) - Number(!!x.last))) out = out.slice(0, e.from) + e.text + out.slice(e.to);
  return out;
}
