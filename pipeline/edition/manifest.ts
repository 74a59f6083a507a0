/**
 * out/edition.json: which edition this is, from which inputs, what came out, and where every
 * datum went. The schema below is the file's format: the type is derived from it, and every
 * edition.json is read through `readManifest`, never trusted as it is.
 */
import { createHash } from 'node:crypto';
import { z } from 'zod';
import { EditionSchema, type Edition } from '../check/data-schemas.ts';
import { describeValue } from '../check/zod-diagnostics.ts';
import type { Inputs } from '../core/read-inputs.ts';
import type { Lineage } from './lineage.ts';
import type { RenderedChart } from '../render/render-charts.ts';
import { join } from 'node:path';
import type { Effects } from '../core/effects.ts';
import type { Project } from '../core/project.ts';
import type { PrintedEdition } from '../print/full-printer.ts';
import type { PageMap } from '../render/page-map.ts';
import type { DataNode } from '../model/data-model.ts';
import { formatQuantity } from '../model/format.ts';
import { sourceTag } from '../model/script-conversion.ts';
import type { RangeStyle } from '../model/vocabulary.ts';

// Fields in the order the build writes them: a manifest read back keeps that order (diff.json shows records as read).
const datumRecordSchema = z.object({
  label: z.string(),
  value: z.number(),
  unit: z.string(),
  year: z.union([z.number(), z.string()]),
  source: z.string(),
  display: z.string(),
  /** a qualified figure's word (约, 超过 …) and a range's upper end; absent for an exact one, and in editions made before qualifiers */
  qualifier: z.string().optional(),
  to: z.number().optional(),
  /** what it measures (absent in editions made before kinds) */
  kind: z.string().optional(),
  derived: z.object({ kind: z.string(), of: z.array(z.string()) }).optional(),
});

const useSchema = z.union([
  z.object({ kind: z.literal('text'), chapter: z.string(), section: z.string(), sentence: z.string() }),
  z.object({ kind: z.enum(['chart', 'table']), id: z.string(), label: z.string() }),
]);

// frontPages: editions before issue 14 did not record it (0: unknown, the next print finds it)
const pageMapSchema = z.object({ tocPages: z.record(z.string(), z.string()), totalPages: z.number(), frontPages: z.number().default(0), pulled: z.array(z.string()).optional(), floats: z.record(z.string(), z.number()).optional() });

export const manifestSchema = z.object({
  id: z.string(),
  edition: z.object({ number: z.number(), date: z.string(), status: z.string(), data_cutoff: z.string(), slug: z.string(), title: z.string(), changes: EditionSchema.shape.changes }),
  inputsHash: z.string(),
  inputs: z.record(z.string(), z.string()),
  output: z.object({ pdf: z.object({ sha256: z.string(), bytes: z.number(), pages: z.number() }) }),
  charts: z.record(z.string(), z.string()),
  /** where every anchor was printed: the next build's first guess for the contents */
  pageMap: pageMapSchema,
  /** how many times the whole document was printed (0 for a proof) */
  printPasses: z.number(),
  /** layout probes before the first print (a first build, with no page numbers to start from; absent in editions made before probes) */
  printProbes: z.number().optional(),
  /** a watch-mode proof (dev/proof-plan.ts): only changed chapters reprinted; never an edition to review (absent in editions made before proofs were marked) */
  proof: z.boolean().optional(),
  timings: z.record(z.string(), z.number()),
  /** every datum as printed: what a later edition is compared against */
  data: z.record(z.string(), datumRecordSchema),
  /** every text node of the data, as printed */
  texts: z.record(z.string(), z.string()),
  lineage: z.record(z.string(), z.array(useSchema)),
  /** every locale's PDF of this build (issue 16): zh-Hans (report.pdf) and zh-Hant (report.zh-Hant.pdf); absent in editions made before */
  locales: z.record(z.string(), z.object({ file: z.string(), lang: z.string(), sha256: z.string(), bytes: z.number(), pages: z.number(), pageMap: pageMapSchema })).optional(),
});

export type Manifest = z.infer<typeof manifestSchema>;
export type DatumRecord = z.infer<typeof datumRecordSchema>;

/**
 * An edition.json as read: editions made before the data, the data texts and the lineage were
 * recorded lack them, and the diff compares what both editions have (it says what it could not).
 */
const storedManifestSchema = manifestSchema.partial({ data: true, texts: true, lineage: true });
export type StoredManifest = z.infer<typeof storedManifestSchema>;

// The schema and the types it stands for elsewhere must agree both ways (tsc fails here otherwise).
type Same<A, B> = [A] extends [B] ? ([B] extends [A] ? true : false) : false;
true satisfies Same<Lineage, Manifest['lineage']> & Same<PageMap, Manifest['pageMap']> & Same<Edition['changes'], Manifest['edition']['changes']>;

export type ManifestRead = { ok: true; manifest: StoredManifest } | { ok: false; problem: string };

