import { spawnSync } from 'node:child_process';

const PROBE = `
import { create, globals } from 'webgpu';
const adapter = await create([]).requestAdapter();
console.log(adapter ? 'adapter' : 'none');
process.exit(0);
`;

/**
 * Why WebGPU tests must skip here (no adapter, even SwiftShader's), or undefined when Dawn finds one. Probed in a
 * child process with this process's environment, so a probe's GPU objects never linger in the test worker.
 *
 * @example
 * describe.skipIf(webGpuSkipReason !== undefined)('on WebGPU', () => { ... });
 */
export const webGpuSkipReason: string | undefined = (() => {
  const probe = spawnSync(process.execPath, ['--input-type=module', '-e', PROBE], {
    encoding: 'utf8',
    timeout: 60_000,
  });
  if (probe.stdout.trim() === 'adapter') return undefined;
  return (
    "no WebGPU adapter for Dawn in Node (install Debian's chromium for SwiftShader, or run on a GPU machine with " +
    `WRN_WEBGPU_REAL_GPU=1): ${probe.stderr.trim().split('\n')[0] ?? probe.stdout}`
  );
})();

if (webGpuSkipReason !== undefined) console.warn(`@wrn/runtime-webgpu tests skip: ${webGpuSkipReason}`);
