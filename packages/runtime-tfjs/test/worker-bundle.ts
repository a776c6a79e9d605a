import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import { fileURLToPath, pathToFileURL } from 'node:url';

/**
 * Bundles a worker entry of this package's source (workers run a script, not TypeScript) with tsup next to
 * node_modules, so its imports resolve, rather than trusting a possibly stale dist/. esbuild: well under a second.
 *
 * @example
 * const workerUrl = bundleWorker('src/data-parallel/replica-worker.ts');
 */
export function bundleWorker(entry: string): URL {
  const packageRoot = fileURLToPath(new URL('..', import.meta.url));
  const outDir = 'node_modules/.cache/test-worker';
  const tsup = createRequire(import.meta.url).resolve('tsup/dist/cli-default.js');
  const args = [tsup, entry, '--no-config', '--format', 'esm', '--out-dir', outDir, '--silent'];
  execFileSync(process.execPath, args, { cwd: packageRoot, stdio: 'ignore' });
  const name = entry.split('/').at(-1)!.replace(/\.ts$/, '.js');
  const url = pathToFileURL(`${packageRoot}/${outDir}/${name}`);
  if (!existsSync(url)) throw new Error(`bundling ${entry} produced no ${url.pathname}`);
  return url;
}
