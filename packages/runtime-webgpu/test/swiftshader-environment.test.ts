import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { swiftShaderEnvironment } from '../src/index.js';

describe('swiftShaderEnvironment', () => {
  const folder = mkdtempSync(join(tmpdir(), 'wrn-swiftshader-'));
  afterAll(() => rmSync(folder, { recursive: true, force: true }));

  it('is undefined when the folder has no SwiftShader driver', () => {
    expect(swiftShaderEnvironment(folder, {})).toBeUndefined();
  });

  it('points the Vulkan loader at the driver and puts the folder first on the library path', () => {
    writeFileSync(join(folder, 'vk_swiftshader_icd.json'), '{}');
    expect(swiftShaderEnvironment(folder, {})).toEqual({
      VK_ICD_FILENAMES: `${folder}/vk_swiftshader_icd.json`,
      LD_LIBRARY_PATH: folder,
    });
    expect(swiftShaderEnvironment(folder, { LD_LIBRARY_PATH: '/opt/lib' })?.LD_LIBRARY_PATH).toBe(
      `${folder}:/opt/lib`,
    );
  });
});
