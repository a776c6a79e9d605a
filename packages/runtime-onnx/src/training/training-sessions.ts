import type { ModelSpec, SgdSpec } from '@wrn/spec';
import type { InferenceSession } from 'onnxruntime-node';
import type { OnnxBinding } from '../load-onnxruntime.js';
import { encodeModel } from '../onnx-proto.js';
import { buildTrainingModel, type TrainingGraphKind } from './training-graph.js';

/**
 * The training graphs of one executor as onnxruntime sessions, each built and opened on first use (a run that never
 * uses micro-batches never builds the micro-batch graphs) and kept for the executor's life.
 *
 * @example
 * const sessions = new TrainingSessions(spec, optimizer, ort, sessionOptions);
 * const outputs = await (await sessions.get('step')).run(feeds);
 */
export class TrainingSessions {
  private readonly opened = new Map<TrainingGraphKind, Promise<InferenceSession>>();

  constructor(
    private readonly spec: ModelSpec,
    private readonly optimizer: SgdSpec,
    private readonly ort: OnnxBinding,
    private readonly sessionOptions: InferenceSession.SessionOptions,
  ) {}

  /** The session of a graph kind. @example await sessions.get('gradients') */
  get(kind: TrainingGraphKind): Promise<InferenceSession> {
    let session = this.opened.get(kind);
    if (!session) {
      const bytes = encodeModel(buildTrainingModel(this.spec, kind, this.optimizer));
      session = this.ort.InferenceSession.create(bytes, this.sessionOptions);
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
