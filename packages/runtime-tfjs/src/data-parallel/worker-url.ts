/**
 * Where the replica worker's script is: next to the bundle (`dist/data-parallel-worker.js`), or, when this
 * module runs from source (tests), in the package's built `dist/`. Throws when neither exists (build first).
 *
 * @example
 * new Worker(await replicaWorkerUrl());
 */
export async function replicaWorkerUrl(): Promise<URL> {
  const { existsSync } = await import('node:fs');
  const { fileURLToPath } = await import('node:url');
  const candidates = [
    new URL('./data-parallel-worker.js', import.meta.url),
    new URL('../../dist/data-parallel-worker.js', import.meta.url),
  ];
  const found = candidates.find((url) => existsSync(fileURLToPath(url)));
  if (!found) {
    throw new Error(
      `the data-parallel worker script is missing (looked for ${candidates.map((url) => url.pathname).join(', ')}); build @wrn/runtime-tfjs first`,
    );
  }
  return found;
}
