/**
 * Resolves on a later turn of the event loop (a timer, not a microtask), so that after a long synchronous stretch
 * (a float64 reference step at real size takes 7 s, several times that under load) the host can read its messages:
 * vitest's worker, for one, fails the run when its runner's reply waits unread for 60 s.
 *
 * @example
 * reference.trainStep(batch, { learningRate: 0.1 }); // seconds of synchronous work
 * await nextMacrotask();
 */
export function nextMacrotask(): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, 0));
}
