import type { ModelSpec } from '@wrn/spec';

/**
 * What each spec field is, for flags given over a spec that already exists (`--init FILE`, `--resume`):
 * - `architecture`: shapes or computation the weights were made for; a flag must agree with the file.
 * - `training`: changes how the network trains, not which weights fit it; a flag applies over the file.
 * - `description`: labels only (class names); kept from the file.
 * Typed over every key of {@link ModelSpec}, so a new spec field does not compile until it is placed here.
 *
 * @example
 * SPEC_FIELD_KINDS.dropout; // 'training'
 */
export const SPEC_FIELD_KINDS: Record<keyof ModelSpec, 'architecture' | 'training' | 'description'> = {
  specVersion: 'architecture',
  depth: 'architecture',
  widenFactor: 'architecture',
  blockType: 'architecture',
  numClasses: 'architecture',
  variant: 'architecture',
  input: 'architecture',
  // Epsilon changes every normalised value the weights were trained against.
  batchNorm: 'architecture',
  dropout: 'training',
  classNames: 'description',
};

/**
 * The spec fields each model flag of `wrn train` sets (the model name is depth, widen factor and block type).
 *
 * @example
 * MODEL_FLAG_FIELDS.model; // ['depth', 'widenFactor', 'blockType']
 */
export const MODEL_FLAG_FIELDS = {
  model: ['depth', 'widenFactor', 'blockType'],
  variant: ['variant'],
  classes: ['numClasses'],
  dropout: ['dropout'],
} as const satisfies Record<string, readonly (keyof ModelSpec)[]>;
