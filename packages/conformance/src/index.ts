export * from './reference/index.js';
export * from './suite/index.js';
