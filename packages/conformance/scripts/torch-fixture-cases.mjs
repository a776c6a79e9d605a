// The specs, seeds and steps of test/fixtures/torch-reference.json, shared by the exporter and the test.
// A step with microBatchSize accumulates gradients over micro-batches (BatchNorm statistics updated per micro-batch).
export const FIXTURE_CASES = [
  {
    name: 'WRN-10-1 paper B(3,3) 8x8 dropout 0.3 batch 3',
    options: { depth: 10, widenFactor: 1, inputSize: 8, dropout: 0.3 },
    batchSize: 3,
    seed: 11,
    steps: [
      { batchSeed: 12, dropoutSeed: 13, learningRate: 0.1 },
      { batchSeed: 14, dropoutSeed: 15, learningRate: 0.02 },
      { batchSeed: 16, dropoutSeed: 17, learningRate: 0.02, microBatchSize: 1 },
    ],
  },
  {
    name: 'WRN-10-2 seed-pytorch B(3,3) 8x8 dropout 0.3 batch 2',
    options: { depth: 10, widenFactor: 2, inputSize: 8, dropout: 0.3, variant: 'seed-pytorch' },
    batchSize: 2,
    seed: 21,
    steps: [
      { batchSeed: 22, dropoutSeed: 23, learningRate: 0.1 },
      { batchSeed: 24, dropoutSeed: 25, learningRate: 0.1 },
      { batchSeed: 26, dropoutSeed: 27, learningRate: 0.1, microBatchSize: 1 },
    ],
  },
  {
    name: 'WRN-13-1 seed-keras B(3,1,3) 8x8 no dropout batch 3',
    options: {
      depth: 13,
      widenFactor: 1,
      inputSize: 8,
      dropout: 0,
      variant: 'seed-keras',
      blockType: 'B(3,1,3)',
      numClasses: 7,
    },
    batchSize: 3,
    seed: 31,
    steps: [
      { batchSeed: 32, dropoutSeed: 33, learningRate: 0.1 },
      { batchSeed: 34, dropoutSeed: 35, learningRate: 0.05 },
    ],
  },
];
