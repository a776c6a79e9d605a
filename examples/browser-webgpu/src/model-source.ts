import { decodeCheckpoint } from '@wrn/checkpoint';
import { formatModelName, parseModelName, type ModelSpec, type WeightMap } from '@wrn/spec';

/**
 * A model to compile: its spec, its weights (`undefined` for a fresh initialisation) and a display label.
 *
 * @example
 * const source = modelFromName('WRN-16-4', 10);
 */
export interface ModelSource {
  spec: ModelSpec;
  weights: WeightMap | undefined;
  label: string;
}

/**
 * A model by name (`WRN-<depth>-<k>`) with freshly initialised weights.
 *
 * @example
 * modelFromName('WRN-28-10', 100).label; // 'WRN-28-10, 100 classes, random weights'
 */
export function modelFromName(name: string, classes: number): ModelSource {
  const spec = parseModelName(name, { numClasses: classes });
  return { spec, weights: undefined, label: `${formatModelName(spec)}, ${classes} classes, random weights` };
}

/**
 * A model from the bytes of a @wrn safetensors checkpoint (the spec travels in its metadata).
 *
 * @example
 * const source = modelFromCheckpoint(new Uint8Array(await file.arrayBuffer()), file.name);
 */
export function modelFromCheckpoint(bytes: Uint8Array, origin: string): ModelSource {
  const { spec, weights } = decodeCheckpoint(bytes);
  return { spec, weights, label: `${formatModelName(spec)}, ${spec.numClasses} classes, from ${origin}` };
}

/**
 * Downloads a checkpoint and decodes it. The server must allow the page's origin (CORS) when it is another site.
 *
 * @example
 * const source = await modelFromUrl('https://example.org/wrn-16-4.safetensors');
 */
export async function modelFromUrl(url: string): Promise<ModelSource> {
  let response: Response;
  try {
    response = await fetch(url);
  } catch (error) {
    throw new Error(`could not fetch ${url} (offline, or the server does not allow this page: CORS)`, {
      cause: error,
    });
  }
  if (!response.ok) throw new Error(`fetching ${url} failed: HTTP ${response.status} ${response.statusText}`);
  return modelFromCheckpoint(new Uint8Array(await response.arrayBuffer()), url);
}
