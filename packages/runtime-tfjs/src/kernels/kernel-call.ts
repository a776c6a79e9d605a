import * as tf from '@tensorflow/tfjs';
import { elementCount } from '@wrn/spec';

type TensorInfo = tf.TensorInfo;
type Attributes = tf.NamedAttrMap;

/**
 * Runs kernels of one backend directly (below the engine), so a kernel can be composed from other kernels of the
 * same backend. Every intermediate it creates is disposed by {@link KernelCalls.disposeAll}; the result handed to
 * the engine is kept.
 *
 * @example
 * const calls = new KernelCalls(backend, 'wasm');
 * const transposed = calls.run('Transpose', { x }, { perm: [3, 1, 2, 0] });
 * const result = calls.keep(calls.run('Conv2D', { x: transposed, filter }, attrs));
 * calls.disposeAll();
 */
export class KernelCalls {
  private readonly created: TensorInfo[] = [];

  constructor(
    private readonly backend: tf.KernelBackend,
    private readonly backendName: string,
  ) {}

  /** Runs kernel `kernelName` of this backend; its output is an intermediate until {@link keep} is called. */
  run(kernelName: string, inputs: Record<string, TensorInfo>, attrs: Attributes): TensorInfo {
    const kernel = tf.getKernel(kernelName, this.backendName);
    if (!kernel)
      throw new Error(`kernel '${kernelName}' is not registered for backend '${this.backendName}'`);
    const output = kernel.kernelFunc({ inputs, backend: this.backend, attrs }) as TensorInfo | TensorInfo[];
    const result = Array.isArray(output) ? output[0] : output;
    if (!result)
      throw new Error(`kernel '${kernelName}' of backend '${this.backendName}' returned no output`);
    this.created.push(result);
    return result;
  }

  /** Marks a result as the kernel's output: it is not disposed by {@link disposeAll}. */
  keep(info: TensorInfo): TensorInfo {
    // Match by data, so keeping a view (same dataId, another shape) keeps the tensor it views.
    const index = this.created.findIndex((created) => created.dataId === info.dataId);
    if (index >= 0) this.created.splice(index, 1);
    return info;
  }

  /** Disposes every intermediate created through {@link run}. */
  disposeAll(): void {
    for (const info of this.created.splice(0)) this.backend.disposeData(info.dataId);
  }
}

/**
 * A view of contiguous data under another shape with the same size (a free reshape; no kernel, no copy).
 *
 * @example
 * const sixDimensional = view(dy, [n, height, 1, width, 1, channels]);
 */
export function view(info: TensorInfo, shape: number[]): TensorInfo {
  if (elementCount(shape) !== elementCount(info.shape)) {
    throw new Error(`internal: cannot view shape [${info.shape.join(', ')}] as [${shape.join(', ')}]`);
  }
  return { dataId: info.dataId, shape, dtype: info.dtype };
}
