import { probeModel } from './probe-model.js';
import type { OnnxBinding } from './load-onnxruntime.js';

/**
 * Checks that each execution provider that onnxruntime-node lists but does not bundle (CUDA, TensorRT) can really
 * be loaded, by opening a one-node session on it; a missing library gives an `Error` naming the provider and the fix.
 *
 * @example
 * await probeProviders(ort, ['cuda', 'cpu']);
 */
export async function probeProviders(ort: OnnxBinding, providers: readonly string[]): Promise<void> {
  const backends = new Map(ort.listSupportedBackends().map((backend) => [backend.name, backend.bundled]));
  for (const provider of providers.filter((name) => backends.get(name) === false)) {
    try {
      const session = await ort.InferenceSession.create(probeModel(), { executionProviders: [provider] });
      await session.release();
    } catch (error) {
      throw new Error(
        `onnx runtime: execution provider '${provider}' is known to onnxruntime-node but cannot be loaded here ` +
          `(${(error as Error).message.split('\n')[0]}); its libraries come from onnxruntime-node's install script ` +
          "(not run when npm's onnxruntime-node-install=skip is set) and need the matching CUDA; or use ['cpu']",
      );
    }
  }
}
