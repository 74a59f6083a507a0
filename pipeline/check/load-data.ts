/**
 * Stage 1, load data: every data/*.yaml file → one validated DataSet. Pure: takes file bytes and
 * the report's vocabulary (units, qualifiers), returns values; every problem of every file is
 * collected before the stage fails. Any data/<topic>.yaml is a topic file (one grammar, no list of
 * files); edition.yaml is the edition itself.
 */
import { basename } from 'node:path';
import { isMap, isScalar, type Node as YamlNode, type Pair, type YAMLMap } from 'yaml';
import { BuildError, diag, errorsOf, type Diagnostic, type Position } from '../core/errors.ts';
import type { DataNode, Datum, Group } from '../model/data-model.ts';
import type { SourceFile } from '../core/source-text.ts';
import type { Vocabulary } from '../model/vocabulary.ts';
import { constraintsKey, dataKeyPattern, editionFile, EditionSchema, fieldNames, inheritedFields, nodeKind, requiredDatumFields, topicSchemas, type Edition, type Meta, type TopicSchemas } from './data-schemas.ts';
import { literalOf, readYamlSource, scalarStart, type ParsedYaml } from '../core/yaml-source.ts';
import { describeValue, zodDiagnostics } from './zod-diagnostics.ts';
import { decimalsOfLiteral } from '../model/format.ts';
import { resolveDerived, type PendingDerived } from './derive.ts';
import { checkFigures } from './figure-checks.ts';
import { checkLinks } from './link-checks.ts';
import { checkEdition } from './edition-checks.ts';
import { applyKnownIssues, type AcceptedIssues } from './known-issues.ts';
import { buildContext } from './data-context.ts';

/** Inherited fields and where each was written. */
interface Inherited {
  meta: Meta;
  at: Partial<Record<string, Position>>;
}
const nodeKeysHint = 'value, to, qualifier, unit, year, source, label, kind, subject, measure, decimals, note, base_year, share_of, part, change_of, tolerance, known_issue (datum); items, sum_to, parts_of_one_whole, multiple_choice (group); derive, of (derived)';

/** A string of the data that prints (a label, a text, a source), where it is written: the terms check reads these. */
export interface PrintedText {
  path: string;
  text: string;
  pos: Position;
  /** the string's characters follow one another on its line, so a character's column is pos.column + its index */
  exact: boolean;
}

export interface DataSet {
  edition: Edition;
  /** Every node by its path (file.key.key), in file order. */
  nodes: Map<string, DataNode>;
  /** The nested object Handlebars resolves paths against. */
  context: Record<string, unknown>;
  /** what figures are written in: units, qualifiers, the range style */
  vocabulary: Vocabulary;
  /** every label, text and source of the data, where it is written */
  texts: PrintedText[];
  /** the known_issue notes that turned an error into a warning so far (the chapters' checks add theirs) */
  accepted: AcceptedIssues;
  warnings: Diagnostic[];
}

/** One data file's share of the data set: a pure function of the file's path and bytes (and the vocabulary). */
export interface DataFilePart {
  edition?: Edition;
  /** in file order */
  nodes: DataNode[];
  pending: PendingDerived[];
  texts: PrintedText[];
  diagnostics: Diagnostic[];
}

/**
 * The whole data set. `partOf` loads one file; the build passes a cached version (by the file's
 * hash and the vocabulary's, see check-inputs.ts) so unchanged files are not parsed again. What
 * spans files (derived figures, checks of kinds and links) is always computed here.
 */
export function loadData(files: SourceFile[], vocabulary: Vocabulary, partOf: (file: SourceFile) => DataFilePart = (f) => loadDataFile(f, vocabulary)): DataSet {
  const r = loadDataLeniently(files, vocabulary, partOf);
  if (r.errors.length || !r.data.edition) throw new BuildError(r.errors);
  return r.data as DataSet;
}

/** What loaded, its errors, and which paths failed to load (already reported: nobody reports them again). */
export interface LenientData {
  data: Omit<DataSet, 'edition'> & { edition?: Edition };
  errors: Diagnostic[];
  unavailable: (path: string) => boolean;
}

/**
 * The data set as far as it loads (issue 20): a data error does not stop the checks of the
 * chapters, charts, tables and rules, which read what did load and pass over what did not.
 */
