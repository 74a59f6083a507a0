/** `npm run dev`: watch, rebuild, and serve a live preview on localhost; Ctrl-C stops cleanly. */
import type { Command } from './command.ts';
import { realEffects } from '../build/real-effects.ts';
import { startDev } from '../dev/watch.ts';

export const run: Command = async (ctx) => {
  const dev = await startDev(ctx.project, realEffects, { port: Number(ctx.option('port') ?? 4321), timeoutMs: Number(ctx.option('timeout') ?? 60_000) });
  ctx.print(`dev: watching chapters/, data/, templates/ — preview at ${dev.url} (Ctrl-C to stop)`);
  await new Promise<void>((resolve) => ctx.signal.addEventListener('abort', () => resolve(), { once: true }));
  ctx.print('dev: stopping…');
  await dev.close();
  ctx.print('dev: stopped; browser closed.');
  return 0;
};
