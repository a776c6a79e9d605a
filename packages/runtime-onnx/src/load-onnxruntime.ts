/** The parts of the `onnxruntime-node` module the executor uses. */
export type OnnxBinding = Pick<
  typeof import('onnxruntime-node'),
  'InferenceSession' | 'Tensor' | 'listSupportedBackends'
>;

/**
 * Loads the optional peer dependency `onnxruntime-node`, with an install hint when it is missing.
 *
 * @example
 * const ort = await loadOnnxRuntime();
 */
export async function loadOnnxRuntime(): Promise<OnnxBinding> {
  try {
    const module = await import('onnxruntime-node');
    return (module as { default?: OnnxBinding }).default ?? module;
  } catch (error) {
    throw new Error(
      `onnx runtime: cannot load 'onnxruntime-node' (${(error as Error).message}); install it with ` +
        '`npm install onnxruntime-node@^1.30`',
    );
  }
}
