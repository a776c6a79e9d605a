import { describe, expect, it } from 'vitest';
import { createTfjsBackendRuntime, createTfjsRuntime, loadTensorflowBackend } from '../src/index.js';

describe('backend loading', () => {
  it("explains how to get backend 'tensorflow' when tfjs-node is not installed (it is not, here)", async () => {
    const error = await createTfjsRuntime({ backend: 'tensorflow' }).catch((caught: Error) => caught);
    expect(error).toBeInstanceOf(Error);
    const message = (error as Error).message;
    expect(message).toContain('npm install @tensorflow/tfjs-node');
    expect(message).toContain('@tensorflow/tfjs-node-gpu');
    expect(message).toContain('CUDA 11.2 and cuDNN 8.1');
    expect(message).toContain("'wasm'");
  });

  it('explains an installed tfjs-node that fails to load (e.g. a broken native binding)', async () => {
    const importer = async (specifier: string) => {
      if (specifier === '@tensorflow/tfjs-node')
        throw new Error('libtensorflow.so.2: cannot open shared object file');
      throw Object.assign(new Error(`Cannot find package '${specifier}'`), { code: 'ERR_MODULE_NOT_FOUND' });
    };
    const error = await loadTensorflowBackend(importer).catch((caught: Error) => caught);
    expect((error as Error).message).toContain(
      '@tensorflow/tfjs-node is installed but failed to load: libtensorflow.so.2',
    );
  });

  it("'auto' falls back to the fastest backend that loads (wasm here)", async () => {
    const runtime = await createTfjsRuntime({ backend: 'auto' });
    expect(runtime.backend).toBe('wasm');
    expect(runtime.capabilities).toEqual({
      supportsTraining: true,
      reportsMemory: true,
      precision: 'float32',
    });
  });

  it('rejects unknown backend names with the list of valid ones', async () => {
    await expect(createTfjsRuntime({ backend: 'webgl' as never })).rejects.toThrow(
      /'auto', 'tensorflow', 'wasm', 'cpu'/,
    );
    expect(() => createTfjsBackendRuntime({ runtimeName: 'x', backend: 'no-such-backend' })).toThrow(
      /not registered/,
    );
  });
});
