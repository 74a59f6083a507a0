// The live preview's script (npm run dev; served by pipeline/dev/preview-server.ts). It draws the
// PDF's pages with pdf.js (from npm, served locally) and, on each new edition, draws the pages the
// reader sees into new canvases and swaps them in only once drawn: the old pages stay on screen
// until then (no blank or empty-box frame), the page elements stay (the reader stays on the page),
// and a burst of editions draws only the newest. The full print that replaces a proof once
// editing pauses has the same pages: it is not drawn again (one update per edit).
import * as pdfjs from '/pdfjs/pdf.min.mjs';

pdfjs.GlobalWorkerOptions.workerSrc = '/pdfjs/pdf.worker.min.mjs';

const $ = (id) => document.getElementById(id);
const words = JSON.parse($('words').textContent);
const say = (key, params = {}) => words[key].replace(/\{(\w+)\}/g, (_, k) => String(params[k] ?? ''));
const pdfUrl = document.body.dataset.pdf;
const pagesEl = $('pages');
const overlay = $('overlay');

// ---- the pages ----------------------------------------------------------------------------------

/** the edition on screen: { id, key } */
let shown = {};
let wanted;
let drawing = false;
let current;

/** The page the reader is on: the first whose lower edge is below the top third of the window. */
function readerPage() {
  const line = window.innerHeight / 3;
  const pages = [...pagesEl.children];
  const at = pages.findIndex((p) => p.getBoundingClientRect().bottom > line);
  return at < 0 ? Math.max(1, pages.length) : at + 1;
}

function goTo(n) {
  const page = pagesEl.children[n - 1];
  if (page) page.scrollIntoView({ block: 'start' });
}

/** One element per page, sized as the page will be drawn (so nothing moves while it is). */
function layOut(sizes) {
  const width = Math.min(pagesEl.clientWidth - 96, 920);
  while (pagesEl.children.length > sizes.length) pagesEl.lastElementChild.remove();
  sizes.forEach((size, i) => {
    let page = pagesEl.children[i];
    if (!page) {
      page = document.createElement('div');
      page.className = 'page';
      page.dataset.page = String(i + 1);
      const folio = document.createElement('span');
      folio.className = 'folio';
      folio.textContent = String(i + 1);
      page.append(document.createElement('canvas'), folio);
      pagesEl.append(page);
    }
    page.style.width = `${width}px`;
    page.style.height = `${Math.round((width * size.height) / size.width)}px`;
  });
  $('count').textContent = String(sizes.length);
  $('goto').max = String(sizes.length);
  return width;
}

/** Page n of pdf drawn into a new canvas, width CSS pixels wide, sharp on this screen. */
async function drawn(pdf, n, width) {
  const page = await pdf.getPage(n);
  const scale = (width * window.devicePixelRatio) / page.getViewport({ scale: 1 }).width;
  const viewport = page.getViewport({ scale });
  const canvas = document.createElement('canvas');
  canvas.width = Math.round(viewport.width);
  canvas.height = Math.round(viewport.height);
  const context = canvas.getContext('2d');
  context.fillStyle = 'white';
  context.fillRect(0, 0, canvas.width, canvas.height);
  await page.render({ canvas, canvasContext: context, viewport }).promise;
  page.cleanup();
  return canvas;
}

const swapCanvas = (n, canvas) => pagesEl.children[n - 1]?.querySelector('canvas').replaceWith(canvas);

