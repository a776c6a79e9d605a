import { createVitestConfig } from '../../vitest.shared.js';
import { swiftShaderEnvironment } from './src/swiftshader-environment.js';

// Test workers are forked from this process, and the Vulkan loader path is read when a process starts:
// without a GPU of its own, the suite runs on Chromium's SwiftShader (set it before the workers start).
if (process.env.WRN_WEBGPU_REAL_GPU !== '1') Object.assign(process.env, swiftShaderEnvironment() ?? {});

// SwiftShader is a CPU emulation of a GPU: slow on a shared 2-core machine, so tests get a long time-out.
export default createVitestConfig({ testTimeout: 300_000 });
