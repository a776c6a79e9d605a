import { parseBlockType } from './block-type.js';
import { MODEL_DEFAULTS } from './defaults.js';
import { SPEC_VERSION, type ModelSpec, type Variant } from './model-spec.js';
import { validateModelSpec } from './validate.js';
import { VARIANT_RULES } from './variants.js';

/**
 * Options of {@link wrn}; only `depth` and `widenFactor` are required.
 *
 * @example
 * const options: WrnOptions = { depth: 40, widenFactor: 4, blockType: 'B(3,1,3)' };
 */
export interface WrnOptions {
  depth: number;
  widenFactor: number;
  numClasses?: number;
  dropout?: number;
  /** Kernel sizes (`[3, 1, 3]`) or the paper's notation (`'B(3,1,3)'`). */
  blockType?: readonly number[] | string;
  variant?: Variant;
  /** Input height and width; channels stay 3. */
  inputSize?: number;
  mean?: readonly number[];
  std?: readonly number[];
  /** Defaults to the variant's framework default (1e-5, or 1e-3 for seed-keras). */
  batchNormEpsilon?: number;
  batchNormMomentum?: number;
  classNames?: readonly string[];
}

/**
 * Builds and validates a Wide ResNet spec, filling the paper's defaults.
 *
 * @example
 * const spec = wrn({ depth: 28, widenFactor: 10 });        // WRN-28-10, CIFAR-10, dropout 0.3
 * const cifar100 = wrn({ depth: 28, widenFactor: 10, numClasses: 100 });
 */
export function wrn(options: WrnOptions): ModelSpec {
  if (typeof options !== 'object' || options === null) {
    throw new TypeError(
      `wrn(options) needs an object such as { depth: 28, widenFactor: 10 }, got ${String(options)}`,
    );
  }
  const variant = options.variant ?? MODEL_DEFAULTS.variant;
  const rules = VARIANT_RULES[variant];
  if (!rules)
    throw new RangeError(
      `variant '${String(variant)}' is unknown; use one of paper, seed-pytorch, seed-keras`,
    );
  const blockType =
    typeof options.blockType === 'string'
      ? parseBlockType(options.blockType)
      : [...(options.blockType ?? MODEL_DEFAULTS.blockType)];
  const size = options.inputSize ?? MODEL_DEFAULTS.input.height;
  const spec: ModelSpec = {
    specVersion: SPEC_VERSION,
    depth: options.depth,
    widenFactor: options.widenFactor,
    numClasses: options.numClasses ?? MODEL_DEFAULTS.numClasses,
    dropout: options.dropout ?? MODEL_DEFAULTS.dropout,
    blockType,
    variant,
    input: {
      channels: MODEL_DEFAULTS.input.channels,
      height: size,
      width: size,
      mean: [...(options.mean ?? MODEL_DEFAULTS.mean)],
      std: [...(options.std ?? MODEL_DEFAULTS.std)],
    },
    batchNorm: {
      epsilon: options.batchNormEpsilon ?? rules.batchNormEpsilon,
      momentum: options.batchNormMomentum ?? MODEL_DEFAULTS.batchNormMomentum,
    },
  };
  if (options.classNames) spec.classNames = [...options.classNames];
  return validateModelSpec(spec);
}
