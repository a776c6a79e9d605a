export { abortOnSignals } from './node/abort-on-signals.js';
export { fileRunStore } from './node/file-run-store.js';
export { RunFolderLockedError, type RunLockHolder } from './node/run-folder-locked-error.js';
export { runFolder } from './node/run-folder.js';
export { assertRunFolderFree, lockRunFolder } from './node/run-lock.js';