export function loadDataLeniently(files: SourceFile[], vocabulary: Vocabulary, partOf: (file: SourceFile) => DataFilePart = (f) => loadDataFile(f, vocabulary)): LenientData {
  const diagnostics: Diagnostic[] = [];
  const nodes = new Map<string, DataNode>();
  const pending: PendingDerived[] = [];
  const texts: PrintedText[] = [];
  let edition: Edition | undefined;

  for (const file of [...files].sort((a, b) => a.path.localeCompare(b.path))) {
    const part = partOf(file);
    edition ??= part.edition;
    for (const n of part.nodes) nodes.set(n.path, n);
    pending.push(...part.pending);
    texts.push(...part.texts);
    diagnostics.push(...part.diagnostics);
  }

  if (!edition && !diagnostics.some((d) => d.file?.endsWith('edition.yaml'))) {
    diagnostics.push(diag('DATA_MISSING_FILE', { file: 'data/edition.yaml', what: 'the edition itself (title, edition number, date, status, data cut-off, publisher …)' }, { file: 'data/edition.yaml' }));
  }
  // an operand in a file or node that failed to load was reported there; do not report it twice
  // a problem with a field (market.size.unit) makes its node unavailable, and what the node holds
  const nodeOf = (dataPath: string) => {
    const segs = dataPath.split('.');
    while (segs.length > 1 && ((fieldNames as readonly string[]).includes(segs[segs.length - 1]) || /^\d+$/.test(segs[segs.length - 1]))) segs.pop();
    return segs.join('.');
  };
  const failedAt = () => errorsOf(diagnostics).flatMap((d) => [d.dataPath ? nodeOf(d.dataPath) : basename(d.file ?? '').replace(/\.ya?ml$/, '')]);
  let failed = failedAt();
  const unavailable = (p: string) => !nodes.has(p) && failed.some((f) => p === f || p.startsWith(f + '.') || f.startsWith(p + '.'));
  diagnostics.push(...resolveDerived(pending, nodes, vocabulary, unavailable));
  // a derived figure that could not be computed is unavailable too (its operand's problem is reported)
  failed = [...failedAt(), ...pending.map((p) => p.path).filter((p) => !nodes.has(p))];
  const accepted: AcceptedIssues = new Set();
  // the rules run on what loaded; a rule about something that failed to load would only guess
  const rules = [...checkFigures(nodes, vocabulary), ...checkLinks(nodes, vocabulary, unavailable)].filter((d) => !d.dataPath || !unavailable(d.dataPath));
  diagnostics.push(...applyKnownIssues(rules, nodes, accepted));
  return {
    data: { edition, nodes, context: buildContext(nodes), vocabulary, texts, accepted, warnings: diagnostics.filter((d) => d.severity === 'warning') },
    errors: errorsOf(diagnostics),
    unavailable,
  };
}

