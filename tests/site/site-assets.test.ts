import { describe, expect, it } from 'vitest';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { bundleScript, scriptKey, type ScriptCache } from '../../pipeline/site/site-assets.ts';

describe("the site's script, bundled once per text", () => {
  it('takes the bundle an earlier build kept for this very script, and bundles an edited script anew, keeping only its bundle', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'site-script-'));
    const script = join(dir, 'site.js');
    const text = 'document.title = "一";\n';
    writeFileSync(script, text);
    const cache: ScriptCache = new Map([[scriptKey(script, text), 'kept bundle']]);
    expect(await bundleScript(script, text, cache)).toEqual({ path: 'assets/site.js', bytes: 'kept bundle' });
    const edited = 'document.title = "二" + 1;\n';
    writeFileSync(script, edited);
    const made = await bundleScript(script, edited, cache);
    expect(made.bytes).toContain('document.title='); // esbuild's minified output
    expect(made.bytes).not.toBe('kept bundle');
    expect([...cache]).toEqual([[scriptKey(script, edited), made.bytes]]);
  });
});
