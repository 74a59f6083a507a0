/** The typed values that flow between stages. */
import type { Edition } from './schemas.ts';
import type { Diagnostic, Position } from './errors.ts';

/** A file as read from disk: project-relative path and its bytes. */
export interface SourceFile {
  path: string;
  bytes: Uint8Array;
}

export interface Datum {
  kind: 'datum';
  path: string;
  value: number;
  unit: string;
  year: number | string;
  source: string;
  label: string;
  decimals: number;
  note?: string;
  baseYear?: number | string;
  /** Set for computed figures: how and from which paths. */
  derived?: { kind: string; of: string[] };
  pos: Position;
}

export interface TextNode {
  kind: 'text';
  path: string;
  text: string;
  pos: Position;
}

export interface Group {
  kind: 'group';
  path: string;
  label?: string;
  /** Child keys in file order. */
  keys: string[];
  pos: Position;
}

export type DataNode = Datum | TextNode | Group;

export interface DataSet {
  edition: Edition;
  /** Every node by its path (file.key.key), in file order. */
  nodes: Map<string, DataNode>;
  /** The nested object Handlebars resolves paths against. */
  context: Record<string, unknown>;
  warnings: Diagnostic[];
}

export function isDatum(n: DataNode | undefined): n is Datum {
  return n?.kind === 'datum';
}
