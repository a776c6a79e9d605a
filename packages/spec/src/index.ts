export { SPEC_VERSION, VARIANTS } from './model-spec.js';
export type { BatchNormSpec, InputSpec, ModelSpec, Variant } from './model-spec.js';
export {
  BLOCK_TYPES,
  blocksPerGroup,
  checkKernelSizes,
  formatBlockType,
  parseBlockType,
} from './block-type.js';
export { MODEL_DEFAULTS } from './defaults.js';
export { wrn, type WrnOptions } from './wrn.js';
export { formatModelName, parseModelName } from './model-name.js';
export { VARIANT_RULES, type VariantRules } from './variants.js';
export { LAYER_OPS } from './layer-graph.js';
export type {
  AddNode,
  BatchNormNode,
  Conv2dNode,
  DenseNode,
  DropoutNode,
  GlobalAvgPoolNode,
  LayerGraph,
  LayerNode,
  ParameterSpec,
  ReluNode,
} from './layer-graph.js';
export { expandGraph } from './expand-graph.js';
export { countMacs, countParameters, nodeMacs } from './count.js';
export { formatSummary, summarize, type ModelSummary, type SummaryRow } from './summary.js';
export { deriveSeed, Random } from './random.js';
export { elementCount, type HostTensor, type WeightMap } from './tensor.js';
export { initWeights } from './init-weights.js';
export { isLearningRateDrop, learningRateAt, paperRecipe } from './recipe.js';
export type { AugmentationSpec, MultiStepSchedule, SgdSpec, TrainingRecipe } from './recipe.js';
export { MODEL_SPEC_SCHEMA, TRAINING_RECIPE_SCHEMA, type JsonSchema } from './json-schema.js';
export { checkAgainstSchema } from './check-schema.js';
export { validateModelSpec, validateOptimizer, validateRecipe } from './validate.js';
export { specFromJson, specToJson } from './serialize.js';
export {
  DROPOUT_MASK_GENERATOR,
  dropoutMask,
  dropoutMasks,
  passDropoutSeed,
  type ExampleRange,
} from './dropout-masks.js';
