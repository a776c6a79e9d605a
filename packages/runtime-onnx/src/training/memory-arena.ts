import { elementCount, type LayerGraph } from '@wrn/spec';

/**
 * Above this many bytes of layer outputs a training step, its session allocates without onnxruntime's CPU memory
 * arena. The arena reuses blocks from step to step, which made a WRN-16-4 batch-32 step 10% faster, but it grows by
 * powers of two and keeps every block: a WRN-28-10 batch-128 step (4.5 GiB of layer outputs) peaked at 10.1 GiB with
 * it and 5.4 GiB without (PyTorch: 4.6 GiB); WRN-16-8 at batch 64 (0.9 GiB) at 2.1 and 1.2-1.6 GiB (PyTorch: 1.5).
 *
 * @example
 * MEMORY_ARENA_LIMIT_BYTES; // 1 GiB
 */
export const MEMORY_ARENA_LIMIT_BYTES = 2 ** 30;

/**
 * Whether a training session for batches of `batchSize` uses the memory arena: yes while the step's layer outputs
 * stay within {@link MEMORY_ARENA_LIMIT_BYTES}.
 *
 * @example
 * memoryArenaFor(expandGraph(parseModelName('WRN-16-4')), 32); // true (0.24 GiB)
 * memoryArenaFor(expandGraph(parseModelName('WRN-28-10')), 128); // false (4.5 GiB)
 */
export function memoryArenaFor(graph: LayerGraph, batchSize: number): boolean {
  const perExample = graph.nodes.reduce((sum, node) => sum + elementCount(node.outputShape), 0);
  return perExample * batchSize * Float32Array.BYTES_PER_ELEMENT <= MEMORY_ARENA_LIMIT_BYTES;
}
