export type { Batch, CompileOptions, Executor, Runtime, RuntimeCapabilities, StepResult } from './runtime.js';
