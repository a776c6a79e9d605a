import * as tf from '@tensorflow/tfjs';
import { conv2dBackpropFilterAsConvolution } from './conv2d-backprop-filter.js';
import { conv2dBackpropInputAsConvolution } from './conv2d-backprop-input.js';

const registered = new Set<string>();

/**
 * Registers fast convolution-gradient kernels on a backend: `Conv2DBackpropFilter` (missing on `wasm`) and
 * `Conv2DBackpropInput` (a naive loop on `wasm`), both as one forward convolution of the backend (see
 * {@link conv2dBackpropFilterAsConvolution}). A kernel the backend already has stays as the fallback for the
 * cases the convolution form does not cover (NCHW, dilation). Idempotent.
 *
 * @example
 * await tf.setBackend('wasm');
 * registerConvolutionGradientKernels('wasm');
 * tf.grad((filter) => tf.conv2d(x, filter, 1, 'same').sum())(filter); // now works on wasm
 */
export function registerConvolutionGradientKernels(backendName: string): void {
  if (registered.has(backendName)) return;
  for (const kernelName of [tf.Conv2DBackpropFilter, tf.Conv2DBackpropInput]) {
    const fallback = tf.getKernel(kernelName, backendName);
    const fast =
      kernelName === tf.Conv2DBackpropFilter
        ? conv2dBackpropFilterAsConvolution
        : conv2dBackpropInputAsConvolution;
    const kernelFunc: tf.KernelFunc = (args) => {
      const result = fast(args.inputs, args.backend as tf.KernelBackend, backendName, args.attrs ?? {});
      if (result) return result;
      if (!fallback) {
        throw new Error(
          `${kernelName} on '${backendName}' supports NHWC without dilation only; use the cpu backend for this case`,
        );
      }
      return fallback.kernelFunc(args);
    };
    if (fallback) tf.unregisterKernel(kernelName, backendName);
    tf.registerKernel({
      kernelName,
      backendName,
      kernelFunc,
      setupFunc: fallback?.setupFunc,
      disposeFunc: fallback?.disposeFunc,
    });
  }
  registered.add(backendName);
}
