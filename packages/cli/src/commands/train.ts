import { isTrainableRuntime } from '@wrn/core';
import {
  DropoutGeneratorMismatchError,
  RunExistsError,
  RunLockedError,
  RunMismatchError,
  TrainingDivergedError,
  evaluationData,
  train,
  trainingData,
} from '@wrn/train';
import { abortOnSignals, assertRunFolderFree, fileRunStore, RunFolderLockedError } from '@wrn/train/node';
import {
  DROPOUT_MASK_GENERATOR,
  formatModelName,
  validateModelSpec,
  validateRecipe,
  type ModelSpec,
  type TrainingRecipe,
  type WeightMap,
} from '@wrn/spec';
import { integerOption, parseCommand, requireOption } from '../arguments.js';
import { readCheckpointOption } from '../checkpoint-input.js';
import type { Command, CommandIo } from '../command.js';
import { datasetFolder, datasetName, readSplit } from '../dataset-input.js';
import { EXIT_CODES, UserError } from '../errors.js';
import { specOverFile } from '../flags-over-spec.js';
import { specFromOptions } from '../model-options.js';
import { epochLine, progressBar } from '../progress-line.js';
import { peakRssMegabytes } from '../peak-rss.js';
import { checkResumeFlags } from '../resume-flags.js';
import { chooseRuntime, RUNTIME_HELP, TFJS_ONLY_BACKENDS } from '../runtime-choice.js';
import { loadRuntime, type RuntimeName } from '../runtime-loader.js';
import { threadsNote } from '../threads-note.js';
import { mergeConfigFile, recipeFromFlags, TRAIN_FLAGS } from '../training-config.js';

const percent = (fraction: number) => `${(fraction * 100).toFixed(2)}%`;

/**
 * `wrn train`: trains a WRN with the paper's recipe (or overrides) into a run folder; Ctrl-C saves and exits.
 *
 * @example
 * await trainCommand.run(['--model', 'WRN-16-4', '--dataset', 'cifar10', '--download', '--out', 'runs/a'], io);
 */
