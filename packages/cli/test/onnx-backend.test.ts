import { describe, expect, it } from 'vitest';
import { UserError } from '../src/errors.js';
import { checkOnnxProviders, CUDA_INSTALL_COMMAND, onnxRuntimeOptions } from '../src/onnx-backend.js';

/** An onnxruntime-node stand-in: lists `known` providers; opening a session on `broken` ones fails. */
function fakeOrt(known: string[], broken: Record<string, string> = {}) {
  const opened: string[] = [];
  const env: { logLevel?: string } = {};
  const ort = {
    env,
    listSupportedBackends: () => known.map((name) => ({ name, bundled: name === 'cpu' })),
    InferenceSession: {
      create: async (_model: Uint8Array, options: { executionProviders: string[] }) => {
        const [provider] = options.executionProviders as [string];
        if (broken[provider]) throw new Error(`${broken[provider]}\nsecond line of the native message`);
        opened.push(provider);
        return { release: async () => {} };
      },
    },
    Tensor: class {},
  };
  return { ort: ort as unknown as Parameters<typeof checkOnnxProviders>[0], opened, env };
}

describe('--backend and --threads for onnx', () => {
  it('are execution providers in order of preference (default cpu) and intra-op threads', () => {
    expect(onnxRuntimeOptions(undefined, undefined)).toEqual({ executionProviders: ['cpu'] });
    expect(onnxRuntimeOptions('cuda, cpu', 2)).toEqual({
      executionProviders: ['cuda', 'cpu'],
      session: { intraOpNumThreads: 2 },
    });
  });

  it('refuses a provider onnxruntime-node lacks with a usage error listing the ones it has', async () => {
    const { ort } = fakeOrt(['cpu', 'cuda']);
    const error = await checkOnnxProviders(ort, ['rocm']).catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(UserError);
    expect((error as UserError).exitCode).toBe(2);
    expect((error as UserError).message).toBe(
      "--backend: onnxruntime-node has no execution provider 'rocm'; use one of cpu, cuda (default cpu), or a comma-separated preference list such as cuda,cpu",
    );
  });

  it('names a provider that cannot load, its cause (first line) and how to get it, exit 3', async () => {
    const { ort, opened } = fakeOrt(['cpu', 'cuda'], { cuda: 'Failed to load shared library' });
    const error = await checkOnnxProviders(ort, ['cuda', 'cpu']).catch((caught: unknown) => caught);
    expect((error as UserError).exitCode).toBe(3);
    expect((error as UserError).message).toBe(
      `onnx execution provider 'cuda' cannot be used here (Failed to load shared library); on Linux x64 install its CUDA 12 binaries: ${CUDA_INSTALL_COMMAND} (add -g for a global wrn; needs CUDA 12 and cuDNN 9 on the library path), or use --backend cpu`,
    );
    expect(opened).toEqual([]); // cpu needs no probe
  });

  it("opens a session on every provider besides cpu, and silences onnxruntime's log unless verbose", async () => {
    const quiet = fakeOrt(['cpu', 'webgpu', 'cuda']);
    await checkOnnxProviders(quiet.ort, ['cuda', 'webgpu', 'cpu']);
    expect(quiet.opened).toEqual(['cuda', 'webgpu']);
    expect(quiet.env.logLevel).toBe('fatal');
    const verbose = fakeOrt(['cpu']);
    await checkOnnxProviders(verbose.ort, ['cpu'], { verbose: true });
    expect(verbose.env.logLevel).toBeUndefined();
  });
});
