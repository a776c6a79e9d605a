import * as tf from '@tensorflow/tfjs';
import type { Runtime } from '@wrn/core';
import { createTfjsBackendRuntime } from './tfjs-backend-runtime.js';
import { loadTensorflowBackend, type ModuleImporter } from './tensorflow-backend.js';
import { loadWasmBackend } from './wasm-backend.js';

/** The backends {@link createTfjsRuntime} can load. */
export type TfjsBackendChoice = 'tensorflow' | 'wasm' | 'cpu' | 'auto';

/** Fastest first: native TensorFlow, then wasm (about 40x faster than cpu here), then the pure-JS cpu backend. */
const AUTO_ORDER = ['tensorflow', 'wasm', 'cpu'] as const;

/**
 * Options of {@link createTfjsRuntime}.
 *
 * @example
 * const options: TfjsRuntimeOptions = { backend: 'wasm' };
 */
export interface TfjsRuntimeOptions {
  /** Which tfjs backend to use; default `auto`, the fastest that loads. */
  backend?: TfjsBackendChoice;
  /** Folder or URL of tfjs-backend-wasm's `.wasm` files (default: the installed package under Node, tfjs's default in browsers). */
  wasmPath?: string;
  /** @internal Replaces dynamic `import()` of the optional tfjs-node packages (tests). */
  importer?: ModuleImporter;
}

async function load(backend: Exclude<TfjsBackendChoice, 'auto'>, options: TfjsRuntimeOptions): Promise<void> {
  if (backend === 'tensorflow') await loadTensorflowBackend(options.importer);
  else if (backend === 'wasm') await loadWasmBackend(options.wasmPath);
  else if (!(await tf.setBackend('cpu'))) throw new Error("tfjs backend 'cpu' failed to initialise");
}

/**
 * A Wide ResNet runtime on TensorFlow.js: `tensorflow` (tfjs-node-gpu, else tfjs-node, when installed), `wasm`
 * (with this package's convolution-gradient kernels, so it trains), `cpu`, or `auto`.
 *
 * @example
 * const runtime = await createTfjsRuntime({ backend: 'wasm' });
 * const executor = await runtime.compile(parseModelName('WRN-16-4'), { seed: 1 });
 * const { loss } = await executor.trainStep(batch, { learningRate: 0.1 });
 */
export async function createTfjsRuntime(options: TfjsRuntimeOptions = {}): Promise<Runtime> {
  const choice = options.backend ?? 'auto';
  if (!['auto', ...AUTO_ORDER].includes(choice)) {
    throw new TypeError(`backend must be one of 'auto', 'tensorflow', 'wasm', 'cpu'; got '${String(choice)}'`);
  }
  if (choice !== 'auto') {
    await load(choice, options);
    return createTfjsBackendRuntime({ runtimeName: 'tfjs', backend: choice });
  }
  const failures: string[] = [];
  for (const backend of AUTO_ORDER) {
    try {
      await load(backend, options);
      return createTfjsBackendRuntime({ runtimeName: 'tfjs', backend });
    } catch (error) {
      failures.push(`${backend}: ${(error as Error).message}`);
    }
  }
  throw new Error(`no tfjs backend loaded:\n${failures.join('\n')}`);
}
