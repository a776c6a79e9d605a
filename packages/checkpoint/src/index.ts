export type { SafetensorsData, SafetensorsDtype, SafetensorsTensor } from './dtype.js';
export { isSafetensorsDtype } from './dtype.js';
export { bfloat16ToFloat32, float32ToBfloat16, float32ToHalf, halfToFloat32 } from './half-precision.js';
export { CheckpointError, SafetensorsError } from './safetensors-error.js';
export {
  MAX_HEADER_BYTES,
  METADATA_KEY,
  parseHeader,
  readHeaderLength,
  type HeaderEntry,
} from './safetensors-header.js';
export { encodeSafetensors } from './encode-safetensors.js';
export { decodeSafetensors, tensorFromBytes } from './decode-safetensors.js';
export {
  CHECKPOINT_FORMAT,
  checkpointFromTensors,
  decodeCheckpoint,
  encodeCheckpoint,
  MOMENTUM_PREFIX,
  SPEC_METADATA_KEY,
  type Checkpoint,
  type DecodedCheckpoint,
} from './checkpoint.js';
