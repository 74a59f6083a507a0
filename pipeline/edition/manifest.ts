/** out/edition.json: which edition this is, from which inputs, what came out, and where every datum went. */
import { createHash } from 'node:crypto';
import type { Edition } from '../check/data-schemas.ts';
import type { Inputs } from '../core/read-inputs.ts';
import type { Lineage } from './lineage.ts';
import type { RenderedChart } from '../render/render-charts.ts';
import { join } from 'node:path';
import type { Effects } from '../core/effects.ts';
import type { Project } from '../core/project.ts';
import type { PrintedEdition } from '../print/full-printer.ts';
import type { PageMap } from '../render/page-map.ts';
import type { DataNode } from '../model/data-model.ts';
import { formatValue } from '../model/format.ts';

export interface Manifest {
  id: string;
  edition: { number: number; date: string; status: string; data_cutoff: string; slug: string; title: string; changes?: Edition['changes'] };
  inputsHash: string;
  inputs: Record<string, string>;
  output: { pdf: { sha256: string; bytes: number; pages: number } };
  charts: Record<string, string>;
  /** where every anchor was printed: the next build's first guess for the contents */
  pageMap: PageMap;
  /** how many times the whole document was printed (0 for a proof) */
  printPasses: number;
  /** a watch-mode proof (dev/proof-plan.ts): only changed chapters reprinted; never an edition to review (absent in editions made before proofs were marked) */
  proof?: boolean;
  /** layout probes before the first print (a first build, with no page numbers to start from; absent in editions made before probes) */
  printProbes?: number;
  timings: Record<string, number>;
  /** every datum as printed: what a later edition is compared against */
  data: Record<string, DatumRecord>;
  /** every text node of the data, as printed */
  texts: Record<string, string>;
  lineage: Lineage;
}

export interface DatumRecord {
  label: string;
  value: number;
  unit: string;
  year: number | string;
  source: string;
  display: string;
  derived?: { kind: string; of: string[] };
}

export function buildManifest(a: { edition: Edition; inputs: Inputs; printed: PrintedEdition; lineage: Lineage; charts: RenderedChart[]; nodes: Map<string, DataNode>; timings: Record<string, number> }): Manifest {
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
    data: dataRecords(a.nodes),
    texts: Object.fromEntries([...a.nodes.values()].flatMap((n) => (n.kind === 'text' ? [[n.path, n.text]] : []))),
    lineage: a.lineage,
  };
}

function dataRecords(nodes: Map<string, DataNode>): Record<string, DatumRecord> {
  const out: Record<string, DatumRecord> = {};
  for (const n of nodes.values()) {
    if (n.kind !== 'datum') continue;
    out[n.path] = { label: n.label, value: n.value, unit: n.unit, year: n.year, source: n.source, display: formatValue(n.value, n.unit, n.decimals), ...(n.derived ? { derived: n.derived } : {}) };
  }
  return out;
}

/** Whether out/ holds a watch-mode proof rather than an edition (editions made before proofs were marked have 0 print passes). */
export const isProof = (m: Pick<Manifest, 'proof' | 'printPasses'>) => m.proof ?? m.printPasses === 0;

/** The last edition's page map: the best first guess for this build's contents page numbers. */
export async function readLastPageMap(project: Project, fx: Pick<Effects, 'readFile'>): Promise<PageMap | undefined> {
  try {
    return (JSON.parse(new TextDecoder().decode(await fx.readFile(join(project.outDir, 'edition.json')))) as Manifest).pageMap;
  } catch {
    return undefined; // no previous edition, or an unreadable one: start from blanks
  }
}
