import { describe, expect, it } from 'vitest';
import { chooseRuntime, defaultRuntime } from '../src/runtime-choice.js';

describe('the default runtime', () => {
  it('is onnx where onnxruntime-node loads (here), whatever --backend names that onnx has', async () => {
    expect(await defaultRuntime()).toBe('onnx');
    expect(await chooseRuntime({})).toBe('onnx');
    expect(await chooseRuntime({ backend: 'cuda' })).toBe('onnx');
  });

  it('is tfjs for a backend only tfjs has, and --runtime always wins', async () => {
    expect(await chooseRuntime({ backend: 'wasm' })).toBe('tfjs');
    expect(await chooseRuntime({ backend: 'tensorflow' })).toBe('tfjs');
    expect(await chooseRuntime({ runtime: 'reference', backend: 'wasm' })).toBe('reference');
    await expect(chooseRuntime({ runtime: 'torch' })).rejects.toThrow(/--runtime must be one of/);
  });
});
