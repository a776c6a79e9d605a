import { spawnSync } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import { webGpuSkipReason } from './webgpu-availability.js';

// Runs the built package in a fresh Node process, as a user's script would (the test task builds it first).
function runScript(body: string) {
  const script = `
    import { createWebGpuRuntime } from '@wrn/runtime-webgpu';
    import { wrn } from '@wrn/spec';
    const spec = wrn({ depth: 10, widenFactor: 1, inputSize: 8 });
    const runtime = await createWebGpuRuntime();
    const executor = await runtime.compile(spec, { seed: 1 });
    const logits = await executor.forward(new Float32Array(2 * 3 * 8 * 8).fill(0.5), 2);
    console.log('logits', logits.length, Number.isFinite(logits[0]));
    ${body}
  `;
  const started = performance.now();
  const child = spawnSync(process.execPath, ['--input-type=module', '-e', script], {
    encoding: 'utf8',
    timeout: 120_000,
  });
  return { ...child, seconds: (performance.now() - started) / 1000 };
}

describe.skipIf(webGpuSkipReason !== undefined)('a Node process using WebGPU', () => {
  it('exits by itself, with status 0, once the runtime is disposed', () => {
    const child = runScript(`await runtime.dispose(); console.log('disposed');`);
    expect(child.error, 'the process did not exit within 120 s').toBeUndefined();
    expect(child.status, child.stderr).toBe(0);
    expect(child.stdout).toContain('logits 20 true');
    expect(child.stdout).toContain('disposed');
  });

  it('passes dawnFlags to Dawn: an adapter name it does not have means no adapter', () => {
    const script = `
      import { createWebGpuRuntime } from '@wrn/runtime-webgpu';
      try { await createWebGpuRuntime({ dawnFlags: ['adapter=No Such Adapter'] }); console.log('unexpected adapter'); }
      catch (error) { console.log(error.message); }
    `;
    const child = spawnSync(process.execPath, ['--input-type=module', '-e', script], {
      encoding: 'utf8',
      timeout: 60_000,
    });
    expect(child.status, child.stderr).toBe(0);
    expect(child.stdout).toMatch(
      /No WebGPU adapter: Dawn \(the webgpu package\) found no GPU with Dawn flags \[adapter=No Such Adapter\] \(no suitable backends found.*swiftshader/is,
    );
  });
});
