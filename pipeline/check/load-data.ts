/**
 * Stage 1, load data: every data/*.yaml file → one validated DataSet. Pure: takes file bytes,
 * returns values; every problem of every file is collected before the stage fails.
 */
import { basename } from 'node:path';
import { isMap, isScalar, type Node as YamlNode, type Pair } from 'yaml';
import { BuildError, diag, errorsOf, type Diagnostic } from '../core/errors.ts';
import type { DataNode, Datum, Group } from '../model/data-model.ts';
import type { SourceFile } from '../core/source-text.ts';
import { dataFiles, dataKeyPattern, DatumSchema, DerivedSchema, EditionSchema, fieldNames, GroupSchema, requiredDatumFields, TextSchema, type Edition } from './data-schemas.ts';

import { literalOf, readYamlSource, type ParsedYaml } from '../core/yaml-source.ts';
import { describeValue, zodDiagnostics } from './zod-diagnostics.ts';
import { decimalsOfLiteral } from '../model/format.ts';
import { resolveDerived, type PendingDerived } from './derive.ts';
import { checkRules } from './consistency-rules.ts';
import { buildContext } from './data-context.ts';

type Meta = { label?: string; unit?: string; year?: number | string; source?: string; decimals?: number; note?: string };
const metaKeys = ['label', 'unit', 'year', 'source', 'decimals', 'note'] as const;
const nodeKeysHint = 'value, unit, year, source, label, decimals, note, base_year (datum); items (group); derive, of (derived)';

export interface DataSet {
  edition: Edition;
  /** Every node by its path (file.key.key), in file order. */
  nodes: Map<string, DataNode>;
  /** The nested object Handlebars resolves paths against. */
  context: Record<string, unknown>;
  warnings: Diagnostic[];
}

/** One data file's share of the data set: a pure function of the file's path and bytes. */
export interface DataFilePart {
  edition?: Edition;
  /** in file order */
  nodes: DataNode[];
  pending: PendingDerived[];
  diagnostics: Diagnostic[];
}

/**
 * The whole data set. `partOf` loads one file; the build passes a cached version (by the file's
 * hash, see build-cache.ts) so unchanged files are not parsed again. What spans files (derived
 * figures, rules) is always computed here.
 */
export function loadData(files: SourceFile[], partOf: (file: SourceFile) => DataFilePart = loadDataFile): DataSet {
  const diagnostics: Diagnostic[] = [];
  const nodes = new Map<string, DataNode>();
  const pending: PendingDerived[] = [];
  let edition: Edition | undefined;

  for (const file of [...files].sort((a, b) => a.path.localeCompare(b.path))) {
    const part = partOf(file);
    edition ??= part.edition;
    for (const n of part.nodes) nodes.set(n.path, n);
    pending.push(...part.pending);
    diagnostics.push(...part.diagnostics);
  }

  if (!edition && !diagnostics.some((d) => d.file?.endsWith('edition.yaml'))) {
    diagnostics.push(diag('DATA_MISSING_FILE', { file: 'data/edition.yaml', what: 'the edition itself (title, edition number, date, status, data cut-off, publisher …)' }, { file: 'data/edition.yaml' }));
  }
  // an operand in a file or node that failed to load was reported there; do not report it twice
  const failed = errorsOf(diagnostics).flatMap((d) => [d.dataPath ?? basename(d.file ?? '').replace(/\.ya?ml$/, '')]);
  const unavailable = (p: string) => failed.some((f) => p === f || p.startsWith(f + '.') || f.startsWith(p + '.'));
  diagnostics.push(...resolveDerived(pending, nodes, unavailable));
  if (errorsOf(diagnostics).length === 0) diagnostics.push(...checkRules(nodes));
  const errors = errorsOf(diagnostics);
  if (errors.length || !edition) throw new BuildError(errors);
  return { edition, nodes, context: buildContext(nodes), warnings: diagnostics.filter((d) => d.severity === 'warning') };
}

export function loadDataFile(file: SourceFile): DataFilePart {
  const diagnostics: Diagnostic[] = [];
  const nodes = new Map<string, DataNode>();
  const pending: PendingDerived[] = [];
  const part = (edition?: Edition): DataFilePart => ({ edition, nodes: [...nodes.values()], pending, diagnostics });
  const name = basename(file.path).replace(/\.ya?ml$/, '');
  if (!(name in dataFiles)) {
    diagnostics.push(diag('DATA_UNKNOWN_FILE', { name, known: Object.keys(dataFiles).join(', ') }, { file: file.path, line: 1, column: 1 }));
    return part();
  }
  const { parsed, diagnostics: unreadable } = readYamlSource(file);
  diagnostics.push(...unreadable);
  if (!parsed) return part();
  const root = parsed.doc.contents as YamlNode | null;
  if (root === null || (isScalar(root) && (root.value === null || root.value === ''))) {
    diagnostics.push(diag('YAML_EMPTY', {}, { file: file.path, line: 1, column: 1 }));
    return part();
  }
  if (dataFiles[name as keyof typeof dataFiles] === 'edition') {
    const input = parsed.doc.toJS();
    const r = EditionSchema.safeParse(input, { reportInput: true });
    if (r.success) return part(r.data);
    diagnostics.push(...zodDiagnostics(r.error, parsed, root, (rel) => [name, ...rel].join('.'), input, Object.keys(EditionSchema.shape).join(', ')));
    return part();
  }
  if (!isMap(root)) {
    diagnostics.push(diag('DATA_SCHEMA', { expected: 'a mapping of data keys', found: describeValue(parsed.doc.toJS()) }, { ...parsed.at(root), dataPath: name }));
    return part();
  }
  walkMap(parsed, root, name, {}, nodes, pending, diagnostics);
  return part();
}

