import { expandGraph, type ModelSpec, type SgdSpec } from '@wrn/spec';
import type { InferenceSession } from 'onnxruntime-node';
import type { OnnxBinding } from '../load-onnxruntime.js';
import { encodeModel } from '../onnx-proto.js';
import { memoryArenaFor } from './memory-arena.js';
import { buildTrainingModel, type TrainingGraphKind } from './training-graph.js';

/**
 * The training graphs of one executor as onnxruntime sessions, each built and opened on first use (a run that never
 * uses micro-batches never builds the micro-batch graphs) and kept for the executor's life. The first batch size a
 * kind runs on decides its memory arena (`memoryArenaFor`) unless `memoryArena` says.
 *
 * @example
 * const sessions = new TrainingSessions(spec, optimizer, ort, sessionOptions, undefined);
 * const outputs = await (await sessions.get('step', 32)).run(feeds);
 */
export class TrainingSessions {
  private readonly opened = new Map<TrainingGraphKind, Promise<InferenceSession>>();

  constructor(
    private readonly spec: ModelSpec,
    private readonly optimizer: SgdSpec,
    private readonly ort: OnnxBinding,
    private readonly sessionOptions: InferenceSession.SessionOptions,
    private readonly memoryArena: boolean | undefined,
  ) {}

  /** The session of a graph kind, run on batches of `batchSize`. @example await sessions.get('gradients', 32) */
  get(kind: TrainingGraphKind, batchSize: number): Promise<InferenceSession> {
    let session = this.opened.get(kind);
    if (!session) {
      const bytes = encodeModel(buildTrainingModel(this.spec, kind, this.optimizer));
      const enableCpuMemArena = this.memoryArena ?? memoryArenaFor(expandGraph(this.spec), batchSize);
      session = this.ort.InferenceSession.create(bytes, { ...this.sessionOptions, enableCpuMemArena });
      this.opened.set(kind, session);
    }
    return session;
  }

  /** Releases every opened session. @example await sessions.release() */
  async release(): Promise<void> {
    const sessions = [...this.opened.values()];
    this.opened.clear();
    await Promise.all(sessions.map(async (session) => (await session).release()));
  }
}
