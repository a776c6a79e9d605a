/**
 * The ONNX operator set the exporter targets: 17 is the newest that ONNX 1.12's checker (Debian's python3-onnx)
 * knows, every op used (Conv, BatchNormalization, Relu, Add, GlobalAveragePool, Flatten, Gemm, Softmax) is
 * stable there, and onnxruntime >= 1.13 runs it.
 *
 * @example
 * ONNX_OPSET; // 17
 */
export const ONNX_OPSET = 17;

/** The IR version written (IR 8 = ONNX 1.10 to 1.12), the one matching {@link ONNX_OPSET}. @example ONNX_IR_VERSION // 8 */
export const ONNX_IR_VERSION = 8;

/** `producer_name` of exported files. @example ONNX_PRODUCER_NAME // '@wrn/runtime-onnx' */
export const ONNX_PRODUCER_NAME = '@wrn/runtime-onnx';

/** `producer_version` of exported files: this package's version (a test keeps it equal to package.json). @example ONNX_PRODUCER_VERSION // '0.1.0' */
export const ONNX_PRODUCER_VERSION = '0.1.0';

/** Name of the graph input, float32 `[N, channels, height, width]`. @example ONNX_INPUT // 'input' */
export const ONNX_INPUT = 'input';
/** Name of the logits output, float32 `[N, classes]`. @example ONNX_LOGITS // 'logits' */
export const ONNX_LOGITS = 'logits';
/** Name of the optional softmax output, float32 `[N, classes]`. @example ONNX_PROBABILITIES // 'probabilities' */
export const ONNX_PROBABILITIES = 'probabilities';

/**
 * Options of {@link exportOnnx}.
 *
 * @example
 * const options: OnnxExportOptions = { foldBatchNorm: true, probabilities: true };
 */
export interface OnnxExportOptions {
  /**
   * Folds each BatchNorm whose input is a convolution read by nothing else into that convolution (eval-mode
   * algebra, float64 then rounded to float32). Default false: the file keeps every canonical initializer, so
   * {@link readOnnxWeights} can give the checkpoint back.
   */
  foldBatchNorm?: boolean;
  /** Adds a `probabilities` output (Softmax over classes). Default false: logits are what the runtimes compare. */
  probabilities?: boolean;
  /** Name of the dynamic batch dimension. Default `'N'`, the usual symbol in ONNX model zoos. */
  batchDimension?: string;
  /** Class names for the metadata; default the spec's `classNames` (omitted from the metadata when neither exists). */
  classNames?: readonly string[];
  /** Free text stored as the model's `doc_string`. Default: a one-line description of the network. */
  docString?: string;
}
