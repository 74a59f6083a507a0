/** `npm run diff -- [<base>] [--head DIR] [--changelog] [--strict] [--timeout MS]`: see diff/diff-editions.ts. */
import { relative, resolve } from 'node:path';
import { defineCommand } from './command.ts';
import { localeOption, strictOption, timeoutOption } from './common-options.ts';
import { folderPath, refOrFolder } from './options.ts';
import { diffEditions } from '../diff/diff-editions.ts';
import { realEffects } from '../build/real-effects.ts';
import { formatDiagnostic, type Diagnostic } from '../core/errors.ts';

export const command = defineCommand({
  name: 'diff',
  runAs: 'npm run diff --',
  description:
    "Compares this edition (out/ when it is current, else the working tree built afresh) with a base edition, a git ref built in a temporary worktree or a folder holding an earlier edition's outputs, and writes out/diff/: summary.md (the pull-request comment), diff.json, redline.pdf and before/after images of the changed charts.",
  options: {
    head: { type: 'string', value: folderPath, description: 'a folder holding the new edition, instead of out/ or the working tree', defaultText: 'out/ if current, else the working tree built afresh' },
    changelog: { type: 'boolean', description: 'rewrite `changes` (and `history`) in data/edition.yaml from the comparison' },
    strict: strictOption,
    timeout: timeoutOption,
    locale: { ...localeOption, description: 'compare the text and pages of this locale\'s editions and write its redline (zh-Hant: out/diff/redline.zh-Hant.pdf); the summary always says whether zh-Hant changed in step; default: zh-Hans' },
  },
  positionals: {
    base: { value: refOrFolder, description: 'the base edition', defaultText: 'the merge-base with the main branch' },
  },
  async run(ctx) {
    const { head, changelog, timeout, strict, locale } = ctx.options;
    const result = await diffEditions(
      {
        project: ctx.project,
        base: ctx.args.base,
        head: head === undefined ? undefined : resolve(head),
        changelog,
        locale,
        timeoutMs: timeout,
        signal: ctx.signal,
        log: ctx.print,
      },
      realEffects,
    );
    const d = result.diff;
    for (const w of d.warnings) ctx.print(formatDiagnostic({ ...w, file: 'data/edition.yaml' } as Diagnostic));
    const first = result.summary.split('\n').find((l) => l.startsWith('**')) ?? '';
    ctx.print(`diff ${d.base.id} (${d.base.source}) → ${d.head.id} (${d.head.source}): ${first.replaceAll('**', '')}`);
    ctx.print(`wrote ${result.files.map((f) => relative(process.cwd(), f)).join(', ')} in ${(performance.now() - ctx.startedAt).toFixed(0)} ms`);
    if (result.changelogWritten) ctx.print('data/edition.yaml was rewritten (--changelog): commit it, and run `npm run build` for the report.');
    return strict && d.warnings.length ? 1 : 0;
  },
});
