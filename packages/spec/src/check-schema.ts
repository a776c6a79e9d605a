import type { JsonSchema } from './json-schema.js';

function typeOf(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'array';
  if (typeof value === 'number' && Number.isInteger(value)) return 'integer';
  return typeof value;
}

function matchesType(value: unknown, type: string): boolean {
  const actual = typeOf(value);
  return actual === type || (type === 'number' && actual === 'integer');
}

function show(value: unknown): string {
  return typeof value === 'string' ? `'${value}'` : (JSON.stringify(value) ?? String(value));
}

/**
 * Checks a value against a {@link JsonSchema}; throws a TypeError (wrong type, unknown or missing field) or a
 * RangeError (value out of range) naming the field path, the value and what is valid.
 *
 * @example
 * checkAgainstSchema(0, { type: 'integer', minimum: 1 }, 'batchSize');
 * // RangeError: batchSize must be >= 1, got 0
 */
export function checkAgainstSchema(value: unknown, schema: JsonSchema, path: string): void {
  if (schema.const !== undefined && value !== schema.const) {
    throw new RangeError(`${path} must be ${show(schema.const)}, got ${show(value)}`);
  }
  if (schema.enum && !schema.enum.includes(value as string)) {
    throw new RangeError(`${path} must be one of ${schema.enum.map(show).join(', ')}, got ${show(value)}`);
  }
  if (schema.type !== undefined) {
    const types = Array.isArray(schema.type) ? schema.type : [schema.type];
    if (!types.some((type) => matchesType(value, type))) {
      throw new TypeError(
        `${path} must be of type ${types.join(' or ')}, got ${show(value)} (${typeOf(value)})`,
      );
    }
  }
  if (typeof value === 'number') checkNumber(value, schema, path);
  if (Array.isArray(value)) {
    if (schema.minItems !== undefined && value.length < schema.minItems) {
      throw new RangeError(`${path} must have at least ${schema.minItems} items, got ${value.length}`);
    }
    if (schema.maxItems !== undefined && value.length > schema.maxItems) {
      throw new RangeError(`${path} must have at most ${schema.maxItems} items, got ${value.length}`);
    }
    const items = schema.items;
    if (items) value.forEach((item, index) => checkAgainstSchema(item, items, `${path}[${index}]`));
  } else if (typeOf(value) === 'object' && schema.properties) {
    checkObject(value as Record<string, unknown>, schema, path);
  }
}

function checkNumber(value: number, schema: JsonSchema, path: string): void {
  if (!Number.isFinite(value)) throw new RangeError(`${path} must be a finite number, got ${value}`);
  const fails: [boolean, string][] = [
    [schema.minimum !== undefined && value < schema.minimum, `>= ${schema.minimum}`],
    [schema.maximum !== undefined && value > schema.maximum, `<= ${schema.maximum}`],
    [
      schema.exclusiveMinimum !== undefined && value <= schema.exclusiveMinimum,
      `> ${schema.exclusiveMinimum}`,
    ],
    [
      schema.exclusiveMaximum !== undefined && value >= schema.exclusiveMaximum,
      `< ${schema.exclusiveMaximum}`,
    ],
  ];
  for (const [failed, rule] of fails)
    if (failed) throw new RangeError(`${path} must be ${rule}, got ${value}`);
}

function checkObject(value: Record<string, unknown>, schema: JsonSchema, path: string): void {
  const properties = schema.properties ?? {};
  for (const key of schema.required ?? []) {
    if (value[key] === undefined) throw new TypeError(`${path}.${key} is missing`);
  }
  for (const [key, field] of Object.entries(value)) {
    const fieldSchema = properties[key];
    if (!fieldSchema) {
      if (schema.additionalProperties === false) {
        throw new TypeError(
          `${path}.${key} is not a known field; known fields: ${Object.keys(properties).join(', ')}`,
        );
      }
      continue;
    }
    if (field !== undefined) checkAgainstSchema(field, fieldSchema, `${path}.${key}`);
  }
}
