/** The nested object that chapter templates resolve `{{v market.size_2024}}` against. */
import type { DataNode } from '../model/data-model.ts';

export function buildContext(nodes: Map<string, DataNode>): Record<string, unknown> {
  const root: Record<string, unknown> = {};
  for (const [path, node] of nodes) {
    const segs = path.split('.');
    let cur = root;
    for (const seg of segs.slice(0, -1)) {
      if (!Object.hasOwn(cur, seg)) cur[seg] = {};
      cur = cur[seg] as Record<string, unknown>;
    }
    const last = segs[segs.length - 1];
    // groups become plain objects holding their children; leaves are the node itself
    if (node.kind === 'group') {
      if (!Object.hasOwn(cur, last)) cur[last] = {};
      Object.defineProperty(cur[last] as object, '$node', { value: node, enumerable: false });
    } else cur[last] = node;
  }
  return root;
}
