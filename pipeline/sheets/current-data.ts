/**
 * The data as the report stands and where each datum is printed, without a browser: the check and
 * the HTML stages (render/render-document.ts) give the chapters, charts and tables, from which
 * the lineage is built as the build builds it. Fresh from the inputs, never read from an out/
 * that may be older than data/.
 */
import { buildLineage, type Lineage } from '../edition/lineage.ts';
import type { Effects } from '../core/effects.ts';
import type { Project } from '../core/project.ts';
import type { Inputs } from '../core/read-inputs.ts';
import { StageTimer } from '../core/stage-timer.ts';
import type { DataSet } from '../check/load-data.ts';
import { renderDocument, stylesheetsFor } from '../render/render-document.ts';

export interface CurrentData {
  data: DataSet;
  lineage: Lineage;
}

export async function currentData(project: Project, inputs: Inputs, fx: Pick<Effects, 'clock'>): Promise<CurrentData> {
  const timer = new StageTimer({ clock: fx.clock, log: () => undefined });
  const { data, chapters, charts, tables, numbering } = await renderDocument(inputs, timer, { stylesheets: stylesheetsFor(project, inputs) });
  return { data, lineage: buildLineage(chapters, charts, tables, numbering) };
}
