interface GpuHolder {
  gpu?: GPU;
}

/**
 * Runs `make` with `navigator.gpu` set to `gpu`, then puts things back. tfjs's WebGPU backend checks
 * `navigator.gpu` once, in its constructor; Node has no `navigator.gpu`, and a lasting global reference
 * to Dawn's GPU object would keep a Node process alive, so the property lives only for the call.
 *
 * @example
 * const backend = withNavigatorGpu(gpu, () => new WebGPUBackend(device, adapter.info));
 */
export function withNavigatorGpu<T>(gpu: GPU, make: () => T): T {
  const scope = globalThis as { navigator?: GpuHolder };
  if (scope.navigator?.gpu) return make();
  if (scope.navigator === undefined) {
    Object.defineProperty(globalThis, 'navigator', { value: { gpu }, configurable: true, writable: true });
    try {
      return make();
    } finally {
      delete scope.navigator;
    }
  }
  const holder = scope.navigator;
  Object.defineProperty(holder, 'gpu', { value: gpu, configurable: true, writable: true });
  try {
    return make();
  } finally {
    delete holder.gpu;
  }
}
