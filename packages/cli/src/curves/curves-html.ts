import { escapeXml } from './svg-markup.js';

/**
 * A standalone HTML page that shows a figure: its title in the tab, the SVG inline (no scripts, no requests).
 *
 * @example
 * const html = curvesHtml(renderCurvesSvg(runs, 'wrn-16-4 vs torch'), 'wrn-16-4 vs torch');
 */
export function curvesHtml(svg: string, title: string): string {
  return [
    '<!doctype html>',
    `<html lang="en"><meta charset="utf-8"><title>${escapeXml(title)}</title>`,
    '<body style="font-family: Helvetica, Arial, sans-serif">',
    svg,
    '</body></html>',
    '',
  ].join('\n');
}
