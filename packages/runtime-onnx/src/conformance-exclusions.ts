const EVAL_ONLY = 'the exported ONNX graph is the eval-mode network (no batch statistics, no dropout masks)';

/**
 * The conformance cases this runtime cannot run, each with its reason; its own tests and `wrn conformance` pass
 * them to the shared suite (training cases skip by capability already).
 *
 * @example
 * await describeRuntime(() => createOnnxRuntime(), { exclude: [...CONFORMANCE_EXCLUSIONS] });
 */
export const CONFORMANCE_EXCLUSIONS: readonly { case: string; reason: string }[] = [
  { case: 'training-forward', reason: `forward(..., { training: true }) is not supported: ${EVAL_ONLY}` },
  {
    case: 'determinism',
    reason: `it compares training-mode (dropout) logits, and ${EVAL_ONLY}; eval logits per image vs in a batch are checked by batch-independence`,
  },
];