export const trainCommand: Command = {
  name: 'train',
  options: TRAIN_FLAGS,
  summary: 'train a model into a run folder (progress, metrics.jsonl, last/best checkpoints, resume)',
  help: `Usage: wrn train --model WRN-28-10 [--variant paper] --dataset cifar10|cifar100 [--data-dir DIR | --download]
                 [--runtime onnx|tfjs|webgpu|reference] [--backend B] [--threads N] [--epochs N] [--batch-size N]
                 [--micro-batch-size N] [--lr X] [--weight-decay X] [--dropout X] [--no-augment] [--seed N]
                 [--init FILE.safetensors] [--limit-train N] [--limit-test N] [--evaluate-every N]
                 [--config FILE.json] --out RUN_DIR [--resume]

Defaults are the paper's recipe: SGD lr 0.1, Nesterov momentum 0.9, weight decay 5e-4, batch 128, 200 epochs,
lr x0.2 at epochs 60/120/160, random crop (4-pixel reflect padding) and horizontal flips, dropout 0.3.
The run folder gets config.json, metrics.jsonl, last.safetensors (each epoch and on Ctrl-C) and best.safetensors.
--init FILE starts from a checkpoint's weights and model (then --model may be left out): --dropout applies over the
file's spec and is recorded in config.json; --model, --variant and --classes must match the file.
--resume continues RUN_DIR from last.safetensors with its recorded settings: flags that would change its model,
recipe, seed or data subset are refused; --runtime, --backend, --threads and --data-dir may change. A run with
dropout resumes only with the dropout mask generator it recorded (this version's: ${DROPOUT_MASK_GENERATOR}).
A run holds RUN_DIR (RUN_DIR/run.lock names its process and host) so a second run or resume there is refused. --config takes a JSON file whose keys
are these flags in camelCase (e.g. {"model": "WRN-16-4", "batchSize": 64, "recipe": {...}}); flags win.
${RUNTIME_HELP}
Without --runtime or --backend, --resume continues on the run's recorded runtime and --backend.
--threads N: onnx runs each step on N onnxruntime intra-op threads (default one per physical core); tfjs wasm trains
on N wasm instances over worker threads (default 1; one wasm instance uses one core), which share each
(micro-)batch and synchronise its BatchNorm statistics, so a step is the same math as with 1 thread.
The first line printed names the runtime, backend and threads the run uses.
Data: --data-dir points at an existing copy of the binary CIFAR version; --download fetches it once into
$WRN_DATA_DIR (default ~/.cache/wrn) and verifies its MD5.

Example:
  wrn train --model WRN-16-4 --dataset cifar10 --download --epochs 10 --out runs/wrn-16-4
  wrn train --out runs/wrn-16-4 --resume`,
  async run(argv, io) {
    const parsed = parseCommand('train', argv, TRAIN_FLAGS);
    const out = requireOption(parsed.values.out, '--out', 'train');
    refuseIfHeld(out); // before loading data and a runtime; train() takes the lock itself
    const plan = parsed.values.resume ? await resumePlan(out, parsed.values) : await newPlan(parsed.values);
    const dataset = datasetName(plan.dataset);
    const folder = await datasetFolder(dataset, { dataDir: plan.dataDir, download: plan.download });
    const [trainSet, testSet] = [
      await readSplit(dataset, folder, 'train', plan.limitTrain),
      await readSplit(dataset, folder, 'test', plan.limitTest),
    ];
    if (trainSet.classNames.length !== plan.spec.numClasses) {
      throw new UserError(
        `${dataset} has ${trainSet.classNames.length} classes but the model has ${plan.spec.numClasses}; pass --classes ${trainSet.classNames.length}`,
      );
    }
    const runtime = await loadRuntime(plan.runtime, plan.backend, {
      ...(plan.threads ? { threads: plan.threads } : {}),
      verbose: Boolean(parsed.values.verbose),
    });
    if (!isTrainableRuntime(runtime)) {
      await runtime.dispose();
      throw new UserError(
        `runtime '${runtime.name}' cannot train; use --runtime onnx, tfjs, webgpu or reference`,
      );
    }
    const { signal, dispose } = abortOnSignals(() =>
      io.err('\nstopping after this step and saving last.safetensors (Ctrl-C again to quit at once)\n'),
    );
    io.err(
      `training ${plan.model} on ${dataset} (${trainSet.count} train / ${testSet.count} test images) with ${runtime.name}/${runtime.backend}${threadsNote(plan.threads, runtime)} into ${out}\n`,
    );
    try {
      const result = await train({
        runtime,
        spec: plan.spec,
        recipe: plan.recipe,
        store: fileRunStore(out),
        seed: plan.seed,
        resume: Boolean(parsed.values.resume),
        train: trainingData(trainSet, { spec: plan.spec, recipe: plan.recipe, seed: plan.seed }),
        test: evaluationData(testSet, { spec: plan.spec, batchSize: Math.min(plan.recipe.batchSize, 256) }),
        ...(plan.weights ? { weights: plan.weights } : {}),
        ...(plan.microBatchSize ? { microBatchSize: plan.microBatchSize } : {}),
        ...(plan.evaluateEvery ? { evaluateEvery: plan.evaluateEvery } : {}),
        signal,
        config: {
          model: plan.model,
          dataset,
          dataDir: folder,
          limitTrain: plan.limitTrain,
          limitTest: plan.limitTest,
          backend: plan.backend,
        },
        onEvent: (event) => report(event, plan.recipe.epochs, io, Boolean(parsed.values.json)),
      });
      if (result.status === 'interrupted') {
        io.err(`interrupted; resume with: wrn train --out ${out} --resume\n`);
        return EXIT_CODES.interrupted;
      }
      const last = result.metrics.at(-1);
      const summary = {
        status: result.status,
        epochs: result.metrics.length,
        top1Error: last?.testTop1Error,
        top5Error: last?.testTop5Error,
        bestTop1Error: result.bestTop1Error,
        runDir: out,
      };
      io.out(
        parsed.values.json
          ? `${JSON.stringify(summary)}\n`
          : `final test error ${percent(last?.testTop1Error ?? Number.NaN)} (top-5 ${percent(last?.testTop5Error ?? Number.NaN)}); best ${percent(result.bestTop1Error ?? Number.NaN)}; run folder ${out}\n`,
      );
      return EXIT_CODES.ok;
    } catch (error) {
      if (error instanceof TrainingDivergedError) throw new UserError(error.message, EXIT_CODES.diverged);
      if (error instanceof RunExistsError)
        throw new UserError(
          `run folder ${out} already holds a run; pass --resume to continue it, or choose another --out`,
        );
      if (error instanceof DropoutGeneratorMismatchError)
        throw new UserError(
          `${error.message} (a new run can start from its weights: --init ${out}/last.safetensors)`,
        );
      if (error instanceof RunLockedError || error instanceof RunMismatchError)
        throw new UserError(error.message);
      throw error;
    } finally {
      dispose();
      await runtime.dispose();
    }
  },
};

interface Plan {
  model: string;
  spec: ModelSpec;
  recipe: TrainingRecipe;
  seed: number;
  dataset: string | undefined;
  dataDir: string | undefined;
  download: boolean;
  runtime: RuntimeName;
  backend: string | undefined;
  threads: number | undefined;
  limitTrain: number | undefined;
  limitTest: number | undefined;
  microBatchSize: number | undefined;
  evaluateEvery: number | undefined;
  weights?: WeightMap;
}

