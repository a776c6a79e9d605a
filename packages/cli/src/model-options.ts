import { parseModelName, VARIANTS, type ModelSpec, type Variant } from '@wrn/spec';
import { integerOption, numberOption } from './arguments.js';
import { EXIT_CODES, UserError } from './errors.js';

/** The options that choose a model, shared by summary, init and train. */
export const MODEL_OPTIONS = {
  variant: { type: 'string' },
  classes: { type: 'string' },
  dropout: { type: 'string' },
} as const;

/**
 * Builds a spec from a model name and the model options, turning spec errors into one-line user errors.
 *
 * @example
 * specFromOptions('WRN-28-10', { variant: 'paper', classes: '100' });
 */
export function specFromOptions(
  name: string | undefined,
  values: { variant?: string | undefined; classes?: string | undefined; dropout?: string | undefined },
  extra: { classNames?: string[] } = {},
): ModelSpec {
  if (!name)
    throw new UserError(
      "a model name is required, e.g. 'WRN-28-10' or 'WRN-40-4-B(3,1,3)'",
      EXIT_CODES.usage,
    );
  if (values.variant !== undefined && !VARIANTS.includes(values.variant as Variant)) {
    throw new UserError(
      `--variant must be one of ${VARIANTS.join(', ')}, got '${values.variant}'`,
      EXIT_CODES.usage,
    );
  }
  const numClasses = integerOption(values.classes, '--classes', { min: 2 }) ?? extra.classNames?.length;
  const dropout = numberOption(values.dropout, '--dropout', { min: 0, max: 0.99 });
  try {
    return parseModelName(name, {
      ...(values.variant ? { variant: values.variant as Variant } : {}),
      ...(numClasses ? { numClasses } : {}),
      ...(dropout !== undefined ? { dropout } : {}),
      ...(extra.classNames && extra.classNames.length === (numClasses ?? 10)
        ? { classNames: extra.classNames }
        : {}),
    });
  } catch (error) {
    throw new UserError((error as Error).message);
  }
}
