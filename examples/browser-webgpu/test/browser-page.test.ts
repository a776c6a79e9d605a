import { existsSync, mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { encodeCheckpoint } from '@wrn/checkpoint';
import { defaultTolerance, isClose } from '@wrn/conformance';
import { createReferenceRuntime } from '@wrn/runtime-reference';
import { createWebGpuRuntime } from '@wrn/runtime-webgpu';
import { initWeights, parseModelName, Random, type WeightMap } from '@wrn/spec';
import { chromium, type Browser, type Page } from 'playwright-core';
import { build } from 'vite';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { serveFolder } from './static-server.js';

/** Debian's Chromium; CI installs it (`.ci/run`). Never a downloaded browser. */
const CHROMIUM = '/usr/bin/chromium';
const EXAMPLE = new URL('..', import.meta.url).pathname;
const ARTIFACTS = join(EXAMPLE, 'test-results');
const skipReason = existsSync(CHROMIUM) ? undefined : `${CHROMIUM} is missing (apt-get install chromium)`;
if (skipReason) {
  console.warn(`browser-webgpu end-to-end test skipped: ${skipReason}`);
  describe('the browser example in headless Chromium', () =>
    it.skip(`skipped: ${skipReason}`, () => undefined));
}

/** The checkpoint the page loads: WRN-10-1 with non-trivial BatchNorm statistics, so eval-mode BN is exercised. */
function checkpointWeights(): { spec: ReturnType<typeof parseModelName>; weights: WeightMap } {
  const spec = parseModelName('WRN-10-1', { numClasses: 10 });
  const weights = initWeights(spec, 11);
  const random = new Random(5);
  for (const [name, tensor] of weights) {
    if (!/bn\d?\.|\.bn\./.test(name)) continue;
    const spread = name.endsWith('running_var')
      ? [0.5, 1.5]
      : name.endsWith('weight')
        ? [0.8, 1.2]
        : [-0.1, 0.1];
    tensor.data.forEach(
      (_, index) => (tensor.data[index] = spread[0]! + (spread[1]! - spread[0]!) * random.uniform()),
    );
  }
  return { spec, weights };
}

/** A 32x32 24-bit BMP of one colour, written by hand (14-byte file header, 40-byte info header, BGR rows). */
function solidBitmap([red, green, blue]: [number, number, number]): number[] {
  const pixels = 32 * 32 * 3;
  const bytes = Buffer.alloc(54 + pixels);
  bytes.write('BM', 0, 'ascii');
  bytes.writeUInt32LE(54 + pixels, 2);
  bytes.writeUInt32LE(54, 10);
  bytes.writeUInt32LE(40, 14);
  bytes.writeInt32LE(32, 18);
  bytes.writeInt32LE(32, 22);
  bytes.writeUInt16LE(1, 26);
  bytes.writeUInt16LE(24, 28);
  bytes.writeUInt32LE(pixels, 34);
  for (let offset = 54; offset < bytes.length; offset += 3) bytes.set([blue, green, red], offset);
  return [...bytes];
}

async function settle(page: Page): Promise<void> {
  await page.waitForFunction(() => ['ready', 'error'].includes(window.__wrn?.state ?? ''), undefined, {
    timeout: 300_000,
    polling: 250,
  });
  const { state, error } = await page.evaluate(() => window.__wrn);
  expect(error, 'the page reported an error').toBe('');
  expect(state).toBe('ready');
}

describe.skipIf(skipReason !== undefined)(
  'the browser example in headless Chromium (SwiftShader WebGPU)',
  () => {
    const { spec, weights } = checkpointWeights();
    const checkpoint = encodeCheckpoint({ spec, weights });
    const pageErrors: string[] = [];
    let browser: Browser;
    let page: Page;
    let close: () => Promise<void>;
    let output: string;
    let runtimeDirectory: string;

    beforeAll(async () => {
      output = mkdtempSync(join(tmpdir(), 'wrn-example-'));
      runtimeDirectory = mkdtempSync(join(tmpdir(), 'wrn-xdg-'));
      await build({ root: EXAMPLE, logLevel: 'error', build: { outDir: output, emptyOutDir: true } });
      const server = await serveFolder(output, { '/fixtures/model.safetensors': checkpoint });
      close = server.close;
      browser = await chromium.launch({
        executablePath: CHROMIUM,
        headless: true,
        // As root Chromium needs --no-sandbox; WebGPU on a software adapter is "unsafe" (not blocklisted);
        // the network is closed, so nothing may call home.
        args: [
          '--headless=new',
          '--no-sandbox',
          '--enable-unsafe-webgpu',
          '--use-webgpu-adapter=swiftshader',
          '--disable-background-networking',
          '--disable-component-update',
          '--disable-sync',
          '--no-first-run',
        ],
        env: { ...process.env, XDG_RUNTIME_DIR: runtimeDirectory },
      });
      page = await browser.newPage({ viewport: { width: 1100, height: 900 } });
      page.on('pageerror', (error) => pageErrors.push(error.message));
      await page.goto(server.url);
      await settle(page);
    });

    afterAll(async () => {
      await browser?.close();
      await close?.();
      for (const folder of [output, runtimeDirectory])
        if (folder) rmSync(folder, { recursive: true, force: true });
    });

    it('starts on a WebGPU adapter with a default model', async () => {
      const state = await page.evaluate(() => window.__wrn);
      expect(state.adapter).toMatch(/swiftshader/i);
      expect(state.model).toContain('WRN-10-1');
    });

    it('loads a checkpoint by file picker and by URL', async () => {
      await page.setInputFiles('#checkpoint-file', {
        name: 'model.safetensors',
        mimeType: 'application/octet-stream',
        buffer: Buffer.from(checkpoint),
      });
      await settle(page);
      expect(await page.evaluate(() => window.__wrn.model)).toContain('from model.safetensors');
      await page.fill('#checkpoint-url', 'fixtures/model.safetensors');
      await page.click('#load-url');
      await settle(page);
      expect(await page.evaluate(() => window.__wrn.model)).toMatch(
        /WRN-10-1, 10 classes, from http:.*model\.safetensors/,
      );
    });

    it('classifies a bundled sample with the logits of the Node runtime and of the float64 reference', async () => {
      await page.click('#samples button[data-sample="3"]');
      await settle(page);
      const { lastInput, lastLogits } = await page.evaluate(() => window.__wrn);
      expect(lastInput).toHaveLength(3 * 32 * 32);
      expect(lastLogits).toHaveLength(10);
      expect(await page.locator('#top5 tr').count()).toBe(5);
      const input = Float32Array.from(lastInput);
      const tolerance = defaultTolerance('float32');
      const node = await createWebGpuRuntime();
      try {
        const nodeLogits = await (await node.compile(spec, { weights })).forward(input, 1);
        expect(
          isClose(lastLogits, nodeLogits, tolerance),
          `page ${lastLogits} vs Node ${Array.from(nodeLogits)}`,
        ).toBe(true);
      } finally {
        await node.dispose();
      }
      const reference = await (await createReferenceRuntime().compile(spec, { weights })).forward(input, 1);
      expect(
        isClose(lastLogits, reference, tolerance),
        `page ${lastLogits} vs reference ${Array.from(reference)}`,
      ).toBe(true);
    });

    it('classifies an image file dropped on the page', async () => {
      const colour: [number, number, number] = [200, 40, 90];
      await page.evaluate((bytes) => {
        const transfer = new DataTransfer();
        transfer.items.add(new File([new Uint8Array(bytes)], 'dropped.bmp', { type: 'image/bmp' }));
        document
          .querySelector('#drop-zone')!
          .dispatchEvent(new DragEvent('drop', { dataTransfer: transfer, bubbles: true }));
      }, solidBitmap(colour));
      await settle(page);
      const { lastInput, lastLogits } = await page.evaluate(() => window.__wrn);
      // One colour survives any resize: each plane holds (value / 255 - mean) / std, by hand.
      colour.forEach((value, channel) => {
        const expected = (value / 255 - spec.input.mean[channel]!) / spec.input.std[channel]!;
        expect(lastInput[channel * 1024]).toBeCloseTo(expected, 5);
        expect(lastInput[channel * 1024 + 1023]).toBeCloseTo(expected, 5);
      });
      expect(lastLogits).toHaveLength(10);
    });

    it('trains a few steps on synthetic data and the loss goes down, drawn live', async () => {
      await page.fill('#train-steps', '5');
      await page.fill('#train-batch', '8');
      await page.fill('#train-rate', '0.05');
      await page.click('#train');
      await settle(page);
      const losses = await page.evaluate(() => window.__wrn.losses);
      expect(losses).toHaveLength(5);
      losses.forEach((loss) => expect(Number.isFinite(loss)).toBe(true));
      expect(losses.at(-1)!).toBeLessThan(losses[0]!);
      expect(await page.locator('#loss-chart circle').count()).toBe(5);
      await page.click('#samples button[data-sample="6"]');
      await settle(page);
      mkdirSync(ARTIFACTS, { recursive: true });
      await page.screenshot({ path: join(ARTIFACTS, 'browser-webgpu.png'), fullPage: true });
      expect(pageErrors).toEqual([]);
    });
  },
);
