/**
 * What must not outlive the process when it has to stop at once (issue 21): a second Ctrl-C, or a
 * signal the running stage did not honour in time. Each owner of something outside the process
 * (a browser's process group and profile, a print file in out/) registers a synchronous cleanup
 * while it holds it; `hardStop()` runs them all, and the CLI then exits.
 */
const cleanups = new Set<() => void>();

/** Registers `cleanup`; the returned function unregisters it (call it once the thing is released normally). */
export function onHardStop(cleanup: () => void): () => void {
  cleanups.add(cleanup);
  return () => void cleanups.delete(cleanup);
}

export function hardStop(): void {
  for (const cleanup of [...cleanups]) {
    cleanups.delete(cleanup);
    try {
      cleanup();
    } catch {
      // the others still run: one failed cleanup must not leave the rest behind
    }
  }
}
