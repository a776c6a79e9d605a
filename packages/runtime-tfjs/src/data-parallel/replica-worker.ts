// The entry point of a data-parallel worker thread: one wasm instance holding a full replica of the network.
import * as tf from '@tensorflow/tfjs';
import { parentPort } from 'node:worker_threads';
import type { Batch } from '@wrn/core';
import { TfjsModel } from '../model/tfjs-model.js';
import { loadWasmBackend } from '../wasm-backend.js';
import type { ReplicaRequest } from './protocol.js';
import { applyHostUpdate } from './host-transfer.js';
import { runShard } from './replica-shard.js';
import { SharedAllReduce } from './shared-all-reduce.js';

let model: TfjsModel | undefined;
let reducer: SharedAllReduce | undefined;

function replica(): TfjsModel {
  if (!model) throw new Error('internal: data-parallel replica used before init');
  return model;
}

async function handle(request: ReplicaRequest): Promise<unknown> {
  switch (request.type) {
    case 'init':
      await loadWasmBackend(request.wasmPath);
      await tf.setBackend('wasm');
      model = new TfjsModel(request.spec, 'wasm', new Map(request.weights), request.optimizer, request.seed);
      reducer = new SharedAllReduce(request.allReduce, request.replica);
      return null;
    case 'shard': {
      const batch: Batch = { images: request.images, labels: request.labels, size: request.size };
      if (!reducer) throw new Error('internal: data-parallel replica used before init');
      // The main thread's replica reports the statistics; this one's are the same numbers.
      return runShard(replica(), batch, request.plan, reducer, false);
    }
    case 'forward':
      return replica().forward(request.images, request.size);
    case 'update':
      applyHostUpdate(replica(), request.statistics, request.gradients, request.learningRate);
      return null;
    case 'setWeights':
      return replica().setWeights(new Map(request.weights));
    case 'setOptimizerState':
      return replica().setOptimizerState(new Map(request.state));
    case 'resetMomentum':
      return replica().resetMomentum();
  }
}

parentPort?.on('message', (message: { id: number; request: ReplicaRequest }) => {
  handle(message.request).then(
    (result) => parentPort?.postMessage({ id: message.id, result }),
    (error: Error) => parentPort?.postMessage({ id: message.id, error: error?.stack ?? String(error) }),
  );
});
