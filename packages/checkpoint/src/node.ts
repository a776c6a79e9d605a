export { writeFileAtomic, writeFileAtomicSync } from './node/write-file-atomic.js';
export { readSafetensorsFile, writeSafetensorsFile } from './node/safetensors-file.js';
export { loadCheckpoint, saveCheckpoint } from './node/checkpoint-file.js';
