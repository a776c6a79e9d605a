import { formatBlockType, parseBlockType } from './block-type.js';
import { MODEL_DEFAULTS } from './defaults.js';
import type { ModelSpec } from './model-spec.js';
import { wrn, type WrnOptions } from './wrn.js';

const NAME_PATTERN = /^WRN-(\d+)-(\d+)(?:-(B\([\d,\s]+\)))?$/i;

/**
 * Parses the paper's notation `WRN-n-k` or `WRN-n-k-B(...)` into a spec; other options fill the rest.
 *
 * @example
 * parseModelName('WRN-28-10');                          // depth 28, widen factor 10, B(3,3)
 * parseModelName('WRN-40-4-B(3,1,3)', { numClasses: 100 });
 */
export function parseModelName(
  name: string,
  options: Omit<WrnOptions, 'depth' | 'widenFactor'> = {},
): ModelSpec {
  if (typeof name !== 'string')
    throw new TypeError(`model name must be a string such as 'WRN-28-10', got ${typeof name}`);
  const match = NAME_PATTERN.exec(name.trim());
  if (!match) {
    throw new TypeError(
      `model name '${name}' is not of the form WRN-<depth>-<k>[-B(...)], e.g. 'WRN-28-10' or 'WRN-40-4-B(3,1,3)'`,
    );
  }
  const blockType = match[3] ? parseBlockType(match[3]) : options.blockType;
  return wrn({
    ...options,
    depth: Number(match[1]),
    widenFactor: Number(match[2]),
    ...(blockType ? { blockType } : {}),
  });
}

/**
 * Formats a spec's name; the block type is shown only when it is not the default B(3,3).
 *
 * @example
 * formatModelName(parseModelName('WRN-40-4-B(3,1,3)')); // 'WRN-40-4-B(3,1,3)'
 */
export function formatModelName(spec: Pick<ModelSpec, 'depth' | 'widenFactor' | 'blockType'>): string {
  const base = `WRN-${spec.depth}-${spec.widenFactor}`;
  const isDefault = formatBlockType(spec.blockType) === formatBlockType(MODEL_DEFAULTS.blockType);
  return isDefault ? base : `${base}-${formatBlockType(spec.blockType)}`;
}
