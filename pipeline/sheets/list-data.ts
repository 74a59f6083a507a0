/**
 * `npm run data -- list [prefix]` and `npm run data -- where <path>`: the data as printed, and every
 * sentence, chart and table a datum reaches (directly, or through the figures derived from it),
 * as plain lines for a terminal.
 */
import { closest } from '../core/did-you-mean.ts';
import { diag, type Diagnostic } from '../core/errors.ts';
import type { Reach } from '../diff/diff-data.ts';
import { dataRecords } from '../edition/manifest.ts';
import type { CurrentData } from './current-data.ts';
import { sheetRows } from './sheet-rows.ts';

/** a path at or under a prefix, segment by segment: "market.size" is not under "market.si" */
const under = (path: string, prefix: string) => path === prefix || path.startsWith(`${prefix}.`);

type Listed = { ok: true; lines: string[] } | { ok: false; problem: Diagnostic };

function unknown(prefix: string, paths: string[]): Listed {
  return { ok: false, problem: diag('DATA_PATH_UNKNOWN', { path: prefix, suggestion: closest(prefix, paths) }) };
}

/** Every datum (under `prefix`): path, as printed, unit, label and year; derived ones marked. */
export function listData(current: CurrentData, prefix?: string): Listed {
  const records = dataRecords(current.data.nodes, current.data.vocabulary.range);
  const paths = sheetRows(current.data, current.lineage).map((r) => r.path).filter((p) => prefix === undefined || under(p, prefix));
  if (!paths.length) return unknown(prefix ?? '', Object.keys(records));
  const width = Math.max(...paths.map((p) => p.length));
  return {
    ok: true,
    lines: paths.map((p) => {
      const r = records[p];
      return `${p.padEnd(width)}  ${r.display}  [${r.unit}]  ${r.label} · ${r.year}${r.derived ? `  (derived: ${r.derived.kind} of ${r.derived.of.join(', ')})` : ''}`;
    }),
  };
}

const useLine = (u: Reach) => {
  const via = u.via ? ` (via ${u.via})` : '';
  return u.kind === 'text' ? `  §${u.section} ${u.chapter}${via}: ${u.sentence}` : `  ${u.kind} ${u.label} (${u.id})${via}`;
};

/** Every place each datum at or under `path` is printed. */
export function whereData(current: CurrentData, path: string): Listed {
  const rows = sheetRows(current.data, current.lineage).filter((r) => under(r.path, path));
  if (!rows.length) return unknown(path, [...current.data.nodes.keys()]);
  return { ok: true, lines: rows.flatMap((r) => [`${r.path}  ${r.label}: ${r.where.length ? `${r.where.length} places` : 'not printed'}`, ...r.where.map(useLine)]) };
}
