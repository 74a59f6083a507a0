/**
 * Data and lineage: every datum (and data text) of two editions' manifests compared as printed,
 * and for each change every sentence, chart and table it reaches — directly, or through the
 * derived figures computed from it (a changed platform share reaches wherever CR5 is printed).
 * Also which input files changed, and what the edition numbers say about it.
 */
import type { Lineage, Use } from '../edition/lineage.ts';
import type { DatumRecord, StoredManifest } from '../edition/manifest.ts';
import { diag, type Diagnostic } from '../core/errors.ts';

export type ChangeKind = 'changed' | 'added' | 'removed';

/** A use of a datum; `via` names the derived figure through which a change reaches it. */
export type Reach = Use & { via?: string };

export interface DatumChange {
  path: string;
  change: ChangeKind;
  label: string;
  before?: DatumRecord;
  after?: DatumRecord;
  /** which fields differ (changed only) */
  fields: string[];
  reaches: Reach[];
}

export interface TextNodeChange {
  path: string;
  change: ChangeKind;
  before?: string;
  after?: string;
  reaches: Reach[];
}

export interface InputsDiff {
  changed: string[];
  added: string[];
  removed: string[];
}

export interface DataDiff {
  data: DatumChange[];
  texts: TextNodeChange[];
  inputs: InputsDiff;
}

const compared = ['display', 'value', 'qualifier', 'to', 'unit', 'year', 'source', 'label', 'kind', 'derived'] as const;

export function diffData(before: StoredManifest, after: StoredManifest): DataDiff {
  const [a, b] = bothOrNeither(before.data, after.data);
  return { data: diffRecords(a, b, before, after), texts: diffTexts(before, after), inputs: diffInputs(before.inputs ?? {}, after.inputs ?? {}) };
}

type Reachable = Parameters<typeof reaches>[1];

/** Every datum whose record differs (also the import's table, sheets/), with where it reaches in its edition. */
export function diffRecords(a: Record<string, DatumRecord>, b: Record<string, DatumRecord>, before: Reachable, after: Reachable): DatumChange[] {
  const data: DatumChange[] = [];
  for (const path of orderedPaths(a, b)) {
    const x = a[path];
    const y = b[path];
    if (x && y) {
      // an edition made before kinds were recorded has none: a kind is compared only when both say it
      const fields = compared.filter((f) => !(f === 'kind' && (x[f] === undefined || y[f] === undefined)) && JSON.stringify(x[f] ?? null) !== JSON.stringify(y[f] ?? null));
      if (fields.length) data.push({ path, change: 'changed', label: y.label, before: x, after: y, fields, reaches: reaches(path, after) });
    } else if (y) data.push({ path, change: 'added', label: y.label, after: y, fields: [], reaches: reaches(path, after) });
    else data.push({ path, change: 'removed', label: x.label, before: x, fields: [], reaches: reaches(path, before) });
  }
  return data;
}

function diffTexts(before: StoredManifest, after: StoredManifest): TextNodeChange[] {
  const [ta, tb] = bothOrNeither(before.texts, after.texts);
  const texts: TextNodeChange[] = [];
  for (const path of orderedPaths(ta, tb)) {
    const x = ta[path];
    const y = tb[path];
    if (x === y) continue;
    texts.push({ path, change: x === undefined ? 'added' : y === undefined ? 'removed' : 'changed', ...(x !== undefined ? { before: x } : {}), ...(y !== undefined ? { after: y } : {}), reaches: reaches(path, y === undefined ? before : after) });
  }
  return texts;
}

/** A manifest written by an older pipeline may lack a record: what one side lacks is not compared. */
function bothOrNeither<T>(a: Record<string, T> | undefined, b: Record<string, T> | undefined): [Record<string, T>, Record<string, T>] {
  return a && b ? [a, b] : [{}, {}];
}

/** The new edition's order, then what only the old one had, in its order. */
function orderedPaths(a: Record<string, unknown>, b: Record<string, unknown>): string[] {
  return [...Object.keys(b), ...Object.keys(a).filter((k) => !(k in b))];
}

export function diffInputs(a: Record<string, string>, b: Record<string, string>): InputsDiff {
  const keys = [...new Set([...Object.keys(a), ...Object.keys(b)])].sort();
  return {
    changed: keys.filter((k) => k in a && k in b && a[k] !== b[k]),
    added: keys.filter((k) => !(k in a)),
    removed: keys.filter((k) => !(k in b)),
  };
}

/**
 * Every place a datum reaches in an edition: its own uses, then the uses of every derived
 * figure computed from it (transitively). `of` may name a group (a sum over its items).
 */
export function reaches(path: string, m: { lineage?: Lineage; data?: Record<string, Pick<DatumRecord, 'derived'>> }): Reach[] {
  const lineage: Lineage = m.lineage ?? {};
  const out: Reach[] = [...(lineage[path] ?? [])];
  const seen = new Set([path]);
  const queue = [path];
  while (queue.length) {
    const p = queue.shift()!;
    for (const [derived, rec] of Object.entries(m.data ?? {})) {
      if (seen.has(derived) || !rec.derived?.of.some((o) => o === p || p.startsWith(`${o}.`))) continue;
      seen.add(derived);
      queue.push(derived);
      out.push(...(lineage[derived] ?? []).map((u) => ({ ...u, via: derived })));
    }
  }
  return dedupeUses(out);
}

function dedupeUses(uses: Reach[]): Reach[] {
  const seen = new Set<string>();
  return uses.filter((u) => {
    const key = u.kind === 'text' ? `text:${u.chapter}:${u.section}:${u.sentence}` : `${u.kind}:${u.id}`;
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}

/** Whether the data changed: a datum or data text, or any data file other than the edition's own. */
export function dataChanged(d: DataDiff): boolean {
  const dataFile = (f: string) => /(^|\/)data\/[^/]+\.ya?ml$/.test(f) && !/(^|\/)data\/edition\.ya?ml$/.test(f);
  return d.data.length > 0 || d.texts.length > 0 || [...d.inputs.changed, ...d.inputs.added, ...d.inputs.removed].some(dataFile);
}

/** What the edition numbers say: the data changed but the number did not; the number went back. */
export function editionWarnings(before: StoredManifest, after: StoredManifest, d: DataDiff): Diagnostic[] {
  const out: Diagnostic[] = [];
  const where = { file: 'data/edition.yaml' };
  if (after.edition.number < before.edition.number) out.push(diag('DIFF_EDITION_BACKWARDS', { from: before.edition.number, to: after.edition.number }, where));
  else if (after.edition.number === before.edition.number && dataChanged(d)) out.push(diag('DIFF_EDITION_NOT_BUMPED', { edition: after.edition.number }, where));
  return out;
}
