import { createVitestConfig } from '../../vitest.shared.js';
import { swiftShaderEnvironment } from '@wrn/runtime-webgpu';

// The test computes reference logits with the Node runtime (Dawn); test workers are forked from this process and
// the Vulkan loader path is read when a process starts, so SwiftShader's variables are set before they start.
if (process.env.WRN_WEBGPU_REAL_GPU !== '1') Object.assign(process.env, swiftShaderEnvironment() ?? {});

// Building the page and running a WRN under SwiftShader in headless Chromium takes minutes on a shared 2-core machine.
export default createVitestConfig({ testTimeout: 420_000 });
