/** The typed values that flow between stages. */
import type { Position } from '../core/errors.ts';
import type { FigureKind } from './figure-kinds.ts';
import type { Quantity } from './qualifiers.ts';

/** A figure of the report: a value (or range), its qualifier, unit, year, source and label, and what it measures. */
export interface Datum extends Quantity {
  kind: 'datum';
  path: string;
  unit: string;
  year: number | string;
  source: string;
  label: string;
  decimals: number;
  /** what the figure measures: declared (`kind:`), or its unit's default */
  figureKind: FigureKind;
  note?: string;
  baseYear?: number | string;
  /** who or what the figure is about: the names a sentence binding it may call it by (the first is the subject) */
  subject?: string[];
  /** what is measured, in words: two data of one subject, measure and period must agree */
  measure?: string;
  /** a share: the datum it is a share of, and (`part`) the datum that makes up that share */
  shareOf?: string;
  part?: string;
  /** a growth rate or 个百分点 change: the two data it connects, from → to */
  changeOf?: [string, string];
  /** a relative allowance for the checks of its links, in % of the compared figure */
  tolerance?: number;
  /** a contradiction accepted for now: its errors are warnings that quote this note */
  knownIssue?: string;
  /** Set for computed figures: how and from which paths. */
  derived?: { kind: string; of: string[] };
  pos: Position;
  /** where its own fields are written (a field inherited from a group is at the group's) */
  at: Partial<Record<string, Position>>;
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
  /** the items add up to this datum */
  sumTo?: string;
  /** the items are shares that do not overlap: together at most 100 % */
  partsOfOneWhole?: boolean;
  /** the items are answers of one multiple-answer question (多选): shares that overlap, together over 100 % */
  multipleChoice?: boolean;
  tolerance?: number;
  knownIssue?: string;
  pos: Position;
  at: Partial<Record<string, Position>>;
}

export type DataNode = Datum | TextNode | Group;

export function isDatum(n: DataNode | undefined): n is Datum {
  return n?.kind === 'datum';
}

/** A source's figure the edition does not adopt (under an `as_stated` group): kept in the working file, never printed or counted. */
export function isSetAside(n: DataNode): boolean {
  return n.path.split('.').includes('as_stated');
}
