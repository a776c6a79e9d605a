interface DawnModule {
  create(flags: string[]): GPU;
  globals: Record<string, unknown>;
}

/**
 * Dawn's `GPU` object from the `webgpu` package (an optional peer dependency, loaded only in Node). Also defines
 * the WebGPU constant objects tfjs's kernels read as globals (`GPUBufferUsage`, `GPUMapMode`, ...) where missing.
 *
 * @example
 * const gpu = await createDawnGpu(['backend=vulkan']);
 */
export async function createDawnGpu(dawnFlags: readonly string[]): Promise<GPU> {
  let dawn: DawnModule;
  try {
    const moduleName = 'webgpu';
    dawn = (await import(moduleName)) as DawnModule;
  } catch (error) {
    throw new Error(
      'WebGPU in Node needs the `webgpu` package (Dawn): run `npm install webgpu` next to @wrn/runtime-webgpu',
      { cause: error },
    );
  }
  const scope = globalThis as Record<string, unknown>;
  for (const [name, value] of Object.entries(dawn.globals)) {
    if (!(name in scope)) scope[name] = value;
  }
  return dawn.create([...dawnFlags]);
}
