/**
 * out/.cache: what one build leaves for the next (loaded data files, drawn charts, rendered
 * chapters), reused only for the same bytes and the same code.
 */
import { mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { buildCacheFiles, readBuildCache, type BuildCache } from '../../pipeline/build/build-cache.ts';
import { fileKey } from '../../pipeline/core/cache.ts';
import { checkInputs } from '../../pipeline/check/check-inputs.ts';
import type { DataFilePart } from '../../pipeline/check/load-data.ts';
import { readInputs } from '../../pipeline/core/read-inputs.ts';
import { fixtureProject, quietEffects } from '../helpers/fixture.ts';

const marketPath = 'data/market.yaml';
const cacheWith = (data: Map<string, DataFilePart>): BuildCache => ({ charts: new Map(), chapters: new Map(), data, specs: new Map(), sources: new Map(), advances: new Map(), rendered: new Map(), site: new Map(), script: new Map(), editions: new Map(), layouts: new Map() });

describe('loaded data files, by hash', () => {
  it('gives the same data set from cached parts as from parsing, also after a trip through JSON', async () => {
    const project = fixtureProject();
    const inputs = await readInputs(project, quietEffects);
    const parts = new Map<string, DataFilePart>();
    const fresh = checkInputs(inputs, { cache: cacheWith(parts) }).data;
    const revived = new Map(JSON.parse(JSON.stringify([...parts])) as [string, DataFilePart][]);
    const again = checkInputs(inputs, { cache: cacheWith(revived) }).data;
    expect([...again.nodes]).toEqual([...fresh.nodes]);
    expect(again.edition).toEqual(fresh.edition);
    expect(again.warnings).toEqual(fresh.warnings);
  });

  it('reuses a file’s part while its bytes are unchanged, and parses it again when they change', async () => {
    const project = fixtureProject();
    const inputs = await readInputs(project, quietEffects);
    const parts = new Map<string, DataFilePart>();
    checkInputs(inputs, { cache: cacheWith(parts) });
    // a part is kept by the file's bytes and the vocabulary it was validated with (fileKey#vocabulary)
    const market = [...parts].find(([key]) => key.startsWith(`${fileKey(marketPath, inputs)}#`))![1];
    const datum = market.nodes.find((n) => n.path === 'market.ecommerce_size.y2024')!;
    if (datum.kind === 'datum') datum.value = 99; // what the cache says wins while the file is the same …
    expect(checkInputs(inputs, { cache: cacheWith(parts) }).data.nodes.get('market.ecommerce_size.y2024')).toMatchObject({ value: 99 });

    writeFileSync(join(project.root, marketPath), '# edited\n' + readFileSync(join(project.root, marketPath), 'utf8'));
    const edited = await readInputs(project, quietEffects); // … and the file is read again once it changed
    expect(checkInputs(edited, { cache: cacheWith(parts) }).data.nodes.get('market.ecommerce_size.y2024')).toMatchObject({ value: 15.3, pos: { line: 9 } });
  });
});

describe('loaded specs and parsed chapters, by hash', () => {
  it('give the same specs, spec positions and chapters as parsing, also after a trip through JSON', async () => {
    const project = fixtureProject();
    const inputs = await readInputs(project, quietEffects);
    const cache = cacheWith(new Map());
    const fresh = checkInputs(inputs, { cache });
    expect(cache.specs.size).toBe(inputs.charts.length + inputs.tables.length);
    expect(cache.sources.size).toBe(inputs.chapters.length);
    const trip = <T,>(m: Map<string, T>) => new Map(JSON.parse(JSON.stringify([...m])) as [string, T][]);
    const again = checkInputs(inputs, { cache: { ...cacheWith(trip(cache.data)), specs: trip(cache.specs), sources: trip(cache.sources) } });
    const plain = <T extends { at: unknown }>(s: T) => ({ ...s, at: undefined });
    expect(again.chapters).toEqual(fresh.chapters);
    expect(again.charts.map(plain)).toEqual(fresh.charts.map(plain));
    expect(again.tables.map(plain)).toEqual(fresh.tables.map(plain));
    for (const path of [['data', 0, 'from'], ['spec', 'mark'], ['caption'], ['nowhere', 3]]) {
      expect(again.charts[0].at(path)).toEqual(fresh.charts[0].at(path));
    }
    expect(fresh.charts[0].at(['data', 0, 'from'])).toMatchObject({ line: expect.any(Number), column: expect.any(Number) });
  });
});

describe('cache files in out/.cache', () => {
  it('keeps only the current files’ entries, and ignores a cache written by other code', async () => {
    const project = fixtureProject();
    const inputs = await readInputs(project, quietEffects);
    const data = new Map<string, DataFilePart>([['data/gone.yaml:0000', { nodes: [], pending: [], texts: [], diagnostics: [] }]]);
    checkInputs(inputs, { cache: cacheWith(data) });
    const files = buildCacheFiles(project, { ...cacheWith(data), charts: new Map(), chapters: new Map() }, inputs);
    mkdirSync(join(project.outDir, '.cache'), { recursive: true });
    for (const f of files) writeFileSync(f.path, f.bytes);
    const read = await readBuildCache(project, quietEffects);
    // data parts are kept by file and vocabulary (fileKey#vocabulary)
    expect([...read.data.keys()].map((k) => k.replace(/#[0-9a-f]+$/, '')).sort()).toEqual(inputs.data.map((f) => fileKey(f.path, inputs)).sort());
    // a run that needs only some parts reads only those
    expect((await readBuildCache(project, quietEffects, ['data'])).data).toEqual(read.data);
    expect((await readBuildCache(project, quietEffects, ['charts', 'specs'])).data.size).toBe(0);

    const other = { ...project, outDir: mkdtempSync(join(tmpdir(), 'report-cache-')) };
    mkdirSync(join(other.outDir, '.cache'));
    for (const f of files) writeFileSync(f.path.replace(project.outDir, other.outDir), f.bytes.replace(/^\{"code":"[0-9a-f]+"/, '{"code":"other code"'));
    expect((await readBuildCache(other, quietEffects)).data.size).toBe(0);
    writeFileSync(join(other.outDir, '.cache', 'data.json'), '{ not json');
    expect((await readBuildCache(other, quietEffects)).data.size).toBe(0);
  });
});
