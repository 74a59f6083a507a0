/**
 * The web edition's landing page shows the key figures edition.yaml names (`key_figures:`, data
 * paths): each must name a figure of data/, or the check stops at its line, as a link would.
 */
import { closest } from '../core/did-you-mean.ts';
import { diag, type Diagnostic } from '../core/errors.ts';
import type { SourceFile } from '../core/source-text.ts';
import { locate, readYamlSource } from '../core/yaml-source.ts';
import { isDatum, type DataNode } from '../model/data-model.ts';
import type { Edition } from './data-schemas.ts';

/** `file`: edition.yaml as read, to place a wrong path at its line (read again only when one is wrong). */
export function unknownKeyFigures(edition: Pick<Edition, 'key_figures'>, nodes: Map<string, DataNode>, file: SourceFile | undefined): Diagnostic[] {
  const wrong = (edition.key_figures ?? []).map((path, i) => ({ path, i })).filter(({ path }) => !isDatum(nodes.get(path)));
  if (!wrong.length) return [];
  const parsed = file ? readYamlSource(file).parsed : undefined;
  const paths = [...nodes.keys()];
  return wrong.map(({ path, i }) => diag('LINK_UNKNOWN_PATH', { field: 'key_figures', path, suggestion: closest(path, paths) }, parsed ? parsed.at(locate(parsed.doc.contents, ['key_figures', i]).node) : { file: file?.path ?? 'data/edition.yaml' }));
}
