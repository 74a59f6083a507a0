/**
 * `npm run data -- <action>`: work on data/ itself. `schemas` writes the editor's JSON Schemas
 * (data/schemas/<file>.schema.json, from the zod schemas and templates/data-fields.yaml) and maps
 * them in .vscode/settings.json, removing the schema of a data file that is gone.
 */
import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { defineCommand } from './command.ts';
import { oneOf } from './options.ts';
import { realEffects } from '../build/real-effects.ts';
import { readInputs } from '../core/read-inputs.ts';
import { editorFiles, schemaDir, settingsPath } from '../check/json-schemas.ts';
import { diag } from '../core/errors.ts';

export const command = defineCommand({
  name: 'data',
  runAs: 'npm run data --',
  description: 'Works on data/ itself. `schemas`: writes the editor schemas (data/schemas/<file>.schema.json, one per data file, generated from the schemas the check uses, with the titles of templates/data-fields.yaml) and maps them in .vscode/settings.json for VS Code\'s YAML extension.',
  positionals: {
    action: { value: oneOf(['schemas'], 'ACTION'), description: 'what to do: schemas (write the editor schemas)' },
  },
  async run(ctx) {
    const { root } = ctx.project;
    if (ctx.args.action === undefined) {
      ctx.printDiagnostics([diag('CLI_ARGUMENTS', { command: 'data', detail: 'say what to do: npm run data -- schemas', help: 'npm run data -- --help' })]);
      return 2;
    }
    const inputs = await readInputs(ctx.project, realEffects);
    const settings = await readFile(join(root, settingsPath), 'utf8').catch(() => undefined);
    const files = editorFiles(inputs, settings);
    const wanted = new Set(files.map((f) => f.path));
    const stale = (await readdir(join(root, schemaDir)).catch(() => [] as string[])).map((n) => `${schemaDir}/${n}`).filter((p) => p.endsWith('.schema.json') && !wanted.has(p));
    await realEffects.writeFiles(files.map((f) => ({ path: join(root, f.path), bytes: f.text })));
    for (const p of stale) await realEffects.remove(join(root, p));
    ctx.print(`data schemas: ${files.length - 1} schemas in ${schemaDir}/ and ${settingsPath}${stale.length ? `; removed ${stale.join(', ')}` : ''} in ${(performance.now() - ctx.startedAt).toFixed(0)} ms`);
    return 0;
  },
});
