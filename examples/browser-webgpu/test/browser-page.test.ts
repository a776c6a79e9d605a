import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { decodeCheckpoint, encodeCheckpoint } from '@wrn/checkpoint';
import { defaultTolerance, isClose } from '@wrn/conformance';
import { createReferenceRuntime } from '@wrn/runtime-reference';
import { createWebGpuRuntime } from '@wrn/runtime-webgpu';
import { formatModelName } from '@wrn/spec';
import { chromium, type Browser, type Page } from 'playwright-core';
import { build } from 'vite';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  BUNDLE,
  bundledImages,
  checkpointWeights,
  rankingGap,
  ranking,
  solidBitmap,
} from './page-fixtures.js';
import { serveFolder } from './static-server.js';

/** Debian's Chromium; CI installs it (`.ci/run`). Never a downloaded browser. */
const CHROMIUM = '/usr/bin/chromium';
const EXAMPLE = new URL('..', import.meta.url).pathname;
const ARTIFACTS = join(EXAMPLE, 'test-results');
/** CIFAR-10's class names, as batches.meta.txt lists them. */
const CIFAR10 = ['airplane', 'automobile', 'bird', 'cat', 'deer', 'dog', 'frog', 'horse', 'ship', 'truck'];
const skipReason = existsSync(CHROMIUM) ? undefined : `${CHROMIUM} is missing (apt-get install chromium)`;
if (skipReason) {
  console.warn(`browser-webgpu end-to-end test skipped: ${skipReason}`);
  describe('the browser example in headless Chromium', () =>
    it.skip(`skipped: ${skipReason}`, () => undefined));
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
    const bundled = decodeCheckpoint(readFileSync(join(BUNDLE, 'model.safetensors')));
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

    it('starts on a WebGPU adapter with the bundled trained model, named with its held-out error', async () => {
      const state = await page.evaluate(() => window.__wrn);
      expect(state.adapter).toMatch(/swiftshader/i);
      expect(state.model).toContain(`${formatModelName(bundled.spec)}, 10 classes, from the bundle`);
      const best = JSON.parse(bundled.metadata['wrn.best']!) as { epoch: number; testTop1Error: number };
      const error = `top-1 error ${(100 * best.testTop1Error).toFixed(1)}%`;
      expect(state.model).toContain(error);
      expect(await page.textContent('#bundle-about')).toContain(error);
      const { labels } = bundledImages(bundled.spec);
      expect(await page.locator('#gallery .card').count()).toBe(labels.length);
      // The page down to the last card: the model, its provenance and every prediction.
      const bottom = await page
        .locator('#gallery-section')
        .evaluate((node) => node.getBoundingClientRect().bottom + window.scrollY);
      mkdirSync(ARTIFACTS, { recursive: true });
      await page.screenshot({
        path: join(ARTIFACTS, 'bundled-predictions.png'),
        fullPage: true,
        clip: { x: 0, y: 0, width: 1100, height: Math.ceil(bottom) + 12 },
      });
    });

    it('shows the top-5 classes of the float64 reference runtime for every bundled image', async () => {
      const { input, labels } = bundledImages(bundled.spec);
      const executor = await createReferenceRuntime().compile(bundled.spec, { weights: bundled.weights });
      const logits = await executor.forward(input, labels.length);
      const reference = labels.map((_, image) => logits.subarray(image * 10, (image + 1) * 10));
      const { predictions } = await page.evaluate(() => window.__wrn);
      expect(predictions.map(({ label }) => label)).toEqual(labels);
      const tolerance = defaultTolerance('float32');
      predictions.forEach(({ top5, logits: pageLogits }, image) => {
        const row = reference[image]!;
        const scale = tolerance.atol + tolerance.rtol * Math.max(...Array.from(row, Math.abs));
        expect(
          rankingGap(top5, row, 1),
          `image ${image}: page ${top5}, reference ${ranking(row)}`,
        ).toBeLessThanOrEqual(scale);
        expect(
          rankingGap(top5, row, 5),
          `image ${image}: page ${top5}, reference ${ranking(row)}`,
        ).toBeLessThanOrEqual(scale);
        expect(
          isClose(pageLogits, row, tolerance),
          `image ${image}: page ${pageLogits} vs ${Array.from(row)}`,
        ).toBe(true);
      });
      // The cards: each names its true class and the reference's most probable class; right ones are marked.
      const cards = page.locator('#gallery .card');
      const rightByReference = reference.filter((row, image) => ranking(row)[0] === labels[image]).length;
      expect(await page.locator('#gallery .card.right').count()).toBe(rightByReference);
      for (const image of [0, labels.length - 1]) {
        expect(await cards.nth(image).locator('.truth').textContent()).toBe(CIFAR10[labels[image]!]);
        const top = await cards.nth(image).locator('li span:first-child').allTextContents();
        expect(top).toEqual(
          ranking(reference[image]!)
            .slice(0, 5)
            .map((label) => CIFAR10[label]),
        );
      }
      // A model worth showing: the true class is among its top 5 for most images (chance: half of them).
      const inTop5 = reference.filter((row, image) =>
        ranking(row).slice(0, 5).includes(labels[image]!),
      ).length;
      expect(inTop5).toBeGreaterThanOrEqual(0.75 * labels.length);
    });

    it('fine-tunes a few steps on the bundled images, drawn live, and classifies them again', async () => {
      await page.fill('#train-steps', '2');
      await page.fill('#train-batch', '8');
      await page.fill('#train-rate', '0.01');
      await page.click('#train');
      await settle(page);
      const { losses, predictions } = await page.evaluate(() => window.__wrn);
      expect(losses).toHaveLength(2);
      losses.forEach((loss) => expect(Number.isFinite(loss) && loss > 0).toBe(true));
      expect(await page.locator('#loss-chart circle').count()).toBe(2);
      expect(predictions).toHaveLength(bundledImages(bundled.spec).labels.length);
      expect(await page.textContent('#gallery-status')).toContain('fine-tuned on these images');
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

    it('classifies a clicked image with the logits of the Node runtime and of the float64 reference', async () => {
      await page.click('#gallery .card >> nth=3');
      await settle(page);
      const { lastInput, lastLogits } = await page.evaluate(() => window.__wrn);
      const input = bundledImages(spec).input.slice(3 * 3072, 4 * 3072);
      expect(isClose(lastInput, input, { atol: 1e-6, rtol: 0 })).toBe(true);
      expect(await page.locator('#top5 tr').count()).toBe(5);
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

    it('builds a model by name, and goes back to the bundled one', async () => {
      await page.selectOption('#model-name', 'WRN-10-1');
      await page.selectOption('#class-count', '100');
      await page.click('#build-model');
      await settle(page);
      expect(await page.evaluate(() => window.__wrn.model)).toBe('WRN-10-1, 100 classes, random weights');
      expect(await page.textContent('#gallery-status')).toContain("not CIFAR-10's");
      await page.click('#use-bundle');
      await settle(page);
      expect(await page.evaluate(() => window.__wrn.model)).toContain('from the bundle');
      expect(pageErrors).toEqual([]);
    });
  },
);
