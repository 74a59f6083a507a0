/** The effects of a real run: the file system, the clock and stderr (core/effects.ts), and a real browser. */
import { fileEffects, type Effects } from '../core/effects.ts';
import { launchBrowser } from '../print/browser.ts';

export const realEffects: Effects = { ...fileEffects, launchBrowser: (opts) => launchBrowser(undefined, opts) };
