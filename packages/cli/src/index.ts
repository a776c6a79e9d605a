export { main, COMMANDS } from './main.js';
export type { Command, CommandIo } from './command.js';
export { EXIT_CODES, UserError } from './errors.js';
