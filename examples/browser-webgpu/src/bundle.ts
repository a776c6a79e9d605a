import { decodeCifarFiles } from '@wrn/data';
import { modelFromCheckpoint, type ModelSource } from './model-source.js';
import { planarToRgba } from './pixels.js';

/**
 * What `public/bundle/bundle.json` says (written by `scripts/prepare-browser-example.mjs`); the page reads these
 * fields.
 *
 * @example
 * const info: BundleInfo = await (await fetch('bundle/bundle.json')).json();
 */
export interface BundleInfo {
  model: {
    file: string;
    name: string;
    dataset: string | null;
    dataDir: string | null;
    best: { epoch: number; testTop1Error: number } | null;
    trainImages: number | null;
    heldOutImages: number | null;
  };
  images: { file: string; source: string; indices: number[]; classNames: string[] };
}

/**
 * One bundled test image: its RGBA pixels, true label and index in the source file.
 *
 * @example
 * drawRgba(canvas, bundle.images[0].rgba);
 */
export interface LabelledImage {
  rgba: Uint8ClampedArray;
  label: number;
  sourceIndex: number;
}

/**
 * The trained model and real test images served with the page, and where they came from.
 *
 * @example
 * const { model, images } = await loadBundle(new URL('bundle/', document.baseURI).href);
 */
export interface Bundle {
  info: BundleInfo;
  model: ModelSource;
  images: LabelledImage[];
}

/**
 * Downloads the bundle under `folderUrl`: `bundle.json`, then the checkpoint and the CIFAR-10 records it names.
 *
 * @example
 * const bundle = await loadBundle(new URL('bundle/', document.baseURI).href);
 */
export async function loadBundle(folderUrl: string): Promise<Bundle> {
  const info = (await (await download(new URL('bundle.json', folderUrl))).json()) as BundleInfo;
  const [modelResponse, imagesResponse] = await Promise.all([
    download(new URL(info.model.file, folderUrl)),
    download(new URL(info.images.file, folderUrl)),
  ]);
  const model = modelFromCheckpoint(new Uint8Array(await modelResponse.arrayBuffer()), 'the bundle');
  const records = new Uint8Array(await imagesResponse.arrayBuffer());
  const dataset = decodeCifarFiles(
    [{ name: info.images.file, bytes: records }],
    { labelBytes: 1, labelIndex: 0 },
    info.images.classNames,
  );
  const images = Array.from({ length: dataset.count }, (_, index) => ({
    rgba: planarToRgba(dataset.images.subarray(index * 3072, (index + 1) * 3072)),
    label: dataset.labels[index]!,
    sourceIndex: info.images.indices[index] ?? -1,
  }));
  return { info, model, images };
}

async function download(url: URL): Promise<Response> {
  const response = await fetch(url);
  if (!response.ok)
    throw new Error(`fetching ${url.href} failed: HTTP ${response.status} ${response.statusText}`);
  return response;
}

/**
 * Two sentences on where the bundled model and images come from, for the page.
 *
 * @example
 * describeBundle(bundle.info, 40);
 * // 'WRN-16-2 trained with @wrn/train on 25000 CIFAR-10 images (cifar-10-25k), top-1 error 20.5% on 4000
 * //  held-out test images after epoch 15. Below: 40 real CIFAR-10 test images (test_batch.bin), never trained on.'
 */
export function describeBundle(info: BundleInfo, images: number): string {
  const { name, best, trainImages, heldOutImages, dataDir } = info.model;
  const data = dataDir === null ? '' : ` (${lastSegment(dataDir)})`;
  const trained = `${name} trained with @wrn/train on ${trainImages ?? "its run's"} CIFAR-10 images${data}`;
  const heldOut =
    heldOutImages === null ? "its run's held-out test images" : `${heldOutImages} held-out test images`;
  const error =
    best === null
      ? 'no held-out error recorded'
      : `top-1 error ${(100 * best.testTop1Error).toFixed(1)}% on ${heldOut} after epoch ${best.epoch + 1}`;
  const source = lastSegment(info.images.source);
  return `${trained}, ${error}. Below: ${images} real CIFAR-10 test images (${source}), never trained on.`;
}

function lastSegment(path: string): string {
  return path.split(/[\\/]/).filter(Boolean).at(-1) ?? path;
}
