/** out/edition.json: which edition this is, from which inputs, what came out, and where every datum went. */
import { createHash } from 'node:crypto';
import type { Edition } from './schemas.ts';
import type { Inputs } from './read-inputs.ts';
import type { Lineage } from './lineage.ts';
import type { RenderedChart } from './render-charts.ts';
import type { PageMap } from './print-pdf.ts';

export interface Manifest {
  id: string;
  edition: { number: number; date: string; status: string; data_cutoff: string; slug: string; title: string };
  inputsHash: string;
  inputs: Record<string, string>;
  output: { pdf: { sha256: string; bytes: number; pages: number } };
  charts: Record<string, string>;
  /** where every anchor was printed: the next build's first guess for the contents */
  pageMap: PageMap;
  printPasses: number;
  timings: Record<string, number>;
  lineage: Lineage;
}

export function buildManifest(a: { edition: Edition; inputs: Inputs; pdf: Uint8Array; pageCount: number; passes: number; lineage: Lineage; charts: RenderedChart[]; pageMap: PageMap; timings: Record<string, number> }): Manifest {
  const e = a.edition;
  return {
    id: `${e.slug}-e${e.edition}`,
    edition: { number: e.edition, date: e.date, status: e.status, data_cutoff: e.data_cutoff, slug: e.slug, title: e.title },
    inputsHash: a.inputs.inputsHash,
    inputs: a.inputs.hashes,
    output: { pdf: { sha256: createHash('sha256').update(a.pdf).digest('hex'), bytes: a.pdf.byteLength, pages: a.pageCount } },
    charts: Object.fromEntries(a.charts.map((c) => [c.id, c.hash])),
    pageMap: a.pageMap,
    printPasses: a.passes,
    timings: a.timings,
    lineage: a.lineage,
  };
}
