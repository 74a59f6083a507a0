/** The typed values that flow between stages. */
import type { Position } from '../core/errors.ts';

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


export function isDatum(n: DataNode | undefined): n is Datum {
  return n?.kind === 'datum';
}
