import { spawnSync } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import { createWebGpuRuntime } from '../src/index.js';
import { createWebGpuRuntime as createBrowserRuntime } from '../src/browser.js';

/** A `GPU` whose adapter request finds nothing, as on a machine without any GPU driver. */
const emptyGpu = {
  requestAdapter: async () => null,
  getPreferredCanvasFormat: () => 'rgba8unorm',
  wgslLanguageFeatures: new Set<string>(),
} as unknown as GPU;

describe('without a WebGPU adapter', () => {
  it('Node: rejects with the SwiftShader hint', async () => {
    const failure = createWebGpuRuntime({ gpu: emptyGpu, dawnFlags: ['backend=vulkan'] });
    await expect(failure).rejects.toThrow(/No WebGPU adapter.*backend=vulkan.*vk_swiftshader_icd\.json/);
  });

  it('browser: rejects naming the browser settings', async () => {
    await expect(createBrowserRuntime({ gpu: emptyGpu })).rejects.toThrow(
      /No WebGPU adapter.*--enable-unsafe-webgpu/,
    );
  });

  it('browser: a page without navigator.gpu gets told which browsers have WebGPU', async () => {
    await expect(createBrowserRuntime()).rejects.toThrow(/navigator\.gpu is undefined.*Chrome/);
  });

  it('a real Dawn with no Vulkan driver rejects with the hint and the process still exits', () => {
    // No loader path and a driver list naming nothing: what Dawn sees on a Linux machine without a GPU.
    const environment = { ...process.env, VK_ICD_FILENAMES: '/nonexistent/icd.json', LD_LIBRARY_PATH: '' };
    const script = `
      import { createWebGpuRuntime } from '@wrn/runtime-webgpu';
      try { await createWebGpuRuntime(); console.log('unexpected adapter'); }
      catch (error) { console.log(error.message); }
    `;
    const child = spawnSync(process.execPath, ['--input-type=module', '-e', script], {
      encoding: 'utf8',
      env: environment,
      timeout: 60_000,
    });
    expect(child.status, child.stderr).toBe(0);
    expect(child.stdout).toMatch(/No WebGPU adapter: Dawn .* found no GPU.*apt-get install chromium/);
  });
});
