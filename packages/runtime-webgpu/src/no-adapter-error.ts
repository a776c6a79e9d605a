/**
 * What to do without a GPU: Chromium's Debian package ships SwiftShader, a correct (slow) software Vulkan driver.
 *
 * @example
 * console.error(SWIFTSHADER_HINT);
 */
export const SWIFTSHADER_HINT =
  "On Linux without a GPU, use SwiftShader from Chromium's package: `apt-get install chromium`, then run with " +
  'VK_ICD_FILENAMES=/usr/lib/chromium/vk_swiftshader_icd.json LD_LIBRARY_PATH=/usr/lib/chromium ' +
  '(swiftShaderEnvironment() returns these variables). ' +
  'On a machine with a GPU, install its Vulkan driver and the Vulkan loader (libvulkan1).';

/**
 * The error for "this machine or browser offers no WebGPU adapter", with what to do about it.
 *
 * @example
 * if (!adapter) throw noAdapterError('node', ['backend=vulkan']);
 */
export function noAdapterError(
  where: 'browser' | 'node',
  // No flags unless the caller passed some: the message lists them only then.
  dawnFlags: readonly string[] = [],
  cause?: unknown,
): Error {
  const detail = cause instanceof Error ? ` (${cause.message.replaceAll('\n', ' ')})` : '';
  if (where === 'browser') {
    return new Error(
      `No WebGPU adapter${detail}: navigator.gpu.requestAdapter() found none. The browser has WebGPU but no ` +
        'usable GPU (blocklisted driver, or WebGPU disabled). Try Chrome/Edge 113+ with hardware acceleration on, ' +
        'or Chromium with --enable-unsafe-webgpu (and --use-webgpu-adapter=swiftshader for a software adapter).',
      { cause },
    );
  }
  const flags = dawnFlags.length > 0 ? ` with Dawn flags [${dawnFlags.join(', ')}]` : '';
  return new Error(
    `No WebGPU adapter: Dawn (the webgpu package) found no GPU${flags}${detail}. ${SWIFTSHADER_HINT}`,
    {
      cause,
    },
  );
}

/**
 * The error for "this browser has no `navigator.gpu` at all".
 *
 * @example
 * if (!navigator.gpu) throw noWebGpuError();
 */
export function noWebGpuError(): Error {
  return new Error(
    'No WebGPU: navigator.gpu is undefined. Use a browser with WebGPU (Chrome/Edge 113+, Safari 26+, Firefox 141+ ' +
      'on Windows) on a secure page (https:// or http://localhost), or Chromium with --enable-unsafe-webgpu.',
  );
}
