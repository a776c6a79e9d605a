// Help texts cannot drift from the argument parsers: every option a command parses is named in its --help, the
// common ones in `wrn --help`, and the facts the help states come from the code that implements them.
import { ONNX_OPSET, TRAINING_GRAPH_KINDS } from '@wrn/runtime-onnx';
import { describe, expect, it } from 'vitest';
import { COMMON_OPTIONS } from '../src/arguments.js';
import { COMMANDS, main } from '../src/main.js';
import { CUDA_INSTALL_COMMAND } from '../src/onnx-backend.js';
import { TFJS_ONLY_BACKENDS } from '../src/runtime-choice.js';

/** Whether `text` names `--option` as a whole flag (`--limit` is not named by `--limit-test`). */
const namesFlag = (text: string, option: string) => new RegExp(`--${option}(?![\\w-])`).test(text);

async function topLevelHelp(): Promise<string> {
  let out = '';
  await main(['--help'], { out: (text) => (out += text), err: () => {}, isTty: false });
  return out;
}

describe('help texts', () => {
  it.each(COMMANDS.map((command) => [command.name, command] as const))(
    'wrn %s --help names every option its parser accepts',
    (_name, command) => {
      const options = Object.keys(command.options);
      expect(options.length).toBeGreaterThan(0);
      expect(options.filter((option) => !namesFlag(command.help, option))).toEqual([]);
    },
  );

  it('wrn --help names the options every command takes and lists every command', async () => {
    const help = await topLevelHelp();
    expect(Object.keys(COMMON_OPTIONS).filter((option) => !namesFlag(help, option))).toEqual([]);
    for (const command of COMMANDS) expect(help).toContain(`  ${command.name} `);
  });

  it('wrn export --help states the opset the exporter writes', () => {
    const help = COMMANDS.find((command) => command.name === 'export')?.help ?? '';
    expect(help).toContain(`(opset ${ONNX_OPSET})`);
  });

  it.each(['train', 'eval', 'predict'])(
    'wrn %s --help states the default runtime, the backends that pick tfjs and how to get CUDA',
    (name) => {
      const help = COMMANDS.find((command) => command.name === name)?.help ?? '';
      expect(help).toContain('without --runtime, onnx (onnxruntime-node) when it loads, else tfjs');
      expect(help).toContain(`(${TFJS_ONLY_BACKENDS.join(', ')}) picks tfjs`);
      expect(help).toContain(CUDA_INSTALL_COMMAND);
    },
  );

  it('wrn bench --help states its default runtime and that memory is the peak RSS', () => {
    const help = COMMANDS.find((command) => command.name === 'bench')?.help ?? '';
    expect(help).toContain('the runtime wrn train uses');
    expect(help).toContain('onnx when onnxruntime-node loads, else tfjs/auto');
    expect(help).toContain('peak');
    expect(help).toContain('process.resourceUsage().maxRSS');
    expect(help).toContain('peakRssMegabytes');
  });

  it('wrn export --help lists every training graph --graph accepts, and the default', () => {
    const help = COMMANDS.find((command) => command.name === 'export')?.help ?? '';
    expect(help).toContain(`--graph KIND is one of\n${TRAINING_GRAPH_KINDS.join('|')} (default step:`);
  });
});
