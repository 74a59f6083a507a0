/** `npm run docs`: rewrites the error reference in README.md from the catalog (core/error-reference.ts). */
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { withErrorReference } from '../core/error-reference.ts';
import { repoRoot } from '../core/project.ts';

const file = join(repoRoot, 'README.md');
const before = readFileSync(file, 'utf8');
const after = withErrorReference(before);
if (after !== before) writeFileSync(file, after);
process.stderr.write(`README.md: error reference ${after === before ? 'already up to date' : 'rewritten'}\n`);
