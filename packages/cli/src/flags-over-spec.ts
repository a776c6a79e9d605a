import { formatModelName, validateModelSpec, type ModelSpec } from '@wrn/spec';
import { UserError } from './errors.js';
import { specFromOptions } from './model-options.js';
import { MODEL_FLAG_FIELDS, SPEC_FIELD_KINDS } from './spec-fields.js';

type Flags = Record<string, string | boolean | undefined>;
type ModelFlag = keyof typeof MODEL_FLAG_FIELDS;

/**
 * The spec of a run that starts from an existing spec (`--init FILE`): the model flags the user gave, read through
 * {@link SPEC_FIELD_KINDS}. A training setting (dropout) applies over the file; an architecture flag (model name,
 * variant, classes) must agree with it, or this throws one line naming both values. Flags not given change nothing.
 *
 * @example
 * specOverFile(loaded.spec, { model: 'WRN-10-1', dropout: '0' }, 'init.safetensors'); // the file's spec, dropout 0
 */
export function specOverFile(base: ModelSpec, flags: Flags, source: string): ModelSpec {
  const spec: ModelSpec = { ...base };
  for (const { flag, field, requested } of differingFlags(base, flags)) {
    if (SPEC_FIELD_KINDS[field] !== 'training') {
      throw new UserError(
        `--${flag} ${flagValue(flag, requested)} does not match ${source} (${flagValue(flag, base)}); pass the file's value or leave --${flag} out`,
      );
    }
    Object.assign(spec, { [field]: requested[field] });
  }
  return validateModelSpec(spec);
}

/**
 * The model flags the user gave whose value differs from `base`, one entry per differing spec field.
 *
 * @example
 * differingFlags(spec, { dropout: '0' }); // [{ flag: 'dropout', field: 'dropout', requested }] when spec.dropout is 0.3
 */
export function differingFlags(
  base: ModelSpec,
  flags: Flags,
): { flag: ModelFlag; field: keyof ModelSpec; requested: ModelSpec }[] {
  const given = (Object.keys(MODEL_FLAG_FIELDS) as ModelFlag[]).filter((flag) => flags[flag] !== undefined);
  if (given.length === 0) return [];
  const text = (flag: ModelFlag) => (flags[flag] === undefined ? undefined : String(flags[flag]));
  const requested = specFromOptions(text('model') ?? formatModelName(base), {
    variant: text('variant'),
    classes: text('classes'),
    dropout: text('dropout'),
  });
  return given.flatMap((flag) =>
    MODEL_FLAG_FIELDS[flag]
      .filter((field) => JSON.stringify(requested[field]) !== JSON.stringify(base[field]))
      .map((field) => ({ flag, field, requested })),
  );
}

/**
 * A flag's value as the user would write it: the model name for `--model`, else the field it sets.
 *
 * @example
 * flagValue('model', spec); // 'WRN-10-1'
 */
export function flagValue(flag: ModelFlag, spec: ModelSpec): string {
  return flag === 'model' ? formatModelName(spec) : String(spec[MODEL_FLAG_FIELDS[flag][0]]);
}
