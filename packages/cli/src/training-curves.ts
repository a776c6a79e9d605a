/**
 * Renders loss, error and learning-rate curves per epoch to an SVG string with Vega-Lite (no browser needed).
 *
 * @example
 * const svg = await renderTrainingCurves(metrics, 'runs/wrn-16-4');
 */
export async function renderTrainingCurves(
  metrics: Record<string, number>[],
  title: string,
): Promise<string> {
  const [{ compile }, vega] = await Promise.all([import('vega-lite'), import('vega')]);
  const rows = metrics.flatMap((line) =>
    (
      [
        ['loss', 'train', line.trainLoss],
        ['loss', 'test', line.testLoss],
        ['top-1 error (%)', 'train', line.trainError === undefined ? undefined : line.trainError * 100],
        ['top-1 error (%)', 'test', line.testTop1Error === undefined ? undefined : line.testTop1Error * 100],
        ['learning rate', 'schedule', line.learningRate],
      ] as const
    )
      .filter(([, , value]) => typeof value === 'number' && Number.isFinite(value))
      .map(([panel, series, value]) => ({ epoch: (line.epoch ?? 0) + 1, panel, series, value })),
  );
  const spec = {
    $schema: 'https://vega.github.io/schema/vega-lite/v6.json',
    title,
    data: { values: rows },
    facet: {
      row: {
        field: 'panel',
        type: 'nominal',
        title: null,
        sort: ['loss', 'top-1 error (%)', 'learning rate'],
      },
    },
    resolve: { scale: { y: 'independent' } },
    spec: {
      width: 560,
      height: 160,
      mark: { type: 'line', point: true },
      encoding: {
        x: { field: 'epoch', type: 'quantitative', title: 'epoch', axis: { tickMinStep: 1, format: 'd' } },
        y: { field: 'value', type: 'quantitative', title: null },
        color: { field: 'series', type: 'nominal', title: null },
      },
    },
  };
  const view = new vega.View(vega.parse(compile(spec as never).spec), { renderer: 'none' });
  const svg = await view.toSVG();
  view.finalize();
  return svg;
}
