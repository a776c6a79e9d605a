import { readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import type { Dataset } from './dataset.js';
import { allocateShared, readRequiredFile } from './dataset-directory.js';
import { decodeImage } from './decode-image.js';
import { resizeBilinear } from './resize.js';

/** Image files the folder reader decodes (by extension, case-insensitive). @example IMAGE_EXTENSIONS.includes('.png') // true */
export const IMAGE_EXTENSIONS: readonly string[] = ['.png', '.jpg', '.jpeg'];

/**
 * Options of {@link readImageFolder}.
 *
 * @example
 * const options: ImageFolderOptions = { height: 32, width: 32, resize: true };
 */
export interface ImageFolderOptions {
  /** Size every image must have (the model's input); default 32 x 32, the CIFAR input. */
  height?: number;
  width?: number;
  /** Resize other sizes bilinearly; default false, so a wrong-size image is an error rather than a silent change. */
  resize?: boolean;
}

/**
 * Reads a folder of class sub-folders (`root/<class>/*.png|jpg|jpeg`), as torchvision's `ImageFolder`: classes are
 * the sub-folder names in sorted order, files are read in sorted order, other files and hidden entries are
 * skipped. Every image is decoded before the dataset is returned; an unreadable image, an empty class or a wrong
 * size (without `resize`) is an error naming the file.
 *
 * @example
 * const train = await readImageFolder('photos/train', { resize: true });
 * train.classNames; // ['cat', 'dog']
 */
export async function readImageFolder(root: string, options: ImageFolderOptions = {}): Promise<Dataset> {
  const height = options.height ?? 32; // the CIFAR input height
  const width = options.width ?? 32; // the CIFAR input width
  const resize = options.resize ?? false; // silently changing images hides data mistakes
  let entries: string[];
  try {
    entries = readdirSync(root);
  } catch {
    throw new Error(
      `image folder ${root} does not exist or cannot be listed; pass a folder of class sub-folders`,
    );
  }
  const classNames = entries
    .filter((name) => !name.startsWith('.') && statSync(join(root, name)).isDirectory())
    .sort();
  if (classNames.length === 0)
    throw new Error(`image folder ${root} has no class sub-folders (expected ${root}/<class>/<image>.png)`);
  const files: { path: string; label: number }[] = [];
  classNames.forEach((name, label) => {
    const images = readdirSync(join(root, name))
      .filter(
        (file) =>
          !file.startsWith('.') &&
          IMAGE_EXTENSIONS.some((extension) => file.toLowerCase().endsWith(extension)),
      )
      .sort();
    if (images.length === 0) throw new Error(`class folder ${join(root, name)} has no PNG or JPEG images`);
    for (const file of images) files.push({ path: join(root, name, file), label });
  });
  const imageBytes = 3 * height * width;
  const decoded: Uint8Array[] = [];
  for (const { path } of files) {
    const image = decodeImage(await readRequiredFile(path, 'the folder changed while it was read'), path);
    if (image.height === height && image.width === width) decoded.push(image.pixels);
    else if (resize) decoded.push(resizeBilinear(image.pixels, { channels: 3, ...image }, height, width));
    else {
      throw new RangeError(
        `${path} is ${image.width}x${image.height} but the model input is ${width}x${height}; resize the images or pass { resize: true }`,
      );
    }
  }
  const images = allocateShared(files.length * imageBytes);
  decoded.forEach((pixels, index) => images.set(pixels, index * imageBytes));
  const labels = Int32Array.from(files, (file) => file.label);
  return {
    images,
    labels,
    count: files.length,
    channels: 3,
    height,
    width,
    classNames,
    sources: files.map((file) => file.path),
  };
}
