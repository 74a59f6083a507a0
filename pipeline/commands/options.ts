/**
 * How a command declares its options and arguments: as data, which the CLI (cli/) parses with
 * node:util's parseArgs, validates and converts before the command runs, and from which it
 * writes --help and the usage line. A command receives typed values, never raw strings.
 */
import { maxTimerMs } from '../core/timer-limit.ts';

/** What a value must look like, and how a raw argument becomes one. */
export interface ValueKind<T> {
  /** its name in usage lines: MS, N, DIR */
  placeholder: string;
  /** what a valid value is, for --help and for errors: "a whole number of milliseconds from 100 to 2147483647" */
  expected: string;
  /** a valid value, for hints */
  example: string;
  /** the value, or undefined when `raw` is not one */
  parse(raw: string): T | undefined;
}

/** `--name`: on when given. */
export interface FlagSpec {
  type: 'boolean';
  description: string;
  short?: string;
}

/** `--name VALUE` (or `--name=VALUE`). Without `default`, the command gets `undefined` when it is not given. */
export interface ValueSpec<T> {
  type: 'string';
  description: string;
  value: ValueKind<T>;
  default?: T;
  /** how --help shows the default when it is not a plain value (e.g. "out/ in the current folder") */
  defaultText?: string;
  short?: string;
}

export type OptionSpec = FlagSpec | ValueSpec<unknown>;
export type OptionSpecs = Record<string, OptionSpec>;

/** An argument that is not an option: all are optional, taken in the order they are declared. */
export interface PositionalSpec<T> {
  description: string;
  value: ValueKind<T>;
  default?: T;
  defaultText?: string;
}
export type PositionalSpecs = Record<string, PositionalSpec<unknown>>;

/** The typed value of one declaration: a flag is a boolean; a value is T, or T | undefined without a default. */
type ValueOf<S> = S extends FlagSpec ? boolean : S extends { value: ValueKind<infer T>; default: unknown } ? T : S extends { value: ValueKind<infer T> } ? T | undefined : never;
export type OptionValues<O> = { [K in keyof O]: ValueOf<O[K]> };

// ---- the kinds of value ----

/** A whole number within [min, max], written in decimal digits (no sign, exponent or fraction). */
export function wholeNumber(opts: { min: number; max: number; unit: string; placeholder?: string; example: number }): ValueKind<number> {
  return {
    placeholder: opts.placeholder ?? 'N',
    expected: `a whole number of ${opts.unit} from ${opts.min} to ${opts.max}`,
    example: String(opts.example),
    parse: (raw) => {
      if (!/^\d+$/.test(raw)) return undefined;
      const n = Number(raw);
      return Number.isSafeInteger(n) && n >= opts.min && n <= opts.max ? n : undefined;
    },
  };
}

/** A time limit in ms: at least 100 (less cannot start a browser), at most what a Node timer can hold. */
export const milliseconds = wholeNumber({ min: 100, max: maxTimerMs, unit: 'milliseconds', placeholder: 'MS', example: 90_000 });

/** A TCP port to listen on, 127.0.0.1 only. */
export const port: ValueKind<number> = { ...wholeNumber({ min: 1, max: 65535, unit: '', example: 4322 }), placeholder: 'N', expected: 'a port number from 1 to 65535' };

/**
 * Resolution of page images: up to 150 dpi, since the contact sheet holds every page side by side
 * (at 300 dpi it alone would take over a gigabyte of memory).
 */
export const dpi = wholeNumber({ min: 20, max: 150, unit: 'dots per inch', placeholder: 'DPI', example: 90 });

/** A folder, as the user wrote it: not empty, no NUL byte. Where it resolves is the caller's to say. */
export const folderPath: ValueKind<string> = {
  placeholder: 'DIR',
  expected: 'a folder path',
  example: 'out-e2',
  parse: (raw) => (raw !== '' && !raw.includes('\0') ? raw : undefined),
};

/** A git ref or a folder holding an edition (diff's base). */
export const refOrFolder: ValueKind<string> = {
  placeholder: 'REF|DIR',
  expected: 'a git ref (branch, tag, commit) or a folder holding an edition',
  example: 'main',
  parse: (raw) => (raw !== '' && !raw.includes('\0') ? raw : undefined),
};

/** One of a fixed set of words (a subcommand such as `schemas`). */
export function oneOf(words: readonly string[], placeholder: string): ValueKind<string> {
  return { placeholder, expected: `one of ${words.join(', ')}`, example: words[0], parse: (raw) => (words.includes(raw) ? raw : undefined) };
}
