/**
 * Options declared once and shared: every command takes --out, --verbose and --help; --strict
 * --timeout and --work-budget mean the same wherever a command takes them. `projectFor` is the one place where
 * --out becomes the folder a command writes to.
 */
import { resolve } from 'node:path';
import { defaultProject, type Project } from '../core/project.ts';
import { defaultTimeoutMs } from '../print/browser.ts';
import { defaultWorkBudgets, setWorkBudgets } from '../core/work-budget.ts';
import { folderPath, milliseconds, oneOf, type FlagSpec, type ValueSpec } from './options.ts';

export const commonOptions = {
  out: { type: 'string', value: folderPath, description: 'the folder the edition is written to and read from, instead of out/', defaultText: 'out/ in the current folder' },
  verbose: { type: 'boolean', description: 'list warnings; on a failure, show the underlying cause and the stack trace' },
  help: { type: 'boolean', short: 'h', description: 'print what the command does and its options, and exit' },
  lang: { type: 'string', value: oneOf(['zh', 'en'], 'LANG'), description: 'the language of messages: zh (from templates/messages.zh-Hans.yaml) or en', defaultText: 'REPORT_LANG, else the system locale (LANG=zh_CN.UTF-8 gives zh), else en' },
} satisfies Record<string, FlagSpec | ValueSpec<string>>;

export const strictOption = { type: 'boolean', description: 'warnings fail too (exit code 1)' } satisfies FlagSpec;

export const timeoutOption = { type: 'string', value: milliseconds, default: defaultTimeoutMs, description: 'how long the browser may take to start, and printing to finish' } satisfies ValueSpec<number>;

/** The time budgets of the work a content file can make expensive (core/work-budget.ts): set here, on the command line only. */
export const workBudgetOption = {
  type: 'string',
  value: milliseconds,
  description: 'how long one chart may take to compute, and the data files to be checked (CHART_TOO_SLOW, DATA_TOO_SLOW)',
  defaultText: `${defaultWorkBudgets.chartMs} per chart, ${defaultWorkBudgets.dataMs} for the data`,
} satisfies ValueSpec<number>;

/** Sets the budgets of this run from --work-budget (the defaults when it is not given). */
export const applyWorkBudget = (ms: number | undefined) => setWorkBudgets(ms === undefined ? undefined : { chartMs: ms, dataMs: ms });

/** The report's locales (issue 16): the source edition and templates/locale.zh-Hant.yaml's. */
export const locales = ['zh-Hans', 'zh-Hant'] as const;
export const localeOption = { type: 'string', value: oneOf(locales, 'LOCALE'), description: 'only this locale\'s edition (zh-Hans: report.pdf, zh-Hant: report.zh-Hant.pdf); default: both' } satisfies ValueSpec<string>;

/** The project in the current folder, writing to --out when given (resolved against the current folder). */
export function projectFor(cwd: string, out: string | undefined): Project {
  return defaultProject(cwd, out === undefined ? {} : { outDir: resolve(cwd, out) });
}
