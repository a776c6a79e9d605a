import type { OnnxBinding, OnnxRuntimeOptions } from '@wrn/runtime-onnx/node';
import { EXIT_CODES, UserError } from './errors.js';

/**
 * The command that installs onnxruntime-node's CUDA 12 execution providers (CUDA and TensorRT) on Linux x64: its
 * install script downloads them. `--onnxruntime-node-install=cuda12` also overrides an `.npmrc` that skips the
 * script (as this repository's does), which its older `--onnxruntime-node-install-cuda=v12` flag does not.
 *
 * @example
 * CUDA_INSTALL_COMMAND; // 'npm rebuild onnxruntime-node --onnxruntime-node-install=cuda12'
 */
export const CUDA_INSTALL_COMMAND = 'npm rebuild onnxruntime-node --onnxruntime-node-install=cuda12';

/**
 * How to get each execution provider onnxruntime-node lists but cannot always use, for the one-line error. CUDA
 * and TensorRT come from {@link CUDA_INSTALL_COMMAND}; WebGPU is bundled but needs an adapter.
 *
 * @example
 * PROVIDER_FIXES.cuda; // 'on Linux x64 install its CUDA 12 binaries: npm rebuild onnxruntime-node ...'
 */
export const PROVIDER_FIXES: Readonly<Record<string, string>> = {
  cuda: `on Linux x64 install its CUDA 12 binaries: ${CUDA_INSTALL_COMMAND} (add -g for a global wrn; needs CUDA 12 and cuDNN 9 on the library path)`,
  tensorrt: `on Linux x64 install its CUDA 12 binaries: ${CUDA_INSTALL_COMMAND} (add -g for a global wrn; needs CUDA 12, cuDNN 9 and TensorRT on the library path)`,
  webgpu: 'it needs a WebGPU adapter (a GPU and its Vulkan, Metal or D3D12 driver)',
};

/**
 * What `--backend` and `--threads` mean for the onnx runtime: `--backend` is one execution provider or a
 * comma-separated preference list (default `cpu`, the provider onnxruntime-node always bundles); `--threads N` is
 * onnxruntime's intra-op thread count (left out, onnxruntime uses one thread per physical core).
 *
 * @example
 * onnxRuntimeOptions('cuda,cpu', 2); // { executionProviders: ['cuda', 'cpu'], session: { intraOpNumThreads: 2 } }
 */
export function onnxRuntimeOptions(
  backend: string | undefined,
  threads: number | undefined,
): OnnxRuntimeOptions {
  const providers = (backend ?? 'cpu')
    .split(',')
    .map((provider) => provider.trim())
    .filter(Boolean);
  return {
    executionProviders: providers.length > 0 ? providers : ['cpu'], // `--backend ,` names nothing: the default
    ...(threads ? { session: { intraOpNumThreads: threads } } : {}),
  };
}

/**
 * Checks that onnxruntime-node knows every provider (else a usage error listing the ones it has) and that each one
 * besides `cpu` opens a one-node session here (else exit 3 with the cause and {@link PROVIDER_FIXES}). Silences
 * onnxruntime's own log, which repeats the failures this reports, unless `verbose`.
 *
 * @example
 * await checkOnnxProviders(await loadOnnxRuntime(), ['cuda', 'cpu']); // throws here: CUDA cannot load
 */
export async function checkOnnxProviders(
  ort: OnnxBinding & { env?: { logLevel?: string } },
  providers: readonly string[],
  { verbose = false } = {},
): Promise<void> {
  if (ort.env && !verbose) ort.env.logLevel = 'fatal'; // read once, when the first session is created
  const known = ort.listSupportedBackends().map((backend) => backend.name);
  const unknown = providers.find((provider) => !known.includes(provider));
  if (unknown !== undefined) {
    throw new UserError(
      `--backend: onnxruntime-node has no execution provider '${unknown}'; use one of ${known.join(', ')} (default cpu), or a comma-separated preference list such as cuda,cpu`,
      EXIT_CODES.usage,
    );
  }
  for (const provider of providers.filter((name) => name !== 'cpu')) {
    try {
      const session = await ort.InferenceSession.create(await probeModel(), {
        executionProviders: [provider],
      });
      await session.release();
    } catch (error) {
      const cause = String((error as Error).message)
        .trim()
        .split('\n')[0];
      throw new UserError(
        `onnx execution provider '${provider}' cannot be used here (${cause}); ${PROVIDER_FIXES[provider] ?? 'see the onnxruntime-node documentation'}, or use --backend cpu`,
        EXIT_CODES.runtimeUnavailable,
      );
    }
  }
}

/** runtime-onnx's one-node probe model; imported here so commands that load no runtime never load the ONNX writer. */
async function probeModel(): Promise<Uint8Array> {
  return (await import('@wrn/runtime-onnx')).probeModel();
}
