// The suites build real PDFs with a real browser, one file at a time: a busy two-core machine needs
// more than vitest's default timeouts, and parallel files would compete for the same CPU.
import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: { dir: 'tests', fileParallelism: false, testTimeout: 120_000, hookTimeout: 180_000 },
});