export function loadDataFile(file: SourceFile, vocabulary: Vocabulary): DataFilePart {
  const diagnostics: Diagnostic[] = [];
  const nodes = new Map<string, DataNode>();
  const pending: PendingDerived[] = [];
  const texts: PrintedText[] = [];
  const part = (edition?: Edition): DataFilePart => ({ edition, nodes: [...nodes.values()], pending, texts, diagnostics });
  const name = basename(file.path).replace(/\.ya?ml$/, '');
  if (!dataKeyPattern.test(name)) {
    diagnostics.push(diag('DATA_BAD_FILE_NAME', { name }, { file: file.path, line: 1, column: 1 }));
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
  if (name === editionFile) {
    const input = parsed.doc.toJS();
    const r = EditionSchema.safeParse(input, { reportInput: true });
    if (r.success) {
      diagnostics.push(...checkEdition(r.data, parsed));
      return part(r.data);
    }
    diagnostics.push(...zodDiagnostics(r.error, parsed, root, (rel) => [name, ...rel].join('.'), input, Object.keys(EditionSchema.shape).join(', ')));
    return part();
  }
  if (!isMap(root)) {
    diagnostics.push(diag('DATA_SCHEMA', { expected: 'a mapping of data keys', found: describeValue(parsed.doc.toJS()) }, { ...parsed.at(root), dataPath: name }));
    return part();
  }
  const walker = new Walker(parsed, topicSchemas(vocabulary), vocabulary, nodes, pending, texts, diagnostics);
  walker.require = walker.constraints(root, name);
  walker.walkMap(root, name, { meta: {}, at: {} }, true);
  return part();
}

/** Walks one topic file's tree: each node validated, inherited fields passed down, every problem collected. */
class Walker {
  /** fields the file's `constraints:` requires of every datum */
  require: string[] = [];
  constructor(
    private y: ParsedYaml,
    private schemas: TopicSchemas,
    private vocab: Vocabulary,
    private nodes: Map<string, DataNode>,
    private pending: PendingDerived[],
    private texts: PrintedText[],
    private out: Diagnostic[],
  ) {}

  /** The file's `constraints: { require: [...] }`, if it has one (a top-level key of its own). */
  constraints(root: YamlNode, file: string): string[] {
    const node = (root as unknown as { get(k: string, keep: true): YamlNode | undefined }).get(constraintsKey, true);
    if (node === undefined) return [];
    const input = (node as YamlNode & { toJSON(): unknown }).toJSON();
    const r = this.schemas.Constraints.safeParse(input, { reportInput: true });
    if (r.success) return r.data.require;
    this.out.push(...zodDiagnostics(r.error, this.y, node, (rel) => [file, constraintsKey, ...rel].join('.'), input, 'require'));
    return [];
  }

  walkMap(map: YamlNode, prefix: string, inherited: Inherited, top = false): string[] {
    const keys: string[] = [];
    for (const pair of (map as unknown as { items: Pair<YamlNode, YamlNode | null>[] }).items) {
      const key = isScalar(pair.key) ? String(pair.key.value) : String(pair.key);
      if (top && key === constraintsKey) continue;
      const path = `${prefix}.${key}`;
      if (!dataKeyPattern.test(key) || (fieldNames as readonly string[]).includes(key)) {
        this.out.push(diag('DATA_BAD_KEY', { key }, { ...this.y.at(pair.key), dataPath: path }));
        continue;
      }
      keys.push(key);
      this.walkNode(pair.value, pair.key, path, inherited);
    }
    return keys;
  }

  private walkNode(node: YamlNode | null, keyNode: YamlNode, path: string, inherited: Inherited): void {
    const { y, out } = this;
    const pos = y.at(node && !(isScalar(node) && node.value === null) ? node : keyNode); // an empty value: point at its key
    const input = node ? (node as YamlNode & { toJSON(): unknown }).toJSON() : null;
    const fail = (expected: string) => out.push(diag('DATA_SCHEMA', { expected, found: describeValue(input), hint: 'A datum is written { value: 15.3, unit: 万亿元, year: 2024, source: …, label: … }.' }, { ...pos, dataPath: path }));
    const relPath = (rel: (string | number)[]) => [path, ...rel].join('.');
    const schemaProblems = (error: Parameters<typeof zodDiagnostics>[0], obj: unknown) => out.push(...zodDiagnostics(error, y, node, relPath, obj, nodeKeysHint, this.vocab.units));

    const kind = nodeKind(input);
    if (kind === 'text') {
      const r = this.schemas.Text.safeParse(input as string);
      if (!r.success) return void out.push(...zodDiagnostics(r.error, y, node, relPath, input, ''));
      this.nodes.set(path, { kind: 'text', path, text: input, pos });
      this.printed(path, node!);
      return;
    }
    if (!isMap(node) || input === null || typeof input !== 'object' || Array.isArray(input)) {
      return void fail('a datum (mapping with value), a group (items), a derived figure (derive) or a text');
    }
    const obj = input as Record<string, unknown>;
    const own = pickMeta(obj);
    const ownAt = Object.fromEntries(Object.keys(obj).map((k) => [k, y.at(node.get(k, true) as YamlNode)]));
    const merged: Inherited = { meta: { ...inherited.meta, ...own }, at: { ...inherited.at, ...pick(ownAt, Object.keys(own)) } };
    for (const field of ['label', 'source'] as const) if (own[field] !== undefined) this.printed(path, node.get(field, true) as YamlNode);

    if (kind === 'datum') {
      const r = this.schemas.Datum.safeParse(obj, { reportInput: true });
      if (!r.success) return void schemaProblems(r.error, obj);
      const datum = this.datum(path, r.data, node, merged, own, ownAt, pos);
      if (datum) this.nodes.set(path, datum);
      return;
    }
    if (kind === 'derived') {
      const r = this.schemas.Derived.safeParse(obj, { reportInput: true });
      if (!r.success) return void schemaProblems(r.error, obj);
      this.pending.push({ path, spec: r.data, inherited: merged.meta, pos, ofPos: y.at(node.get('of', true) as YamlNode), at: { ...merged.at, ...ownAt } });
      return;
    }
    if (kind === 'group') {
      const r = this.schemas.Group.safeParse(obj, { reportInput: true });
      if (!r.success) return void schemaProblems(r.error, obj);
      const itemsNode = node.get('items', true) as YamlNode | null;
      if (!isMap(itemsNode)) return void fail('`items:` to be a mapping of data keys');
      const g = r.data;
      const group: Group = {
        kind: 'group',
        path,
        label: own.label,
        keys: [],
        ...(g.sum_to ? { sumTo: g.sum_to } : {}),
        ...(g.parts_of_one_whole ? { partsOfOneWhole: true } : {}),
        ...(g.multiple_choice ? { multipleChoice: true } : {}),
        ...(g.tolerance !== undefined ? { tolerance: g.tolerance } : {}),
        ...(g.known_issue ? { knownIssue: g.known_issue } : {}),
        pos,
        at: ownAt,
      };
      this.nodes.set(path, group);
      group.keys = this.walkMap(itemsNode, path, merged);
      return;
    }
    fail('a datum (value), a group (items) or a derived figure (derive)');
  }

  /** A datum with its inherited fields, its kind (declared or its unit's) and its qualifier; undefined when it cannot be one. */
  private datum(path: string, d: ReturnType<TopicSchemas['Datum']['parse']>, node: YAMLMap, merged: Inherited, own: Meta, ownAt: Record<string, Position>, pos: Position): Datum | undefined {
    const { out, vocab } = this;
    const m = merged.meta;
    const at = (field: string) => ({ ...(ownAt[field] ?? merged.at[field] ?? pos), dataPath: path });
    let ok = true;
    for (const f of requiredDatumFields) {
      if (m[f] === undefined) {
        out.push(diag('DATA_MISSING_KEY', { key: f, where: 'on the datum or its group' }, { ...pos, dataPath: path }));
        ok = false;
      }
    }
    for (const f of this.require) {
      const has = f === 'base_year' ? d.base_year !== undefined : m[f as keyof Meta] !== undefined;
      if (!has) {
        out.push(diag('DATA_MISSING_KEY', { key: f, where: `this file's constraints require it of every datum, on the datum or its group` }, { ...pos, dataPath: path }));
        ok = false;
      }
    }
    if (!ok) return undefined;
    const dimension = vocab.units.dimensionOf(m.unit!)!;
    const figureKind = m.kind ?? dimension.kind;
    if (figureKind === undefined) {
      out.push(diag('DATA_KIND_MISSING', { unit: m.unit!, kinds: dimension.kinds.join(', ') }, at('unit')));
      return undefined;
    }
    if (!dimension.kinds.includes(figureKind)) {
      out.push(diag('DATA_KIND_UNIT', { kind: figureKind, unit: m.unit!, kinds: dimension.kinds.join(', ') }, at('kind')));
      return undefined;
    }
    const qualifier = d.qualifier === undefined ? undefined : vocab.qualifiers.get(d.qualifier)!;
    if (d.to !== undefined) {
      if (!(d.to > d.value)) {
        out.push(diag('DATA_SCHEMA', { expected: `a range's upper end above its lower end (value: ${d.value})`, found: String(d.to), hint: 'A range is written value: 8, to: 10 (the lower end first).' }, at('to')));
        return undefined;
      }
      if (qualifier && (qualifier.means !== 'about' || qualifier.stands === 'between')) {
        out.push(diag('DATA_SCHEMA', { expected: 'no bound on a range (its ends are its bounds; only an approximate qualifier that stands before or after it fits)', found: `"${qualifier.word}"`, hint: 'Write a bound as one value with its qualifier (value: 50, qualifier: 超过), or a range with value and to.' }, at('qualifier')));
        return undefined;
      }
    }
    const literals = ['value', 'to'].map((f) => literalOf(node.get(f, true) as YamlNode | undefined)).flatMap((l) => (l === undefined ? [] : [decimalsOfLiteral(l)])).filter((x): x is number => x !== undefined);
    const subject = m.subject === undefined ? undefined : typeof m.subject === 'string' ? [m.subject] : m.subject;
    return {
      kind: 'datum',
      path,
      value: d.value,
      ...(d.to !== undefined ? { to: d.to } : {}),
      ...(qualifier ? { qualifier } : {}),
      unit: m.unit!,
      year: m.year!,
      source: m.source!,
      label: m.label!,
      decimals: own.decimals ?? (literals.length ? Math.max(...literals) : undefined) ?? m.decimals ?? 0,
      figureKind,
      note: own.note,
      baseYear: d.base_year,
      ...(subject ? { subject } : {}),
      ...(m.measure ? { measure: m.measure } : {}),
      ...(m.share_of ? { shareOf: m.share_of } : {}),
      ...(d.part ? { part: d.part } : {}),
      ...(d.change_of ? { changeOf: d.change_of } : {}),
      ...(d.tolerance !== undefined ? { tolerance: d.tolerance } : {}),
      ...(m.known_issue ? { knownIssue: m.known_issue } : {}),
      pos,
      at: { ...merged.at, ...ownAt },
    };
  }

  /** Records a string that prints, with where it is written. */
  private printed(path: string, node: YamlNode): void {
    const { pos, exact } = scalarStart(this.y, node);
    this.texts.push({ path, text: String((node as unknown as { value: unknown }).value), pos, exact });
  }
}

function pickMeta(obj: Record<string, unknown>): Meta {
  const m: Record<string, unknown> = {};
  for (const k of inheritedFields) if (obj[k] !== undefined) m[k] = obj[k];
  return m as Meta;
}

const pick = <T>(o: Record<string, T>, keys: string[]) => Object.fromEntries(keys.filter((k) => k in o).map((k) => [k, o[k]]));
