import type { WrnOptions } from '@wrn/spec';

export declare const FIXTURE_CASES: {
  name: string;
  options: WrnOptions;
  batchSize: number;
  seed: number;
  steps: { batchSeed: number; dropoutSeed: number; learningRate: number; microBatchSize?: number }[];
}[];
