import type { WebGPUBackend } from '@tensorflow/tfjs-backend-webgpu';

/**
 * Makes a synchronous GPU read fail with a clear message where it cannot work. tfjs's WebGPU backend reads
 * synchronously through an `OffscreenCanvas`, which Node lacks, so `dataSync()` would die with
 * "OffscreenCanvas is not defined"; this names the fix instead. Browsers keep the (slow) synchronous path.
 *
 * @example
 * explainSynchronousReads(backend);
 * tf.add(a, b).dataSync(); // Error: ... use `await tensor.data()` ...
 */
export function explainSynchronousReads(backend: WebGPUBackend): void {
  if (typeof OffscreenCanvas !== 'undefined') return;
  const readSync = backend.readSync.bind(backend);
  backend.readSync = (dataId) => {
    try {
      return readSync(dataId);
    } catch (error) {
      if (!(error instanceof ReferenceError) || !error.message.includes('OffscreenCanvas')) throw error;
      throw new Error(
        'WebGPU cannot read GPU memory synchronously here (no OffscreenCanvas, as in Node): use `await tensor.data()` ' +
          'instead of `dataSync()`/`arraySync()`',
        { cause: error },
      );
    }
  };
}
