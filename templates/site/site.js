// The web edition's one script (bundled with vega-embed by pipeline/site/site-assets.ts). Pages are
// complete without it: it swaps each static chart for a live one with tooltips, and runs search.
import embed from 'vega-embed';
import { expressionInterpreter } from 'vega-interpreter';

const words = document.body.dataset;

const escape = (s) => String(s).replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);

// A mark's tooltip: its row's label and series, each figure as printed (value with unit), year and source.
function formatTooltip(row) {
  if (!row || typeof row !== 'object') return escape(row ?? '');
  const lines = [];
  const title = [row.label, row.series].filter((v) => v !== undefined && v !== '').join(' · ');
  if (row.display !== undefined) lines.push([words.value, row.spoken ?? row.display]);
  for (const [k, v] of Object.entries(row)) if (k.endsWith('_display') && k !== 'display') lines.push([k.slice(0, -'_display'.length), v]);
  if (row.unit) lines.push([words.unit, row.unit]);
  if (row.year !== undefined) lines.push([words.year, row.year]);
  if (row.source) lines.push([words.source, row.source]);
  const body = lines.map(([k, v]) => `<tr><td class="key">${escape(k)}</td><td class="value">${escape(v)}</td></tr>`).join('');
  return `${title ? `<h2>${escape(title)}</h2>` : ''}<table>${body}</table>`;
}

// The spec's views are sized for the printed page. A column narrower than that (a phone) gets the
// chart laid out again, not shrunk: panels side by side are stacked, and each view loses the
// width the chart overflows by, so its labels keep the size they print at.
const viewWidths = (spec) => [spec, ...(spec.hconcat ?? spec.vconcat ?? [])].filter((v) => typeof v.width === 'number');

function stacked(spec) {
  if (!spec.hconcat) return spec;
  const { hconcat, ...rest } = spec;
  return { ...rest, vconcat: hconcat, spacing: 24 };
}

function narrowedBy(spec, px) {
  const narrow = (by) => (v) => (typeof v.width === 'number' ? { ...v, width: Math.max(120, Math.floor(v.width - by)) } : v);
  if (spec.vconcat) return { ...spec, vconcat: spec.vconcat.map(narrow(px)) };
  // panels side by side share what the chart overflows by
  if (spec.hconcat) return { ...spec, hconcat: spec.hconcat.map(narrow(px / spec.hconcat.length)) };
  return narrow(px)(spec);
}

// how far right the chart draws, from the container's left edge, at its own size (the container
// is `.is-fitting`: the SVG neither scaled down nor centred): its marks may reach past the SVG's
// width (a label beside an open-ended bar)
function drawnWidth(el) {
  const left = el.getBoundingClientRect().left;
  const marks = [...el.querySelectorAll('svg text, svg path, svg rect, svg line')];
  return Math.max(0, ...marks.map((m) => m.getBoundingClientRect().right - left));
}

// `printed`: the width of the printed chart (the static SVG), its labels included
async function fitted(live, spec, printed, options) {
  const room = live.clientWidth;
  let fit = room && printed > room ? stacked(spec) : spec;
  live.classList.add('is-fitting');
  let result = await embed(live, fit, options);
  // a narrower view moves labels that sit past the bars' end: measure and narrow again, at most three times
  for (let tries = 0; tries < 3 && room && viewWidths(fit).length; tries++) {
    const over = drawnWidth(live) - room;
    if (over <= 1) break;
    result.view.finalize();
    fit = narrowedBy(fit, over);
    result = await embed(live, fit, options);
    live.classList.add('is-narrowed');
  }
  live.classList.remove('is-fitting');
  return result;
}

async function liveCharts() {
  const figures = document.querySelectorAll('figure.chart');
  if (!figures.length) return;
  // vega measures labels as it lays a chart out: load the font's slices for the charts' text first
  const text = [...figures].map((f) => f.querySelector('script.chart-spec')?.textContent ?? '').join('');
  await Promise.all([400, 700].map((w) => document.fonts.load(`${w} 10px "Noto Sans SC"`, text).catch(() => undefined)));
  for (const figure of figures) {
    const data = figure.querySelector('script.chart-spec');
    const still = figure.querySelector('.chart-body');
    if (!data || !still) continue;
    const live = document.createElement('div');
    live.className = 'chart-live';
    live.setAttribute('role', 'img');
    live.setAttribute('aria-label', still.querySelector('desc')?.textContent ?? '');
    still.after(live);
    const printed = Number(still.querySelector('svg')?.getAttribute('width') ?? 0);
    const result = await fitted(live, JSON.parse(data.textContent), printed, {
      renderer: 'svg',
      actions: false,
      defaultStyle: false,
      ast: true,
      expr: expressionInterpreter,
      tooltip: { formatTooltip, disableDefaultStyle: true },
    });
    still.hidden = true;
    figure.classList.add('is-live');
    figure.liveView = result.view;
  }
}

async function search() {
  const form = document.querySelector('form[role="search"]');
  if (!form) return;
  const input = form.querySelector('input[name="q"]');
  const status = document.getElementById('search-status');
  const list = document.getElementById('search-results');
  const base = new URL('.', document.baseURI);
  const pagefind = await import(new URL('pagefind/pagefind.js', base).href);
  await pagefind.options({ baseUrl: base.pathname });
  const run = async (q) => {
    list.replaceChildren();
    status.textContent = '';
    if (!q.trim()) return;
    const found = await pagefind.search(q);
    const results = await Promise.all(found.results.slice(0, 20).map((r) => r.data()));
    status.textContent = results.length ? status.dataset.found.replace('{count}', found.results.length) : status.dataset.none;
    for (const r of results) {
      // the section the words are in (pagefind's sub-result: the nearest heading with an id), not the top of the chapter
      const sub = r.sub_results?.[0];
      const li = document.createElement('li');
      const a = document.createElement('a');
      a.href = sub?.url ?? r.url;
      a.textContent = [r.meta?.title ?? r.url, sub && sub.title !== r.meta?.title ? sub.title : ''].filter(Boolean).join(' › ');
      const p = document.createElement('p');
      p.innerHTML = sub?.excerpt ?? r.excerpt; // pagefind's excerpt: the page's text, escaped, with <mark>
      li.append(a, p);
      list.append(li);
    }
  };
  const q = new URLSearchParams(location.search).get('q') ?? '';
  input.value = q;
  form.addEventListener('submit', (e) => {
    e.preventDefault();
    history.replaceState(null, '', `?q=${encodeURIComponent(input.value)}`);
    run(input.value);
  });
  await run(q);
}

liveCharts();
search();
