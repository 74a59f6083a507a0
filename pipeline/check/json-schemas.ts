/**
 * The editor's schemas: a JSON Schema per data file, generated from the zod schemas the check
 * validates with (z.toJSONSchema), so VS Code's YAML extension completes keys, lists units,
 * qualifiers and kinds, and marks an error where `npm run check` would. A topic file's schema
 * dispatches each node as load-data.ts does (value → datum, derive → derived, items → group,
 * else a text), so an error is reported at the same path. Titles and descriptions are the
 * analysts' words, from templates/data-fields.yaml. `npm run data -- schemas` writes them to
 * data/schemas/<file>.schema.json and maps them in .vscode/settings.json.
 */
import { basename } from 'node:path';
import { z } from 'zod';
import { BuildError, diag } from '../core/errors.ts';
import type { Inputs } from '../core/read-inputs.ts';
import { loadVocabulary } from './load-vocabulary.ts';
import type { SourceFile } from '../core/source-text.ts';
import { readYamlSource } from '../core/yaml-source.ts';
import type { Node as YamlNode } from 'yaml';
import { figureKinds } from '../model/figure-kinds.ts';
import type { Vocabulary } from '../model/vocabulary.ts';
import { constraintsKey, dataKeyPattern, editionFile, EditionSchema, fieldNames, topicSchemas, Value } from './data-schemas.ts';
import { zodDiagnostics } from './zod-diagnostics.ts';

const Words = z.strictObject({ title: z.string().min(1), description: z.string().min(1).optional() });
export const FieldWordsSchema = z.strictObject({
  topic_title: z.string().min(1),
  topic_description: z.string().min(1),
  edition_title: z.string().min(1),
  edition_description: z.string().min(1),
  nodes: z.strictObject({ datum: Words, group: Words, derived: Words, text: Words }),
  fields: z.record(z.string(), Words),
  kinds: z.record(z.enum(figureKinds), z.string().min(1)),
  edition: z.record(z.string(), Words),
  // issue 18: the spreadsheet's own headers (npm run data -- export)
  sheet: z.strictObject({ path: z.string().min(1), derived: z.string().min(1), where: z.string().min(1), not_printed: z.string().min(1) }),
});
export type FieldWords = z.infer<typeof FieldWordsSchema>;

type Json = Record<string, unknown>;

/** templates/data-fields.yaml, or the reasons it cannot be read (at their lines). */
export function readFieldWords(file: SourceFile | undefined): FieldWords {
  if (!file) throw new BuildError([diag('MISSING_TEMPLATE', { name: 'data-fields.yaml', folder: 'templates' }, { file: 'templates/data-fields.yaml' })]);
  const { parsed, diagnostics } = readYamlSource(file);
  if (!parsed) throw new BuildError(diagnostics);
  const input = parsed.doc.toJS();
  const r = FieldWordsSchema.safeParse(input, { reportInput: true });
  if (!r.success) throw new BuildError(zodDiagnostics(r.error, parsed, parsed.doc.contents as YamlNode, (rel) => ['data-fields', ...rel].join('.'), input, Object.keys(FieldWordsSchema.shape).join(', ')));
  return r.data;
}

const toJson = (schema: z.ZodType): Json =>
  z.toJSONSchema(schema, {
    target: 'draft-7',
    io: 'input',
    // a value's bound is a refinement in zod (with the author's message); the editor gets it as bounds
    override: (ctx) => {
      if (ctx.zodSchema === Value) Object.assign(ctx.jsonSchema, { exclusiveMinimum: -1e15, exclusiveMaximum: 1e15 });
    },
  }) as Json;

/** Titles and descriptions on every property the words know (and the kinds' names beside the kind enum). */
function described(schema: Json, words: Record<string, { title: string; description?: string }>, kinds?: Record<string, string>): Json {
  const props = schema.properties as Record<string, Json> | undefined;
  for (const [name, prop] of Object.entries(props ?? {})) {
    const w = words[name];
    if (w) Object.assign(prop, { title: w.title, ...(w.description ? { description: w.description } : {}) });
    // VS Code shows enumDescriptions beside each completion
    if (name === 'kind' && kinds && Array.isArray(prop.enum)) prop.enumDescriptions = (prop.enum as string[]).map((k) => kinds[k] ?? k);
  }
  delete schema.$schema;
  return schema;
}

