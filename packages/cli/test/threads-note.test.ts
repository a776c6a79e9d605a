import { describe, expect, it } from 'vitest';
import { threadsNote } from '../src/threads-note.js';

describe('the threads note of the training startup line', () => {
  it('says that threads keep the math when tfjs wasm trains on several threads, and 1 thread otherwise', () => {
    expect(threadsNote(2, { name: 'tfjs', backend: 'wasm' })).toBe(
      ' on 2 threads (BatchNorm statistics synchronised across threads: the same math as 1 thread)',
    );
    expect(threadsNote(undefined, { name: 'tfjs', backend: 'wasm' })).toBe(
      ' on 1 thread (--threads N trains on N wasm instances)',
    );
    expect(threadsNote(1, { name: 'tfjs', backend: 'wasm' })).toMatch(/^ on 1 thread /);
  });

  it("names onnxruntime's threads: --threads N, else its default", () => {
    expect(threadsNote(2, { name: 'onnx', backend: 'cpu-execution-provider' })).toBe(
      ' on 2 onnxruntime threads',
    );
    expect(threadsNote(1, { name: 'onnx', backend: 'cpu-execution-provider' })).toBe(
      ' on 1 onnxruntime thread',
    );
    expect(threadsNote(undefined, { name: 'onnx', backend: 'cuda-execution-provider' })).toBe(
      " on onnxruntime's default threads (one per physical core; --threads N sets them)",
    );
  });

  it('says where --threads does not apply', () => {
    expect(threadsNote(2, { name: 'tfjs', backend: 'tensorflow' })).toBe(" on TensorFlow's own threads");
    expect(threadsNote(2, { name: 'reference', backend: 'float64' })).toBe(
      ' on 1 thread (--threads applies to tfjs wasm and onnx)',
    );
    expect(threadsNote(undefined, { name: 'reference', backend: 'float64' })).toBe(' on 1 thread');
    expect(threadsNote(undefined, { name: 'webgpu', backend: 'webgpu' })).toBe(' on the GPU');
  });
});