function walkMap(y: ParsedYaml, map: YamlNode, prefix: string, inherited: Meta, nodes: Map<string, DataNode>, pending: PendingDerived[], out: Diagnostic[]): string[] {
  const keys: string[] = [];
  for (const pair of (map as unknown as { items: Pair<YamlNode, YamlNode | null>[] }).items) {
    const key = isScalar(pair.key) ? String(pair.key.value) : String(pair.key);
    const path = `${prefix}.${key}`;
    if (!dataKeyPattern.test(key) || (fieldNames as readonly string[]).includes(key)) {
      out.push(diag('DATA_BAD_KEY', { key }, { ...y.at(pair.key), dataPath: path }));
      continue;
    }
    keys.push(key);
    walkNode(y, pair.value, pair.key, path, inherited, nodes, pending, out);
  }
  return keys;
}

function walkNode(y: ParsedYaml, node: YamlNode | null, keyNode: YamlNode, path: string, inherited: Meta, nodes: Map<string, DataNode>, pending: PendingDerived[], out: Diagnostic[]): void {
  const pos = y.at(node && !(isScalar(node) && node.value === null) ? node : keyNode); // an empty value: point at its key
  const input = node ? (node as YamlNode & { toJSON(): unknown }).toJSON() : null;
  const fail = (expected: string) => out.push(diag('DATA_SCHEMA', { expected, found: describeValue(input), hint: 'A datum is written { value: 15.3, unit: 万亿元, year: 2024, source: …, label: … }.' }, { ...pos, dataPath: path }));
  const relPath = (rel: (string | number)[]) => [path, ...rel].join('.');

  if (typeof input === 'string') {
    const r = TextSchema.safeParse(input);
    if (!r.success) return void out.push(...zodDiagnostics(r.error, y, node, relPath, input, ''));
    nodes.set(path, { kind: 'text', path, text: input, pos });
    return;
  }
  if (!isMap(node) || input === null || typeof input !== 'object' || Array.isArray(input)) {
    return void fail('a datum (mapping with value), a group (items), a derived figure (derive) or a text');
  }
  const obj = input as Record<string, unknown>;
  const own = pickMeta(obj);
  const merged: Meta = { ...inherited, ...own };

  if ('value' in obj) {
    const r = DatumSchema.safeParse(obj, { reportInput: true });
    if (!r.success) return void out.push(...zodDiagnostics(r.error, y, node, relPath, obj, nodeKeysHint));
    const missing = requiredDatumFields.filter((f) => merged[f] === undefined);
    for (const f of missing) out.push(diag('DATA_MISSING_KEY', { key: f, where: 'on the datum or its group' }, { ...pos, dataPath: path }));
    if (missing.length) return;
    const literal = literalOf(node.get('value', true) as YamlNode | undefined);
    const datum: Datum = {
      kind: 'datum',
      path,
      value: r.data.value,
      unit: merged.unit!,
      year: merged.year!,
      source: merged.source!,
      label: merged.label!,
      decimals: own.decimals ?? (literal !== undefined ? decimalsOfLiteral(literal) : undefined) ?? inherited.decimals ?? 0,
      note: own.note,
      baseYear: r.data.base_year,
      pos,
    };
    nodes.set(path, datum);
    return;
  }
  if ('derive' in obj) {
    const r = DerivedSchema.safeParse(obj, { reportInput: true });
    if (!r.success) return void out.push(...zodDiagnostics(r.error, y, node, relPath, obj, nodeKeysHint));
    pending.push({ path, spec: r.data, inherited: merged, pos, ofPos: y.at(node.get('of', true) as YamlNode) });
    return;
  }
  if ('items' in obj) {
    const r = GroupSchema.safeParse(obj, { reportInput: true });
    if (!r.success) return void out.push(...zodDiagnostics(r.error, y, node, relPath, obj, nodeKeysHint));
    const itemsNode = node.get('items', true) as YamlNode | null;
    if (!isMap(itemsNode)) return void fail('`items:` to be a mapping of data keys');
    const group: Group = { kind: 'group', path, label: own.label, keys: [], pos };
    nodes.set(path, group);
    group.keys = walkMap(y, itemsNode, path, merged, nodes, pending, out);
    return;
  }
  fail('a datum (value), a group (items) or a derived figure (derive)');
}

function pickMeta(obj: Record<string, unknown>): Meta {
  const m: Record<string, unknown> = {};
  for (const k of metaKeys) if (obj[k] !== undefined) m[k] = obj[k];
  return m as Meta;
}