/** An edition.json's text as a manifest, or what is wrong with it: the first field that does not fit, and how. */
export function parseManifest(text: string): ManifestRead {
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (e) {
    return { ok: false, problem: `not JSON (${(e as Error).message})` };
  }
  const parsed = storedManifestSchema.safeParse(json);
  if (parsed.success) return { ok: true, manifest: parsed.data };
  const issue = parsed.error.issues[0];
  const path = issue.path.map(String);
  const found = path.reduce<unknown>((v, k) => (v && typeof v === 'object' ? (v as Record<string, unknown>)[k] : undefined), json);
  const field = path.length ? `\`${path.join('.')}\`` : 'the file';
  return { ok: false, problem: issue.code === 'invalid_type' ? `${field}: expected ${issue.expected}, found ${describeValue(found)}` : `${field}: ${issue.message}` };
}

/** Reads and parses an edition.json (a missing or unreadable file is a problem too). */
export async function readManifest(file: string, readFile: (path: string) => Promise<Uint8Array>): Promise<ManifestRead> {
  let text: string;
  try {
    text = new TextDecoder().decode(await readFile(file));
  } catch (e) {
    return { ok: false, problem: `cannot be read (${(e as NodeJS.ErrnoException).code ?? (e as Error).message})` };
  }
  return parseManifest(text);
}

export function buildManifest(a: { edition: Edition; inputs: Inputs; printed: PrintedEdition; lineage: Lineage; charts: RenderedChart[]; nodes: Map<string, DataNode>; range: RangeStyle; timings: Record<string, number> }): Manifest {
  const e = a.edition;
  const { pdf } = a.printed;
  return {
    id: `${e.slug}-e${e.edition}`,
    edition: { number: e.edition, date: e.date, status: e.status, data_cutoff: e.data_cutoff, slug: e.slug, title: e.title, ...(e.changes ? { changes: e.changes } : {}) },
    inputsHash: a.inputs.inputsHash,
    inputs: a.inputs.hashes,
    output: { pdf: { sha256: createHash('sha256').update(pdf).digest('hex'), bytes: pdf.byteLength, pages: a.printed.pageCount } },
    charts: Object.fromEntries(a.charts.map((c) => [c.id, c.hash])),
    pageMap: a.printed.pageMap,
    printPasses: a.printed.passes,
    printProbes: a.printed.probes,
    proof: a.printed.proof,
    timings: a.timings,
    data: dataRecords(a.nodes, a.range),
    texts: Object.fromEntries([...a.nodes.values()].flatMap((n) => (n.kind === 'text' ? [[n.path, n.text]] : []))),
    lineage: a.lineage,
  };
}

/** Every datum as printed (also what `npm run data -- import` compares before and after). */
export function dataRecords(nodes: Map<string, DataNode>, range: RangeStyle): Record<string, DatumRecord> {
  const out: Record<string, DatumRecord> = {};
  for (const n of nodes.values()) {
    if (n.kind !== 'datum') continue;
    out[n.path] = {
      label: n.label,
      value: n.value,
      unit: n.unit,
      year: n.year,
      source: n.source,
      display: formatQuantity(n, n.unit, n.decimals, range),
      ...(n.qualifier ? { qualifier: n.qualifier.word } : {}),
      ...(n.to !== undefined ? { to: n.to } : {}),
      kind: n.figureKind,
      ...(n.derived ? { derived: n.derived } : {}),
    };
  }
  return out;
}

/** Whether out/ holds a watch-mode proof rather than an edition (editions made before proofs were marked have 0 print passes). */
export const isProof = (m: Pick<Manifest, 'proof' | 'printPasses'>) => m.proof ?? m.printPasses === 0;

/** The last edition's page map: the best first guess for this build's contents page numbers. */
export async function readLastPageMap(project: Project, fx: Pick<Effects, 'readFile'>, locale?: string): Promise<PageMap | undefined> {
  const read = await readManifest(join(project.outDir, 'edition.json'), fx.readFile);
  if (!read.ok) return undefined; // no previous edition, or an unreadable one: start from blanks
  return locale ? read.manifest.locales?.[locale]?.pageMap : read.manifest.pageMap;
}

/**
 * What a build starts from in the last edition.json: each locale's page map (the contents' first
 * guess) and, for the same inputs, its locales' records. A locale without a page map of its own
 * (a source-only build after an edit drops the other's record) starts from the source's: a
 * converted edition is the same document page for page, and a wrong guess costs one more
 * print, never a wrong number.
 */
export async function readLastManifest(project: Project, fx: Pick<Effects, 'readFile'>) {
  const read = await readManifest(join(project.outDir, 'edition.json'), fx.readFile);
  const m = read.ok ? read.manifest : undefined;
  return {
    pageMap: (tag: string): PageMap | undefined => (tag === sourceTag ? m?.pageMap : (m?.locales?.[tag]?.pageMap ?? m?.pageMap)),
    /** the locale's own page map, without the source's as a fallback */
    ownPageMap: (tag: string): PageMap | undefined => (tag === sourceTag ? m?.pageMap : m?.locales?.[tag]?.pageMap),
    /** the records of locales not rebuilt now are kept only when they were made from these very inputs */
    localesOf: (inputsHash: string) => (m && m.inputsHash === inputsHash ? (m.locales ?? {}) : {}),
  };
}
