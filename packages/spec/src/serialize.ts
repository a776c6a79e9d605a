import type { ModelSpec } from './model-spec.js';
import { validateModelSpec } from './validate.js';

/**
 * Serialises a spec to JSON text (stable key order as built; lossless).
 *
 * @example
 * const text = specToJson(parseModelName('WRN-28-10'));
 */
export function specToJson(spec: ModelSpec): string {
  return JSON.stringify(validateModelSpec(spec));
}

/**
 * Parses and validates spec JSON; a syntax error names the problem.
 *
 * @example
 * const spec = specFromJson(readFileSync('model.json', 'utf8'));
 */
export function specFromJson(text: string): ModelSpec {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (error) {
    throw new TypeError(`spec JSON does not parse: ${(error as Error).message}`);
  }
  return validateModelSpec(value);
}
