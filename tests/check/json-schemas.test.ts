/**
 * The editor's JSON Schemas (data/schemas/, `npm run data -- schemas`): committed and current,
 * and judging a data file as zod does — a planted error is found at the same path by ajv and by
 * the loader, and on every data file of the bad-input corpus that a schema can judge (it parses
 * as YAML), ajv and the zod schemas accept and refuse the same files at the same paths.
 */
import { existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { Ajv } from 'ajv';
import { parseDocument } from 'yaml';
import { afterAll, describe, expect, it } from 'vitest';
import { constraintsKey, dataKeyPattern, EditionSchema, fieldNames, nodeKind, topicSchemas } from '../../pipeline/check/data-schemas.ts';
import { dataJsonSchemas, editorFiles, readFieldWords } from '../../pipeline/check/json-schemas.ts';
import { loadDataFile } from '../../pipeline/check/load-data.ts';
import { repoRoot } from '../../pipeline/core/project.ts';
import { readInputs } from '../../pipeline/core/read-inputs.ts';
import { defaultProject } from '../../pipeline/core/project.ts';
import { realEffects } from '../../pipeline/build/real-effects.ts';
import { templateFiles, vocabulary } from '../helpers/vocabulary.ts';
import { makeProject, removeTempDirs, runCli } from '../helpers/project.ts';

const words = readFieldWords(templateFiles.find((f) => f.path.endsWith('/data-fields.yaml')));
const topicSchema = dataJsonSchemas(vocabulary, words, ['market']).get('market')!;
const ajv = new Ajv({ allErrors: true, strict: true });
ajv.addKeyword('enumDescriptions'); // VS Code's, beside the kinds
const validateTopic = ajv.compile(topicSchema);
const validateEdition = ajv.compile(dataJsonSchemas(vocabulary, words, ['edition']).get('edition')!);

/** A JSON path as a data path: a group's `items` is no segment of its items' paths (market.size.items.y2024 → market.size.y2024). */
const asDataPath = (segments: string[]) => segments.filter((s, i) => !(s === 'items' && i < segments.length - 1)).join('.');

/** ajv's errors as data paths (market.size_2024.value); a key that is no data key at the key's own path. */
function ajvPaths(file: string, data: unknown): string[] {
  const validate = file === 'edition' ? validateEdition : validateTopic;
  if (validate(data)) return [];
  const paths = validate.errors!.filter((e) => !['if', 'anyOf'].includes(e.keyword)).map((e) => asDataPath([file, ...e.instancePath.split('/').slice(1), ...(e.keyword === 'propertyNames' ? [e.params.propertyName] : e.propertyName ? [e.propertyName] : [])]));
  return [...new Set(paths)];
}

/** The zod schemas, node by node in the loader's order (nodeKind): the paths of what they refuse. */
function zodPaths(file: string, data: unknown): string[] {
  if (file === 'edition') {
    const r = EditionSchema.safeParse(data);
    return r.success ? [] : [...new Set(r.error.issues.map((i) => [file, ...i.path, ...(i.code === 'unrecognized_keys' ? i.keys : [])].join('.')))];
  }
  const s = topicSchemas(vocabulary);
  const out: string[] = [];
  const walk = (obj: Record<string, unknown>, prefix: string, top: boolean) => {
    for (const [key, value] of Object.entries(obj)) {
      const path = `${prefix}.${key}`;
      if (top && key === constraintsKey) {
        const r = s.Constraints.safeParse(value);
        if (!r.success) out.push(...r.error.issues.map((i) => [path, ...i.path].join('.')));
        continue;
      }
      if (!dataKeyPattern.test(key) || (fieldNames as string[]).includes(key)) {
        out.push(path);
        continue;
      }
      const kind = nodeKind(value);
      const schema = kind === 'datum' ? s.Datum : kind === 'derived' ? s.Derived : kind === 'group' ? s.Group : s.Text;
      const r = schema.safeParse(value);
      if (!r.success) out.push(...r.error.issues.map((i) => [path, ...i.path, ...(i.code === 'unrecognized_keys' ? i.keys : [])].join('.')));
      else if (kind === 'group') walk((value as { items: Record<string, unknown> }).items, path, false);
    }
  };
  if (data && typeof data === 'object' && !Array.isArray(data)) walk(data as Record<string, unknown>, file, true);
  else out.push(file); // the loader: a topic file is a mapping of data keys
  return [...new Set(out)];
}

const covers = (ajvFound: string[], zodFound: string[]) => zodFound.every((z) => ajvFound.some((a) => a === z || a.startsWith(`${z}.`) || z.startsWith(`${a}.`)));

describe('the editor schemas in data/schemas/', () => {
  it('are current: `npm run data -- schemas` would write the committed files (else run it and commit)', async () => {
    const inputs = await readInputs(defaultProject(repoRoot), realEffects);
    const settings = join(repoRoot, '.vscode', 'settings.json');
    const files = editorFiles(inputs, existsSync(settings) ? readFileSync(settings, 'utf8') : undefined);
    for (const f of files) {
      const committed = existsSync(join(repoRoot, f.path)) ? readFileSync(join(repoRoot, f.path), 'utf8') : '(missing)';
      expect(committed, `${f.path} is stale: run \`npm run data -- schemas\` and commit it`).toBe(f.text);
    }
    const extra = readdirSync(join(repoRoot, 'data', 'schemas')).filter((n) => !files.some((f) => f.path === `data/schemas/${n}`));
    expect(extra, 'schemas of data files that are gone').toEqual([]);
    expect(files.filter((f) => f.path.endsWith('.schema.json'))).toHaveLength(inputs.data.length);
  });

  it('carry the analysts’ words and the report’s vocabulary: titles, units, qualifiers, kinds', () => {
    const datum = (topicSchema.definitions as Record<string, { properties: Record<string, { title?: string; enum?: string[]; enumDescriptions?: string[] }> }>).datum.properties;
    expect(datum.unit).toMatchObject({ title: '单位', enum: expect.arrayContaining(['万亿元', '%', '个百分点']) });
    expect(datum.qualifier).toMatchObject({ title: '限定词', enum: expect.arrayContaining(['约', '超过', '以上']) });
    expect(datum.kind.enumDescriptions).toContain('占比（0–100%）');
    expect(datum.label.title).toBe('名称');
  });

  it('find a planted error at the path the loader reports it', () => {
    const text = readFileSync(join(repoRoot, 'data', 'market.yaml'), 'utf8').replace('size_2024: { value: 15.3,', 'size_2024: { value: "15.3万亿",').replace("growth_2024: { value: 8.2, unit: '%'", "growth_2024: { value: 8.2, unit: '％'");
    const loaded = loadDataFile({ path: 'data/market.yaml', bytes: new TextEncoder().encode(text) }, vocabulary).diagnostics.map((d) => d.dataPath).sort();
    expect(loaded).toEqual(['market.growth_2024.unit', 'market.size_2024.value']);
    expect(ajvPaths('market', parseDocument(text).toJS()).sort()).toEqual(loaded);
    expect(zodPaths('market', parseDocument(text).toJS()).sort()).toEqual(loaded);
  });

  it('accept every data file of the report and the fixture', () => {
    for (const dir of [join(repoRoot, 'data'), join(repoRoot, 'tests', 'fixtures', 'mini', 'data')]) {
      for (const name of readdirSync(dir).filter((n) => n.endsWith('.yaml'))) {
        const data = parseDocument(readFileSync(join(dir, name), 'utf8')).toJS();
        const file = name.replace(/\.yaml$/, '');
        expect(ajvPaths(file, data), `${dir}/${name}`).toEqual([]);
        expect(zodPaths(file, data), `${dir}/${name}`).toEqual([]);
      }
    }
  });

  it('and zod agree on every data file of the bad-input corpus a schema can judge', () => {
    const casesDir = join(repoRoot, 'tests', 'bad-inputs');
    let judged = 0;
    let refused = 0;
    for (const c of readdirSync(casesDir)) {
      const dataDir = join(casesDir, c, 'data');
      if (!existsSync(dataDir)) continue;
      for (const name of readdirSync(dataDir).filter((n) => n.endsWith('.yaml'))) {
        let doc;
        try {
          doc = parseDocument(new TextDecoder('utf-8', { fatal: true }).decode(readFileSync(join(dataDir, name))), { uniqueKeys: true });
        } catch {
          continue; // not UTF-8: no schema judges bytes
        }
        // YAML that does not parse (or parses to nothing, or relies on anchors) is the parser's to judge, not a schema's
        if (doc.errors.length || doc.contents === null || /(^|[\s[{,])[&*][a-z]/m.test(String(doc))) continue;
        const data = doc.toJS();
        const file = name.replace(/\.yaml$/, '');
        const [a, z] = [ajvPaths(file, data), zodPaths(file, data)];
        expect(a.length > 0, `${c}/${name}: ajv ${JSON.stringify(a)}, zod ${JSON.stringify(z)}`).toBe(z.length > 0);
        expect(covers(a, z), `${c}/${name}: every path zod refuses is one ajv refuses (ajv ${JSON.stringify(a)}, zod ${JSON.stringify(z)})`).toBe(true);
        expect(covers(z, a), `${c}/${name}: every path ajv refuses is one zod refuses (ajv ${JSON.stringify(a)}, zod ${JSON.stringify(z)})`).toBe(true);
        judged++;
        if (z.length) refused++;
      }
    }
    // the corpus has files both accept (their case is about something else) and files both refuse
    expect(judged).toBeGreaterThanOrEqual(40);
    expect(refused).toBeGreaterThan(10);
  });
});

describe('npm run data -- schemas', { timeout: 120_000 }, () => {
  afterAll(removeTempDirs);

  it('writes a schema per data file and maps them for VS Code, keeping the other settings; a new topic file gets its own', async () => {
    const project = makeProject({ layout: 'cli' });
    writeFileSync(join(project.root, 'data', 'livestream.yaml'), `gmv_2024: { value: 5.8, unit: 万亿元, year: 2024, source: 甲, label: 直播电商规模 }\n`);
    mkdirSync(join(project.root, '.vscode'));
    writeFileSync(join(project.root, '.vscode', 'settings.json'), '{ "editor.tabSize": 2 }');
    const r = await runCli(project.root, ['data', 'schemas']);
    expect(r.code, r.stderr).toBe(0);
    expect(readdirSync(join(project.root, 'data', 'schemas')).sort()).toEqual(['edition.schema.json', 'livestream.schema.json', 'market.schema.json', 'platforms.schema.json']);
    const settings = JSON.parse(readFileSync(join(project.root, '.vscode', 'settings.json'), 'utf8'));
    expect(settings['editor.tabSize']).toBe(2);
    expect(settings['yaml.schemas']['./data/schemas/livestream.schema.json']).toEqual(['data/livestream.yaml']);
    expect(JSON.parse(readFileSync(join(project.root, 'data', 'schemas', 'livestream.schema.json'), 'utf8')).title).toBe('data/livestream.yaml：专题数据');
  });

  it('refuses an action it does not know, with the ones it does', async () => {
    const project = makeProject({ layout: 'cli' });
    const r = await runCli(project.root, ['data', 'exprot']);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('<action>: expected one of schemas, export, import, list, where, found "exprot"  [CLI_BAD_VALUE]');
  });
});
