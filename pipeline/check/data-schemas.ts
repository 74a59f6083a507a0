/**
 * Every data file's schema. A topic file (any data/<topic>.yaml but edition.yaml) is a mapping of
 * nodes in one grammar (datum, group, derived, text: see README "Data"), validated node by node by
 * load-data.ts; units and qualifier words come from the report's vocabulary (templates/), so a new
 * topic or unit needs no code. `edition.yaml` has its own fixed shape. The same schemas become the
 * editor's JSON Schemas (json-schemas.ts).
 */
import { z } from 'zod';
import { figureKinds, type FigureKind } from '../model/figure-kinds.ts';
import type { Vocabulary } from '../model/vocabulary.ts';

export const dataKeyPattern = /^[a-z][a-z0-9_]*$/;
/** a data path: file.key.key */
export const dataPathPattern = /^[a-z][a-z0-9_]*(?:\.[a-z][a-z0-9_]*)+$/;

/** Fields a group passes on to its items (an item's own field wins). */
export const inheritedFields = ['label', 'unit', 'year', 'source', 'decimals', 'note', 'kind', 'subject', 'measure', 'share_of', 'known_issue'] as const;
/** The inherited fields as written. */
export type Meta = Partial<{ label: string; unit: string; year: number | string; source: string; decimals: number; note: string; kind: FigureKind; subject: string | string[]; measure: string; share_of: string; known_issue: string }>;
export const datumOnlyFields = ['value', 'to', 'qualifier', 'base_year', 'part', 'change_of', 'tolerance'] as const;
export const groupOnlyFields = ['items', 'sum_to', 'parts_of_one_whole', 'multiple_choice', 'tolerance'] as const;
export const derivedOnlyFields = ['derive', 'of', 'base_year'] as const;
/** The key of a topic file's own constraints (at its top level). */
export const constraintsKey = 'constraints';
/** Field names of the grammar; a data key may not reuse them, so paths stay unambiguous. */
export const fieldNames = [...new Set([...inheritedFields, ...datumOnlyFields, ...groupOnlyFields, ...derivedOnlyFields, constraintsKey])];

export const Year = z.union([
  z.number().int().min(1990).max(2100),
  z.string().regex(/^\d{4}(?:-\d{4}|H[12]|Q[1-4]|-\d{2})?$/, 'a year such as 2024, or a period such as 2024-2025, 2024H1, 2024Q1, 2024-03'),
]);

/** A figure as printed: finite, and small enough to print exactly (at most 15 significant digits). */
export const Value = z.number().finite().refine((v) => Math.abs(v) < 1e15, 'a number below 10^15 (scale it with a larger unit, e.g. 万亿元)');
const DataPath = z.string().regex(dataPathPattern, 'a data path such as market.size_2024');
export const TextSchema = z.string().min(1).max(2000);
export const deriveKinds = ['sum', 'difference', 'growth', 'ratio'] as const;

/** After inheritance from enclosing groups, a datum must say what it is, in what, when and from whom. */
export const requiredDatumFields = ['label', 'unit', 'year', 'source'] as const;
/** Fields a topic file's `constraints: { require: [...] }` may add to those. */
export const requirableFields = ['kind', 'subject', 'measure', 'base_year', 'note'] as const;

/**
 * Which schema a node of a topic file answers to: a mapping with `value` is a datum, with `derive`
 * a derived figure, with `items` a group; a string is a text. The loader and the editor's JSON
 * Schema dispatch in this order, so both report a mistake at the same path.
 */
export function nodeKind(input: unknown): 'datum' | 'derived' | 'group' | 'text' | 'none' {
  if (typeof input === 'string') return 'text';
  if (input === null || typeof input !== 'object' || Array.isArray(input)) return 'none';
  return 'value' in input ? 'datum' : 'derive' in input ? 'derived' : 'items' in input ? 'group' : 'none';
}

