/**
 * The threads part of `wrn train`'s startup line: how many threads this runtime trains on, and what `--threads`
 * changed. tfjs wasm trains on `--threads` wasm instances, onnx on `--threads` onnxruntime intra-op threads;
 * reference and tfjs cpu run on one thread, native TensorFlow on its own thread pool, webgpu on the GPU.
 *
 * @example
 * threadsNote(2, { name: 'tfjs', backend: 'wasm' });
 * // ' on 2 threads (BatchNorm statistics synchronised across threads: the same math as 1 thread)'
 * threadsNote(2, { name: 'onnx', backend: 'cpu-execution-provider' }); // ' on 2 onnxruntime threads'
 */
export function threadsNote(threads: number | undefined, runtime: { name: string; backend: string }): string {
  const ignored = threads ? ' (--threads applies to tfjs wasm and onnx)' : '';
  if (runtime.name === 'onnx') {
    if (!threads) return " on onnxruntime's default threads (one per physical core; --threads N sets them)";
    return ` on ${threads} onnxruntime thread${threads === 1 ? '' : 's'}`;
  }
  if (runtime.name === 'tfjs' && runtime.backend === 'wasm') {
    if (!threads || threads < 2) return ' on 1 thread (--threads N trains on N wasm instances)';
    return ` on ${threads} threads (BatchNorm statistics synchronised across threads: the same math as 1 thread)`;
  }
  if (runtime.name === 'tfjs' && runtime.backend === 'tensorflow') return " on TensorFlow's own threads";
  if (runtime.name === 'webgpu') return ` on the GPU${ignored}`;
  return ` on 1 thread${ignored}`;
}
