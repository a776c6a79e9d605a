import * as tf from '@tensorflow/tfjs';
import { checkedRuntime, type Runtime, type TrainableExecutor, type TrainableRuntime } from '@wrn/core';
import { DataParallelExecutor } from './data-parallel/data-parallel-executor.js';
import { TfjsModel } from './model/tfjs-model.js';
import { prepareCompile, uncheckedTfjsBackendRuntime } from './tfjs-backend-runtime.js';
import { loadTensorflowBackend, type ModuleImporter } from './tensorflow-backend.js';
import { loadWasmBackend } from './wasm-backend.js';

/**
 * The backends {@link createTfjsRuntime} can load.
 *
 * @example
 * const backend: TfjsBackendChoice = 'wasm';
 */
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
  /**
   * wasm under Node only: train on this many wasm instances at once (the main thread's and `threads - 1` worker
   * threads', each with a replica), since one tfjs wasm instance uses one core; default 1. The threads share each
   * micro-batch and synchronise its BatchNorm statistics: the same step as one thread (see
   * {@link DataParallelExecutor}). With `auto` it applies when wasm is the backend chosen (a native TensorFlow
   * backend already uses every core).
   */
  threads?: number;
  /** @internal The data-parallel worker script (tests run it from a fresh build); default the bundled one. */
  workerUrl?: URL;
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
 * (with this package's convolution-gradient kernels, so it trains), `cpu`, or `auto`. Its executors, the
 * data-parallel one included, take inputs through the shared checks of `@wrn/core`.
 *
 * @example
 * const runtime = await createTfjsRuntime({ backend: 'wasm' });
 * const executor = await runtime.compile(parseModelName('WRN-16-4'), { seed: 1 });
 * const { loss } = await executor.trainStep(batch, { learningRate: 0.1 });
 */
export async function createTfjsRuntime(options: TfjsRuntimeOptions = {}): Promise<TrainableRuntime> {
  const choice = options.backend ?? 'auto';
  if (!['auto', ...AUTO_ORDER].includes(choice)) {
    throw new TypeError(
      `backend must be one of 'auto', 'tensorflow', 'wasm', 'cpu'; got '${String(choice)}'`,
    );
  }
  const threads = options.threads ?? 1; // one wasm instance unless asked: workers cost memory and start-up
  if (!Number.isInteger(threads) || threads < 1)
    throw new RangeError(`threads must be an integer >= 1, got ${String(options.threads)}`);
  if (threads > 1 && choice !== 'wasm' && choice !== 'auto') {
    throw new RangeError(
      `threads: ${threads} needs backend 'wasm' (data-parallel wasm instances), got '${choice}'`,
    );
  }
  if (choice !== 'auto') {
    await load(choice, options);
    const runtime = uncheckedTfjsBackendRuntime({ runtimeName: 'tfjs', backend: choice });
    return checkedRuntime<TrainableRuntime>(threads > 1 ? dataParallel(runtime, threads, options) : runtime);
  }
  const failures: string[] = [];
  for (const backend of AUTO_ORDER) {
    try {
      await load(backend, options);
      const runtime = uncheckedTfjsBackendRuntime({ runtimeName: 'tfjs', backend });
      const parallel = threads > 1 && backend === 'wasm';
      return checkedRuntime<TrainableRuntime>(parallel ? dataParallel(runtime, threads, options) : runtime);
    } catch (error) {
      failures.push(`${backend}: ${(error as Error).message}`);
    }
  }
  throw new Error(`no tfjs backend loaded:\n${failures.join('\n')}`);
}

/** The runtime whose executors train on `threads` wasm instances (see {@link DataParallelExecutor}). */
function dataParallel(
  runtime: Runtime<TrainableExecutor>,
  threads: number,
  { wasmPath, workerUrl }: TfjsRuntimeOptions,
): Runtime<TrainableExecutor> {
  return {
    ...runtime,
    async compile(spec, options = {}) {
      const { weights, optimizer, seed } = await prepareCompile(runtime.backend, spec, options);
      const local = new TfjsModel(spec, runtime.backend, weights, optimizer, seed);
      return DataParallelExecutor.create(local, threads, { wasmPath, workerUrl });
    },
  };
}
