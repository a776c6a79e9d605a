/**
 * The subset of JSON Schema (draft 2020-12) the spec uses; {@link checkAgainstSchema} interprets it, so the
 * exported schema and the runtime checks can never disagree.
 *
 * @example
 * const schema: JsonSchema = { type: 'integer', minimum: 1 };
 */
export interface JsonSchema {
  $schema?: string;
  $id?: string;
  title?: string;
  description?: string;
  type?: 'object' | 'array' | 'number' | 'integer' | 'string' | 'boolean' | 'null' | ('object' | 'null')[];
  properties?: Record<string, JsonSchema>;
  required?: string[];
  additionalProperties?: boolean;
  items?: JsonSchema;
  minItems?: number;
  maxItems?: number;
  minimum?: number;
  maximum?: number;
  exclusiveMinimum?: number;
  exclusiveMaximum?: number;
  enum?: readonly (string | number | boolean)[];
  const?: string | number | boolean;
}

const positiveInteger: JsonSchema = { type: 'integer', minimum: 1 };
const probability = (description: string): JsonSchema => ({
  type: 'number',
  minimum: 0,
  exclusiveMaximum: 1,
  description,
});

/**
 * JSON Schema of {@link ModelSpec}, for config files and editors.
 *
 * @example
 * writeFileSync('model.schema.json', JSON.stringify(MODEL_SPEC_SCHEMA, null, 2));
 */
export const MODEL_SPEC_SCHEMA: JsonSchema = {
  $schema: 'https://json-schema.org/draft/2020-12/schema',
  $id: 'https://wrn.dev/schema/model-spec.json',
  title: 'Wide ResNet model spec',
  type: 'object',
  additionalProperties: false,
  required: [
    'specVersion',
    'depth',
    'widenFactor',
    'numClasses',
    'dropout',
    'blockType',
    'variant',
    'input',
    'batchNorm',
  ],
  properties: {
    specVersion: { const: 1, description: 'Spec format version.' },
    depth: {
      type: 'integer',
      minimum: 4,
      maximum: 1000,
      description: 'n of WRN-n-k; (n - 4) / (3 m) must be an integer.',
    },
    widenFactor: { type: 'integer', minimum: 1, maximum: 64, description: 'k of WRN-n-k.' },
    numClasses: { type: 'integer', minimum: 2, maximum: 100000 },
    dropout: probability('Dropout probability between convolutions.'),
    blockType: {
      type: 'array',
      minItems: 1,
      maxItems: 8,
      items: { type: 'integer', minimum: 1, maximum: 15 },
    },
    variant: { enum: ['paper', 'seed-pytorch', 'seed-keras'] },
    input: {
      type: 'object',
      additionalProperties: false,
      required: ['channels', 'height', 'width', 'mean', 'std'],
      properties: {
        channels: positiveInteger,
        height: { type: 'integer', minimum: 4, maximum: 4096 },
        width: { type: 'integer', minimum: 4, maximum: 4096 },
        mean: { type: 'array', minItems: 1, items: { type: 'number', minimum: 0, maximum: 1 } },
        std: { type: 'array', minItems: 1, items: { type: 'number', exclusiveMinimum: 0, maximum: 10 } },
      },
    },
    batchNorm: {
      type: 'object',
      additionalProperties: false,
      required: ['epsilon', 'momentum'],
      properties: {
        epsilon: { type: 'number', exclusiveMinimum: 0, maximum: 1 },
        momentum: { type: 'number', minimum: 0, maximum: 1 },
      },
    },
    classNames: { type: 'array', items: { type: 'string' } },
  },
};

/**
 * JSON Schema of {@link TrainingRecipe}.
 *
 * @example
 * const fields = Object.keys(TRAINING_RECIPE_SCHEMA.properties ?? {}); // ['optimizer', 'schedule', ...]
 */
export const TRAINING_RECIPE_SCHEMA: JsonSchema = {
  $schema: 'https://json-schema.org/draft/2020-12/schema',
  $id: 'https://wrn.dev/schema/training-recipe.json',
  title: 'Wide ResNet training recipe',
  type: 'object',
  additionalProperties: false,
  required: ['optimizer', 'schedule', 'batchSize', 'epochs', 'dropLast', 'augmentation'],
  properties: {
    optimizer: {
      type: 'object',
      additionalProperties: false,
      required: ['type', 'learningRate', 'momentum', 'nesterov', 'dampening', 'weightDecay'],
      properties: {
        type: { const: 'sgd' },
        learningRate: { type: 'number', exclusiveMinimum: 0, maximum: 100 },
        momentum: { type: 'number', minimum: 0, exclusiveMaximum: 1 },
        nesterov: { type: 'boolean' },
        dampening: { type: 'number', minimum: 0, exclusiveMaximum: 1 },
        weightDecay: { type: 'number', minimum: 0, maximum: 1 },
      },
    },
    schedule: {
      type: 'object',
      additionalProperties: false,
      required: ['type', 'milestones', 'gamma', 'resetMomentum'],
      properties: {
        type: { const: 'multi-step' },
        milestones: { type: 'array', items: positiveInteger },
        gamma: { type: 'number', exclusiveMinimum: 0, maximum: 1 },
        resetMomentum: { type: 'boolean' },
      },
    },
    batchSize: { type: 'integer', minimum: 1, maximum: 65536 },
    epochs: { type: 'integer', minimum: 1, maximum: 100000 },
    dropLast: { type: 'boolean' },
    augmentation: {
      type: 'object',
      additionalProperties: false,
      required: ['crop', 'horizontalFlip'],
      properties: {
        crop: {
          type: ['object', 'null'],
          additionalProperties: false,
          required: ['size', 'padding', 'mode'],
          properties: {
            size: positiveInteger,
            padding: { type: 'integer', minimum: 0, maximum: 64 },
            mode: { enum: ['reflect', 'zeros'] },
          },
        },
        horizontalFlip: { type: 'number', minimum: 0, maximum: 1 },
      },
    },
  },
};
