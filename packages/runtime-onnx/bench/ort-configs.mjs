import { DEFAULT_SESSION_OPTIONS } from '@wrn/runtime-onnx/node';

/**
 * The onnxruntime-node configurations the benchmark compares. `file` picks the export (`plain` keeps every
 * BatchNorm, `folded` folds conv-then-BN pairs), `options` are the session options, `reuseOutput` passes a
 * preallocated logits tensor as the fetch of every run.
 */
export const CONFIGS = {
  'ort-defaults': { file: 'plain', options: {}, note: 'unfolded file, onnxruntime-node defaults' },
  'torch-exported-file': {
    file: 'torch',
    options: {},
    note: "PyTorch's torch.onnx.export file, onnxruntime-node defaults",
  },
  folded: { file: 'folded', options: {}, note: 'BN folded at export, onnxruntime-node defaults' },
  'level-extended': {
    file: 'folded',
    options: { graphOptimizationLevel: 'extended' },
    note: 'fusions without the NCHWc layout transform',
  },
  'level-basic': {
    file: 'folded',
    options: { graphOptimizationLevel: 'basic' },
    note: 'constant folding + Conv/BN only',
  },
  'no-spinning': {
    file: 'folded',
    options: { extra: { session: { 'intra_op.allow_spinning': '0' } } },
    note: 'worker threads sleep instead of spinning',
  },
  'no-spinning-threads-2': {
    file: 'folded',
    options: { intraOpNumThreads: 2, extra: { session: { 'intra_op.allow_spinning': '0' } } },
    note: 'two explicit intra-op threads (no affinity), no spinning',
  },
  'fixed-batch': {
    file: 'folded',
    options: { freeDimensionOverrides: { N: 'BATCH' } },
    note: 'batch dimension fixed per session (freeDimensionOverrides)',
  },
  'threads-1': { file: 'folded', options: { intraOpNumThreads: 1 }, note: 'one intra-op thread' },
  'no-arena': {
    file: 'folded',
    options: { enableCpuMemArena: false, enableMemPattern: false },
    note: 'no arena',
  },
  'reuse-output': { file: 'folded', options: {}, reuseOutput: true, note: 'preallocated output tensor' },
  'runtime-defaults': {
    file: 'folded',
    options: DEFAULT_SESSION_OPTIONS,
    note: 'what createOnnxRuntime() uses',
  },
};