/** The edition `target` on screen: the reader's page and its neighbours first, in one swap; the rest after. */
async function swapIn(target) {
  const pdf = await pdfjs.getDocument({ url: `${pdfUrl}?v=${encodeURIComponent(target.key)}`, isEvalSupported: false }).promise;
  const sizes = [];
  for (let n = 1; n <= pdf.numPages; n++) {
    const { width, height } = (await pdf.getPage(n)).getViewport({ scale: 1 });
    sizes.push({ width, height });
  }
  const at = Math.min(place ?? readerPage(), pdf.numPages);
  const width = layOut(sizes);
  if (place !== undefined) goTo(at);
  place = undefined;
  const near = [at - 1, at, at + 1].filter((n) => n >= 1 && n <= pdf.numPages);
  const first = await Promise.all(near.map((n) => drawn(pdf, n, width)));
  near.forEach((n, i) => swapCanvas(n, first[i]));
  const previous = current;
  current = pdf;
  shown = target;
  const updates = Number(pagesEl.dataset.updates) + 1;
  pagesEl.dataset.updates = String(updates);
  pagesEl.dataset.shown = target.key;
  document.dispatchEvent(new CustomEvent('preview-updated', { detail: { updates, key: target.key, pages: pdf.numPages } }));
  await previous?.destroy();
  // the other pages, unless a newer edition is waiting (it redraws them)
  for (let n = 1; n <= pdf.numPages && !wanted; n++) if (!near.includes(n)) swapCanvas(n, await drawn(pdf, n, width));
}

async function show(target) {
  wanted = target;
  if (drawing) return;
  drawing = true;
  try {
    while (wanted) {
      const next = wanted;
      wanted = undefined;
      await swapIn(next);
    }
  } catch (e) {
    setBuild('failed', String(e?.message ?? e));
  } finally {
    drawing = false;
  }
}

// ---- the reader's place -------------------------------------------------------------------------

const gotoInput = $('goto');
gotoInput.addEventListener('change', () => {
  goTo(Number(gotoInput.value));
});
let scrollTick;
window.addEventListener('scroll', () => {
  clearTimeout(scrollTick);
  scrollTick = setTimeout(() => {
    const n = readerPage();
    gotoInput.value = String(n);
    history.replaceState(null, '', `#page=${n}`);
  }, 100);
});
/** the page the address names (#page=N), for the first drawing */
let place = Number(/^#page=(\d+)$/.exec(location.hash)?.[1]) || undefined;

// ---- the watcher's state, from the event stream -------------------------------------------------

function setConnection(state) {
  const el = $('connection');
  el.dataset.state = state;
  el.textContent = say(state);
}

function setBuild(state, text) {
  const el = $('build');
  el.dataset.state = state;
  el.textContent = text;
  document.body.classList.toggle('failed', state === 'failed');
}

function showErrors(errors) {
  const list = $('errors');
  list.replaceChildren(
    ...errors.map((e) => {
      const item = document.createElement('li');
      if (e.at) {
        const at = document.createElement(e.href ? 'a' : 'span');
        at.className = 'at';
        at.textContent = e.at;
        if (e.href) at.href = e.href;
        item.append(at, '  ');
      }
      item.append(e.text);
      return item;
    }),
  );
  overlay.classList.add('show');
}

const dismiss = () => overlay.classList.remove('show');
$('dismiss').addEventListener('click', dismiss);
$('show-errors').addEventListener('click', () => overlay.classList.add('show'));
document.addEventListener('keydown', (e) => {
  if (e.key === 'Escape') dismiss();
});

const events = new EventSource('/events');
events.addEventListener('open', () => setConnection('connected'));
events.addEventListener('error', () => setConnection(events.readyState === EventSource.CLOSED ? 'disconnected' : 'reconnecting'));
events.addEventListener('building', () => setBuild('building', say('building')));
events.addEventListener('failed', (e) => {
  const info = JSON.parse(e.data);
  setBuild('failed', say('failed'));
  showErrors(info.errors);
});
events.addEventListener('built', async (e) => {
  const info = JSON.parse(e.data);
  dismiss();
  setBuild('built', say(info.current ? 'current' : info.settle ? 'settled' : info.proof ? 'proof' : 'built', info));
  // the PDF's hash names what is drawn: a page that reconnects to a restarted dev redraws only a new PDF
  const target = { id: info.id, key: info.pdf };
  // a full print after a proof has the proof's pages: nothing to redraw
  if (target.key === shown.key || (info.settle && target.id === shown.id)) return;
  await show(target);
});
