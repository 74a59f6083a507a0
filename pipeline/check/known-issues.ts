/**
 * Contradictions of the source accepted for now: a datum or group with `known_issue: <note>` turns
 * the errors about it (its checks, and a chapter binding it to another subject) into warnings that
 * quote the note, so they stay visible in `npm run check` until the report resolves them. A note
 * that no longer accepts anything is itself a warning: the contradiction is gone, remove it.
 */
import { diag, type Diagnostic, type Position } from '../core/errors.ts';
import type { DataNode } from '../model/data-model.ts';

const key = (p: Position | undefined) => (p ? `${p.file}:${p.line}:${p.column}` : '');

/** Where a node's note was written (its own, or its group's), or undefined when it has none. */
function noteOf(nodes: Map<string, DataNode>, path: string): { note: string; at: Position | undefined } | undefined {
  for (let p = path; p.includes('.'); p = p.slice(0, p.lastIndexOf('.'))) {
    const n = nodes.get(p);
    if ((n?.kind === 'datum' || n?.kind === 'group') && n.knownIssue) return { note: n.knownIssue, at: n.at.known_issue };
  }
  return undefined;
}

/** The notes that accepted something, by where they are written: what `unusedKnownIssues` reports the others against. */
export type AcceptedIssues = Set<string>;

export function applyKnownIssues(diagnostics: Diagnostic[], nodes: Map<string, DataNode>, accepted: AcceptedIssues = new Set()): Diagnostic[] {
  return diagnostics.map((d) => {
    if (d.severity !== 'error' || !d.dataPath) return d;
    const known = noteOf(nodes, d.dataPath);
    if (!known) return d;
    accepted.add(key(known.at));
    const { code, message } = d;
    return { ...diag('KNOWN_ISSUE', { message, code, note: known.note }, d), ...(d.cause ? { cause: d.cause } : {}) };
  });
}

/** A warning for every note (once, where it is written) that accepted nothing. */
export function unusedKnownIssues(nodes: Map<string, DataNode>, accepted: AcceptedIssues): Diagnostic[] {
  const seen = new Set<string>();
  const out: Diagnostic[] = [];
  for (const n of nodes.values()) {
    if ((n.kind !== 'datum' && n.kind !== 'group') || !n.knownIssue) continue;
    const at = n.at.known_issue;
    const k = key(at);
    if (seen.has(k) || accepted.has(k)) continue;
    seen.add(k);
    // reported at the note, with the path of the node that wrote it
    out.push(diag('KNOWN_ISSUE_UNUSED', { note: n.knownIssue }, { ...(at ?? n.pos), dataPath: writer(nodes, n.path, at) }));
  }
  return out;
}

/** The node whose own field the note is: the highest one that still has it at the same place. */
function writer(nodes: Map<string, DataNode>, path: string, at: Position | undefined): string {
  let best = path;
  for (let p = path; p.includes('.'); p = p.slice(0, p.lastIndexOf('.'))) {
    const n = nodes.get(p);
    if ((n?.kind === 'datum' || n?.kind === 'group') && key(n.at.known_issue) === key(at)) best = p;
  }
  return best;
}
