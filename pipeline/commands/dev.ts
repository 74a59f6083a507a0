/** `npm run dev`: watch, rebuild, and serve a live preview on localhost; Ctrl-C stops cleanly. */
import { defineCommand } from './command.ts';
import { timeoutOption } from './common-options.ts';
import { port } from './options.ts';
import { realEffects } from '../build/real-effects.ts';

export const command = defineCommand({
  name: 'dev',
  runAs: 'npm run dev --',
  description:
    'Watches chapters/, data/ and templates/, rebuilds on every save with one browser kept open, and serves a live preview on 127.0.0.1. An edit inside chapters first gives a proof (only the changed chapters printed); once editing pauses, a full print replaces it. Errors show in the terminal and in the preview, and the last good edition stays. Ctrl-C stops and closes the browser.',
  options: {
    port: { type: 'string', value: port, default: 4321, description: 'the port of the live preview on 127.0.0.1' },
    timeout: timeoutOption,
  },
  async run(ctx) {
    // the watcher, the build and the browser load only when dev runs, not for --help or a refused option
    const { startDev } = await import('../dev/watch.ts');
    const dev = await startDev(ctx.project, realEffects, { port: ctx.options.port, timeoutMs: ctx.options.timeout });
    ctx.print(`dev: watching chapters/, data/, templates/ — preview at ${dev.url}, web edition at ${dev.siteUrl} (Ctrl-C to stop)`);
    // a Ctrl-C while dev was starting counts too: it is not swallowed (issue 21)
    if (!ctx.signal.aborted) await new Promise<void>((resolve) => ctx.signal.addEventListener('abort', () => resolve(), { once: true }));
    ctx.print('dev: stopping…');
    await dev.close();
    ctx.print('dev: stopped; browser closed.');
    return 0;
  },
});
