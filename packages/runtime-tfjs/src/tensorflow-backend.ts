import * as tf from '@tensorflow/tfjs';

/**
 * The optional packages that provide tfjs's native `tensorflow` backend, GPU first.
 *
 * @example
 * TENSORFLOW_PACKAGES[0]; // '@tensorflow/tfjs-node-gpu'
 */
export const TENSORFLOW_PACKAGES = ['@tensorflow/tfjs-node-gpu', '@tensorflow/tfjs-node'] as const;

/**
 * Imports a module by name; replaceable in tests.
 *
 * @example
 * const importer: ModuleImporter = (specifier) => import(specifier);
 */
export type ModuleImporter = (specifier: string) => Promise<unknown>;

// A variable specifier keeps bundlers and TypeScript from resolving the optional peers at build time.
const importModule: ModuleImporter = (specifier) => import(/* @vite-ignore */ specifier);

function isNotInstalled(error: unknown, specifier: string): boolean {
  const { code, message } = (error ?? {}) as { code?: string; message?: string };
  return (
    (code === 'ERR_MODULE_NOT_FOUND' || code === 'MODULE_NOT_FOUND') && String(message).includes(specifier)
  );
}

/**
 * Loads tfjs's native `tensorflow` backend from `@tensorflow/tfjs-node-gpu` (preferred) or `@tensorflow/tfjs-node`,
 * optional peer dependencies imported only here. Throws an Error that says which package to install, what the GPU
 * build needs, why an installed one failed to load, and which backends work now.
 *
 * @example
 * await loadTensorflowBackend(); // then tf.setBackend('tensorflow')
 */
export async function loadTensorflowBackend(importer: ModuleImporter = importModule): Promise<string> {
  const failures: string[] = [];
  for (const specifier of TENSORFLOW_PACKAGES) {
    try {
      await importer(specifier);
    } catch (error) {
      if (!isNotInstalled(error, specifier)) {
        failures.push(
          `${specifier} is installed but failed to load: ${(error as Error)?.message ?? String(error)}`,
        );
      }
      continue;
    }
    if (tf.findBackendFactory('tensorflow')) return specifier;
    failures.push(
      `${specifier} loaded but registered no 'tensorflow' backend on this @tensorflow/tfjs; ` +
        'install the same version of @tensorflow/tfjs as the tfjs-node package (npm ls @tensorflow/tfjs-core)',
    );
  }
  throw new Error(
    [
      "tfjs backend 'tensorflow' is not available.",
      ...failures,
      'Install one of: `npm install @tensorflow/tfjs-node` (CPU, native TensorFlow) or ' +
        '`npm install @tensorflow/tfjs-node-gpu` (NVIDIA GPU; needs CUDA 11.2 and cuDNN 8.1).',
      "Backends that work now without installing anything: 'wasm' (fast) and 'cpu' (slow); or pass backend: 'auto'.",
    ].join('\n'),
  );
}
