import * as tf from '@tensorflow/tfjs';
import { setWasmPaths } from '@tensorflow/tfjs-backend-wasm';
import { registerConvolutionGradientKernels } from './kernels/register-gradient-kernels.js';

/**
 * Where the wasm binaries are under Node: the installed `@tensorflow/tfjs-backend-wasm/dist/` folder (tfjs looks
 * next to the calling script otherwise, which fails once bundled). In browsers, tfjs's default (its CDN or the
 * bundler's asset path) is kept unless {@link loadWasmBackend} is given a path.
 */
async function nodeWasmDirectory(): Promise<string | undefined> {
  if (typeof process === 'undefined' || !process.versions?.node) return undefined;
  const { createRequire } = await import('node:module');
  const path = await import('node:path');
  const require = createRequire(import.meta.url);
  return (
    path.dirname(require.resolve('@tensorflow/tfjs-backend-wasm/package.json')) + path.sep + 'dist' + path.sep
  );
}

let wasmReady: Promise<void> | undefined;

/**
 * Makes tfjs's `wasm` backend usable for training: finds its binaries, initialises it and registers the
 * convolution-gradient kernels it lacks. Safe to call many times.
 *
 * @example
 * await loadWasmBackend();
 * await tf.setBackend('wasm');
 */
export function loadWasmBackend(wasmPath?: string): Promise<void> {
  wasmReady ??= (async () => {
    const directory = wasmPath ?? (await nodeWasmDirectory());
    if (directory) setWasmPaths(directory);
    registerConvolutionGradientKernels('wasm');
    const previous = tf.getBackend();
    if (!(await tf.setBackend('wasm'))) throw new Error('the tfjs wasm backend failed to initialise');
    if (previous && previous !== 'wasm') await tf.setBackend(previous);
  })();
  return wasmReady;
}