/** The node schemas of topic files, for a vocabulary's units and qualifier words. */
export function topicSchemas(vocab: Vocabulary) {
  const meta = {
    label: z.string().min(1).optional(),
    unit: z.enum(vocab.units.names as [string, ...string[]]).optional(),
    year: Year.optional(),
    source: z.string().min(1).optional(),
    decimals: z.number().int().min(0).max(3).optional(),
    note: z.string().optional(),
    kind: z.enum(figureKinds).optional(),
    subject: z.union([z.string().min(1), z.array(z.string().min(1)).min(1)]).optional(),
    measure: z.string().min(1).optional(),
    share_of: DataPath.optional(),
    known_issue: z.string().min(1).optional(),
  };
  const tolerance = z.number().positive().max(100).optional();
  const Datum = z.strictObject({
    value: Value,
    to: Value.optional(),
    qualifier: z.enum([...vocab.qualifiers.keys()] as [string, ...string[]]).optional(),
    base_year: Year.optional(),
    part: DataPath.optional(),
    change_of: z.tuple([DataPath, DataPath]).optional(),
    tolerance,
    ...meta,
  });
  const Group = z.strictObject({ items: z.record(z.string(), z.unknown()), sum_to: DataPath.optional(), parts_of_one_whole: z.literal(true).optional(), multiple_choice: z.literal(true).optional(), tolerance, ...meta });
  const Derived = z.strictObject({
    derive: z.enum(deriveKinds),
    of: z.union([DataPath, z.array(DataPath).min(1)]),
    base_year: Year.optional(),
    ...meta,
  });
  const Constraints = z.strictObject({ require: z.array(z.enum(requirableFields)).min(1) });
  return { Datum, Group, Derived, Text: TextSchema, Constraints };
}
export type TopicSchemas = ReturnType<typeof topicSchemas>;
export type DatumInput = z.infer<TopicSchemas['Datum']>;
export type DerivedInput = z.infer<TopicSchemas['Derived']>;

const isoDate = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'a date as YYYY-MM-DD');
export const EditionSchema = z.strictObject({
  title: z.string().min(1),
  short_title: z.string().min(1),
  subtitle: z.string().min(1),
  /** where the cover breaks the title, when the natural break would split a word (2025 | 年) */
  cover_title_lines: z.array(z.string().min(1)).min(1).optional(),
  slug: z.string().regex(/^[a-z0-9-]+$/),
  edition: z.number().int().min(1),
  date: isoDate,
  status: z.enum(['draft', 'review', 'final']),
  data_cutoff: isoDate,
  /**
   * a consultation draft's call for comments (status: draft, 征求意见稿; edition-checks.ts requires it there):
   * `until`, the last day comments are taken (after `date`); `to`, who takes them, by name (the publisher, as a
   * rule); `how`, optionally, what a comment should say or how it is written. The colophon prints it while the
   * edition is a draft; a reviewed or final edition prints none. No address is made up: none is known
   */
  comments: z.strictObject({ until: isoDate, to: z.string().min(1), how: z.string().min(1).optional() }).optional(),
  publisher: z.string().min(1),
  /** the place of publication, for the citation (GB/T 7714); without it the citation says the standard's 出版地不详 */
  place: z.string().min(1).optional(),
  authors: z.array(z.string().min(1)).min(1),
  language: z.literal('zh-CN'),
  subject: z.string().min(1),
  keywords: z.array(z.string().min(1)).min(1),
  note: z.string().min(1),
  /** the web edition's landing page: the report's headline figures, as data paths (none: its first figure's data) */
  key_figures: z.array(z.string().min(1)).min(1).optional(),
  history: z.array(z.strictObject({ edition: z.number().int().min(1), date: isoDate, note: z.string().min(1) })).min(1),
  /**
   * the publications the report names (参考资料, render/reference-list.ts): GB/T 7714 type (R report, DB data, Z other);
   * a report's place and publisher when the source names them; `cited_as`: phrases of the chapters that cite it
   */
  references: z
    .array(
      z.strictObject({
        author: z.string().min(1).optional(),
        title: z.string().min(1),
        type: z.enum(['R', 'DB', 'Z']),
        year: z.number().int().optional(),
        place: z.string().min(1).optional(),
        publisher: z.string().min(1).optional(),
        cited_as: z.array(z.string().min(1)).min(1),
      }),
    )
    .optional(),
  /** this edition's data changes against the previous one, as printed: written by `npm run diff -- --changelog` */
  changes: z.array(z.strictObject({ path: z.string().min(1), label: z.string().min(1), year: Year.optional(), from: z.string().min(1).optional(), to: z.string().min(1).optional() })).optional(),
});
export type Edition = z.infer<typeof EditionSchema>;

/** The one data file with a shape of its own; every other data/<topic>.yaml is a topic file. */
export const editionFile = 'edition';
