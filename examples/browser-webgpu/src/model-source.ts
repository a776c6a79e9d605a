import { decodeCheckpoint } from '@wrn/checkpoint';
import { formatModelName, parseModelName, type ModelSpec, type WeightMap } from '@wrn/spec';

/**
 * A model to compile: its spec, its weights (`undefined` for a fresh initialisation), a display label and, for a
 * training run's best checkpoint, its held-out error (`wrn.best` in the checkpoint's metadata).
 *
 * @example
 * const source = modelFromName('WRN-16-4', 10);
 */
export interface ModelSource {
  spec: ModelSpec;
  weights: WeightMap | undefined;
  label: string;
  /** The epoch (counted from 0) and top-1 error on the run's test split, as `train()` of @wrn/train records them. */
  best?: { epoch: number; testTop1Error: number };
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
  const { spec, weights, metadata } = decodeCheckpoint(bytes);
  const label = `${formatModelName(spec)}, ${spec.numClasses} classes, from ${origin}`;
  const best = parseBest(metadata['wrn.best']);
  if (best === undefined) return { spec, weights, label };
  const error = `${(100 * best.testTop1Error).toFixed(1)}%`;
  return {
    spec,
    weights,
    best,
    label: `${label}, held-out top-1 error ${error} after epoch ${best.epoch + 1}`,
  };
}

/** `wrn.best` as `train()` writes it, or undefined when absent or not of that shape. */
function parseBest(text: string | undefined): ModelSource['best'] {
  if (text === undefined) return undefined;
  try {
    const { epoch, testTop1Error } = JSON.parse(text) as Record<string, unknown>;
    if (typeof epoch === 'number' && typeof testTop1Error === 'number') return { epoch, testTop1Error };
  } catch {
    // Metadata is free text for other writers: a value that is not this JSON is simply not shown.
  }
  return undefined;
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
