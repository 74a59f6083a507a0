/**
 * The editions of one build share what earlier builds drew (issue 19): zh-Hant renders first (it
 * prints first), and the source edition rendered after it must still find its own charts,
 * chapters and rendered-template findings in the cache, not only what zh-Hant kept.
 */
import { describe, expect, it } from 'vitest';
import { readInputs } from '../../pipeline/core/read-inputs.ts';
import { StageTimer } from '../../pipeline/core/stage-timer.ts';
import { renderEditions, stylesheetsFor } from '../../pipeline/render/render-document.ts';
import { fixtureProject, quietEffects } from '../helpers/fixture.ts';

const project = fixtureProject();

/** A cache part that counts what is put in it: a put is work done (a chart drawn, a chapter rendered, a document parsed). */
class Counting<K, V> extends Map<K, V> {
  puts = 0;
  override set(k: K, v: V): this {
    this.puts++;
    return super.set(k, v);
  }
}

async function renderInBuildOrder(cache: { charts: Counting<string, never>; chapters: Counting<string, never>; rendered: Counting<string, never> }, tags = ['zh-Hant', 'zh-Hans']) {
  const inputs = await readInputs(project, quietEffects);
  const full = { data: new Map(), specs: new Map(), sources: new Map(), advances: new Map(), ...cache };
  const editions = await renderEditions(inputs, new StageTimer(quietEffects), { cache: full as never, stylesheets: (tag) => stylesheetsFor(project, inputs, tag), pageMaps: () => undefined });
  const charts = [];
  for (const tag of tags) charts.push(...(await editions.find((e) => e.tag === tag)!.render()).charts);
  return { cache: full, charts };
}

describe('the editions of one build and the cache', () => {
  it('a second build of both editions, zh-Hant first, draws no chart and parses no document again, also after a build of zh-Hans alone', async () => {
    const { cache: first } = await renderInBuildOrder({ charts: new Counting(), chapters: new Counting(), rendered: new Counting() });
    const drawn = new Set(first.charts.values());
    expect(drawn.size).toBeGreaterThan(0);
    const again = { charts: new Counting(first.charts), chapters: new Counting(first.chapters), rendered: new Counting(first.rendered) };
    // a build of the source edition alone in between (`--locale zh-Hans`) keeps zh-Hant's work too
    await renderInBuildOrder(again, ['zh-Hans']);
    for (const part of Object.values(again)) part.puts = 0;
    const second = await renderInBuildOrder(again);
    // every chart of both editions is the one drawn by the first build, none drawn again
    expect(second.charts.filter((c) => !drawn.has(c as never)).map((c) => c.id)).toEqual([]);
    expect(again.rendered.puts).toBe(0); // no document parsed again
    // and what it leaves for the next build still holds both editions' work
    expect([second.cache.charts.size, second.cache.chapters.size, second.cache.rendered.size]).toEqual([first.charts.size, first.chapters.size, first.rendered.size]);
  }, 120_000);
});