type Values = Record<string, string | boolean | undefined>;

async function newPlan(values: Values): Promise<Plan> {
  const { flags, recipe: fileRecipe } = mergeConfigFile(values);
  const initial = flags.init ? await readCheckpointOption(String(flags.init)) : undefined;
  // With --init the file names the model; the flags given apply over it (see specOverFile).
  const spec = initial
    ? specOverFile(initial.spec, flags, String(flags.init))
    : specFromOptions(
        requireOption(flags.model as string | undefined, '--model', 'train'),
        flags as Record<string, string | undefined>,
      );
  const model = (flags.model as string | undefined) ?? formatModelName(spec);
  return {
    model,
    spec,
    recipe: recipeFromFlags(flags, fileRecipe),
    seed: integerOption(flags.seed, '--seed') ?? 0,
    dataset: (flags.dataset as string | undefined) ?? (spec.numClasses === 100 ? 'cifar100' : 'cifar10'),
    dataDir: flags['data-dir'] as string | undefined,
    download: Boolean(flags.download),
    runtime: await chooseRuntime({
      runtime: flags.runtime as string | undefined,
      backend: flags.backend as string | undefined,
    }),
    backend: flags.backend as string | undefined,
    threads: integerOption(flags.threads, '--threads', { min: 1 }),
    limitTrain: integerOption(flags['limit-train'], '--limit-train', { min: 1 }),
    limitTest: integerOption(flags['limit-test'], '--limit-test', { min: 1 }),
    microBatchSize: integerOption(flags['micro-batch-size'], '--micro-batch-size', { min: 1 }),
    evaluateEvery: integerOption(flags['evaluate-every'], '--evaluate-every', { min: 1 }),
    ...(initial ? { weights: initial.weights } : {}),
  };
}

async function resumePlan(out: string, values: Values): Promise<Plan> {
  let config: Record<string, unknown>;
  try {
    config = await fileRunStore(out).readConfig();
  } catch (error) {
    throw new UserError((error as Error).message);
  }
  const spec = validateModelSpec(config.spec);
  const recipe = validateRecipe(config.recipe);
  checkResumeFlags({ ...config, spec, recipe }, values, out);
  const recorded = config.runtime as { name?: string } | undefined;
  const backendFlag = values.backend as string | undefined;
  // Resuming continues on the recorded runtime unless --runtime (or a tfjs-only --backend) names another.
  const tfjsBackend = backendFlag !== undefined && TFJS_ONLY_BACKENDS.includes(backendFlag);
  const runtime = await chooseRuntime({
    runtime: (values.runtime as string | undefined) ?? (tfjsBackend ? undefined : recorded?.name),
    backend: backendFlag,
  });
  // The recorded --backend belongs to the recorded runtime (wasm means nothing to onnx).
  const recordedBackend = runtime === recorded?.name ? (config.backend as string | undefined) : undefined;
  return {
    model: String(config.model),
    spec,
    recipe,
    seed: Number(config.seed ?? 0),
    dataset: config.dataset as string | undefined,
    dataDir: (values['data-dir'] as string | undefined) ?? (config.dataDir as string | undefined),
    download: Boolean(values.download),
    runtime,
    backend: backendFlag ?? recordedBackend,
    threads: integerOption(values.threads, '--threads', { min: 1 }),
    limitTrain: config.limitTrain as number | undefined,
    limitTest: config.limitTest as number | undefined,
    microBatchSize: integerOption(values['micro-batch-size'], '--micro-batch-size', { min: 1 }),
    evaluateEvery: integerOption(values['evaluate-every'], '--evaluate-every', { min: 1 }),
  };
}

function refuseIfHeld(out: string): void {
  try {
    assertRunFolderFree(out);
  } catch (error) {
    if (error instanceof RunFolderLockedError) throw new UserError(error.message);
    throw error;
  }
}

function report(
  event: Parameters<NonNullable<Parameters<typeof train>[0]['onEvent']>>[0],
  epochs: number,
  io: CommandIo,
  json: boolean,
): void {
  if (event.type === 'batch' && io.isTty && !json) io.err(`\r${progressBar(event, epochs)}\u001b[K`);
  if (event.type === 'epoch') {
    if (io.isTty && !json) io.err('\r\u001b[K');
    const peak = peakRssMegabytes();
    io.err(
      `${json ? JSON.stringify({ ...event.metrics, peakRssMegabytes: peak }) : epochLine(event.metrics, epochs, event.best, peak)}\n`,
    );
  }
}
