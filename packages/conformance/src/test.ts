export {
  impreciseGradientRuntime,
  inferenceOnlyRuntime,
  leakingRuntime,
  missingShortcutRuntime,
  ownLearningRateCheckRuntime,
  swappedLayoutRuntime,
  wrongEpsilonRuntime,
  wrongNesterovRuntime,
} from './test-runtimes/broken-runtimes.js';
export { recordingRuntime } from './test-runtimes/recording-runtime.js';
