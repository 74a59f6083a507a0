/** `npm run check`: every check without a browser; warnings fail only with --strict. */
import { defineCommand } from './command.ts';
import { applyWorkBudget, strictOption, workBudgetOption } from './common-options.ts';
import { summary } from '../core/errors.ts';
import { realEffects } from '../build/real-effects.ts';
import { readInputs } from '../core/read-inputs.ts';
import { checkInputs } from '../check/check-inputs.ts';
import { readBuildCache } from '../build/build-cache.ts';

export const command = defineCommand({
  name: 'check',
  runAs: 'npm run check --',
  description:
    'Every check of the build without a browser, and without writing anything: data (YAML, schemas, derived figures), consistency rules, chapters (bindings, helpers, typed-in figures, Markdown), charts, tables and layout templates. Lists every problem of the run at once; errors fail, warnings only with --strict.',
  options: { strict: strictOption, 'work-budget': workBudgetOption },
  async run(ctx) {
    applyWorkBudget(ctx.options['work-budget']);
    // what the last build loaded and parsed, read only: check never writes to out/, nor draws or renders
    const [inputs, cache] = await Promise.all([readInputs(ctx.project, realEffects), readBuildCache(ctx.project, realEffects, ['data', 'specs', 'sources'])]);
    const checked = checkInputs(inputs, { cache });
    ctx.printDiagnostics(checked.warnings);
    const failing = ctx.options.strict && checked.warnings.length > 0;
    ctx.print(`check: ${summary(checked.warnings)} in ${(performance.now() - ctx.startedAt).toFixed(0)} ms${failing ? ' (--strict: warnings fail)' : ''}`);
    return failing ? 1 : 0;
  },
});
