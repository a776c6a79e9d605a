import { existsSync } from 'node:fs';

/** Where Debian's and Ubuntu's `chromium` package install SwiftShader's Vulkan driver and its Vulkan loader. */
const CHROMIUM_FOLDER = '/usr/lib/chromium';

/**
 * Environment variables that make Dawn (Node) use SwiftShader, the software Vulkan driver shipped in Chromium's
 * Linux package, or `undefined` when it is not installed. Pass them to a child process (the Vulkan loader path
 * is read when a process starts, so setting them in a running process is too late).
 *
 * @example
 * const env = swiftShaderEnvironment();
 * if (env) spawnSync(process.execPath, ['train.mjs'], { env: { ...process.env, ...env } });
 */
export function swiftShaderEnvironment(
  chromiumFolder: string = CHROMIUM_FOLDER,
  // The current process's variables: the library path is extended, not replaced.
  baseEnvironment: Record<string, string | undefined> = process.env,
): Record<string, string> | undefined {
  const icd = `${chromiumFolder}/vk_swiftshader_icd.json`;
  if (!existsSync(icd)) return undefined;
  const libraryPath = baseEnvironment.LD_LIBRARY_PATH;
  return {
    VK_ICD_FILENAMES: icd,
    LD_LIBRARY_PATH: libraryPath ? `${chromiumFolder}:${libraryPath}` : chromiumFolder,
  };
}
