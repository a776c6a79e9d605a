export {
  impreciseGradientRuntime,
  inferenceOnlyRuntime,
  leakingRuntime,
  microBatchMasksRuntime,
  missingShortcutRuntime,
  ownDropoutMasksRuntime,
  ownLearningRateCheckRuntime,
  swappedLayoutRuntime,
  wrongEpsilonRuntime,
  wrongNesterovRuntime,
} from './test-runtimes/broken-runtimes.js';
export { recordingRuntime } from './test-runtimes/recording-runtime.js';
