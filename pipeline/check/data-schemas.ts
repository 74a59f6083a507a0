/**
 * Every data file's schema, in one place. Topic files share one node grammar (datum, group,
 * derived, text: see README "Authoring guide"); `edition.yaml` has its own fixed shape.
 * Cross-field consistency rules are declared next to the schemas, in `consistency-rules.ts`.
 */
import { z } from 'zod';

export const units = [
  '万亿元', '亿元', '万元', '元', '元/人', '元/亩',
  '%', '个百分点', '倍',
  '亿人', '万人', '人', '人次', '万人次', '亿人次',
  '亿次', '万次', '次', '次/月',
  '家', '万家', '个', '万个', '万户', '岁', '版', '个省份', '个城市', '个县域', '个品类', '个行业', '大领域',
  '天', '小时', '分钟', '个月', '年', '分',
] as const;
export type Unit = (typeof units)[number];

export const dataKeyPattern = /^[a-z][a-z0-9_]*$/;
/** Field names of the grammar; a data key may not reuse them, so paths stay unambiguous. */
export const fieldNames = ['value', 'unit', 'year', 'source', 'label', 'decimals', 'note', 'items', 'derive', 'of', 'base_year'] as const;

export const Year = z.union([
  z.number().int().min(1990).max(2100),
  z.string().regex(/^\d{4}(?:-\d{4}|H[12]|Q[1-4]|-\d{2})?$/, 'a year such as 2024, or a period such as 2024-2025, 2024H1, 2024-03'),
]);

const meta = {
  label: z.string().min(1).optional(),
  unit: z.enum(units).optional(),
  year: Year.optional(),
  source: z.string().min(1).optional(),
  decimals: z.number().int().min(0).max(3).optional(),
  note: z.string().optional(),
};

/** A figure as printed: finite, and small enough to print exactly (at most 15 significant digits). */
export const Value = z.number().finite().refine((v) => Math.abs(v) < 1e15, 'a number below 10^15 (scale it with a larger unit, e.g. 万亿元)');
export const DatumSchema = z.strictObject({ value: Value, base_year: Year.optional(), ...meta });
export const GroupSchema = z.strictObject({ items: z.record(z.string(), z.unknown()), ...meta });
export const deriveKinds = ['sum', 'difference', 'growth', 'ratio'] as const;
export const DerivedSchema = z.strictObject({
  derive: z.enum(deriveKinds),
  of: z.union([z.string().min(1), z.array(z.string().min(1)).min(1)]),
  base_year: Year.optional(),
  ...meta,
});
export const TextSchema = z.string().min(1).max(2000);

/** After inheritance from enclosing groups, a datum must say what it is, in what, when and from whom. */
export const requiredDatumFields = ['label', 'unit', 'year', 'source'] as const;

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
  publisher: z.string().min(1),
  authors: z.array(z.string().min(1)).min(1),
  language: z.literal('zh-CN'),
  subject: z.string().min(1),
  keywords: z.array(z.string().min(1)).min(1),
  note: z.string().min(1),
  history: z.array(z.strictObject({ edition: z.number().int().min(1), date: isoDate, note: z.string().min(1) })).min(1),
  /** this edition's data changes against the previous one, as printed: written by `npm run diff -- --changelog` */
  changes: z.array(z.strictObject({ path: z.string().min(1), label: z.string().min(1), year: Year.optional(), from: z.string().min(1).optional(), to: z.string().min(1).optional() })).optional(),
});
export type Edition = z.infer<typeof EditionSchema>;

/** The known data files. A topic file is a mapping of nodes; its consistency rules live in consistency-rules.ts. */
export const dataFiles = {
  edition: 'edition',
  market: 'topic',
  platforms: 'topic',
  users: 'topic',
  cooperation: 'topic',
  cases: 'topic',
  technology: 'topic',
  ecosystem: 'topic',
  forecast: 'topic',
  risks: 'topic',
  implementation: 'topic',
  policy: 'topic',
  outlook: 'topic',
} as const satisfies Record<string, 'edition' | 'topic'>;
export type DataFileName = keyof typeof dataFiles;