const keyNames = (allowed: string[]) => ({ pattern: dataKeyPattern.source, not: { enum: allowed } });

/** A topic file's schema: any data key → a node, dispatched as load-data.ts dispatches it. */
export function topicJsonSchema(vocab: Vocabulary, words: FieldWords, file: string): Json {
  const s = topicSchemas(vocab);
  const node = (kind: keyof FieldWords['nodes'], schema: Json) => ({ ...schema, title: words.nodes[kind].title, description: words.nodes[kind].description });
  const group = described(toJson(s.Group), words.fields, words.kinds);
  (group.properties as Json).items = { ...((group.properties as Json).items as Json), type: 'object', propertyNames: keyNames(fieldNames), additionalProperties: { $ref: '#/definitions/node' } };
  const has = (key: string) => ({ type: 'object', properties: { [key]: true }, required: [key] });
  return {
    $schema: 'http://json-schema.org/draft-07/schema#',
    title: words.topic_title.replace('{file}', file),
    description: words.topic_description,
    type: 'object',
    propertyNames: keyNames(fieldNames.filter((f) => f !== constraintsKey)),
    properties: { [constraintsKey]: { ...described(toJson(s.Constraints), words.fields), ...words.fields[constraintsKey] } },
    additionalProperties: { $ref: '#/definitions/node' },
    definitions: {
      // the order of nodeKind (data-schemas.ts): value, then derive, then items; anything else must be a text
      node: { if: has('value'), then: { $ref: '#/definitions/datum' }, else: { if: has('derive'), then: { $ref: '#/definitions/derived' }, else: { if: has('items'), then: { $ref: '#/definitions/group' }, else: { $ref: '#/definitions/text' } } } },
      datum: node('datum', described(toJson(s.Datum), words.fields, words.kinds)),
      derived: node('derived', described(toJson(s.Derived), words.fields, words.kinds)),
      group: node('group', group),
      text: node('text', described(toJson(s.Text), {})),
    },
  };
}

export function editionJsonSchema(words: FieldWords): Json {
  return { $schema: 'http://json-schema.org/draft-07/schema#', title: words.edition_title, description: words.edition_description, ...described(toJson(EditionSchema), words.edition) };
}

/** Every data file's schema, by file name (without .yaml). */
export function dataJsonSchemas(vocab: Vocabulary, words: FieldWords, files: string[]): Map<string, Json> {
  return new Map(files.map((f) => [f, f === editionFile ? editionJsonSchema(words) : topicJsonSchema(vocab, words, f)]));
}

export const schemaDir = 'data/schemas';
export const schemaPath = (file: string) => `${schemaDir}/${file}.schema.json`;
export const schemaText = (schema: Json) => JSON.stringify(schema, null, 2) + '\n';

/** .vscode/settings.json with `yaml.schemas` mapping each schema to its data file; its other settings kept. */
export function editorSettings(existing: string | undefined, files: string[]): string {
  const settings = existing ? (JSON.parse(existing) as Json) : {};
  settings['yaml.schemas'] = Object.fromEntries(files.map((f) => [`./${schemaPath(f)}`, [`data/${f}.yaml`]]));
  return JSON.stringify(settings, null, 2) + '\n';
}

/**
 * The editor's files for a report's inputs: data/schemas/<file>.schema.json per data file, and
 * .vscode/settings.json (`settings`: its current text, whose other settings are kept).
 */
export function editorFiles(inputs: Pick<Inputs, 'data' | 'vocabulary'>, settings: string | undefined): { path: string; text: string }[] {
  const vocab = loadVocabulary(inputs.vocabulary);
  if (!vocab.vocabulary) throw new BuildError(vocab.diagnostics);
  const words = readFieldWords(inputs.vocabulary.find((f) => f.path.endsWith('/data-fields.yaml')));
  const files = inputs.data.map((f) => basename(f.path).replace(/\.ya?ml$/, '')).sort();
  const schemas = dataJsonSchemas(vocab.vocabulary, words, files);
  return [...[...schemas].map(([f, s]) => ({ path: schemaPath(f), text: schemaText(s) })), { path: settingsPath, text: editorSettings(settings, files) }];
}

export const settingsPath = '.vscode/settings.json';
