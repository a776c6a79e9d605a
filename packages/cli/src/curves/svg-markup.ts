const ENTITIES: Record<string, string> = {
  '&': '&amp;',
  '<': '&lt;',
  '>': '&gt;',
  '"': '&quot;',
  "'": '&#39;',
};

/**
 * Escapes text for XML and HTML content and attribute values.
 *
 * @example
 * escapeXml('a<b & "c"'); // 'a&lt;b &amp; &quot;c&quot;'
 */
export function escapeXml(text: string): string {
  return text.replace(/[&<>"']/g, (character) => ENTITIES[character] ?? character);
}

/**
 * A number as an SVG coordinate: at most two decimals (a hundredth of a pixel), no trailing zeros.
 *
 * @example
 * svgNumber(63.3333); // '63.33'
 * svgNumber(220); // '220'
 */
export function svgNumber(value: number): string {
  return String(Number(value.toFixed(2)) + 0);
}

/**
 * One SVG element: numbers in attributes are written with {@link svgNumber}, strings escaped; `content` is markup
 * (escape text with {@link escapeXml}). Without content the element closes itself.
 *
 * @example
 * svgElement('circle', { cx: 10, cy: 20.125, r: 2.5, fill: '#0072B2' });
 * // '<circle cx="10" cy="20.13" r="2.5" fill="#0072B2"/>'
 */
export function svgElement(
  name: string,
  attributes: Record<string, string | number>,
  content?: string,
): string {
  const written = Object.entries(attributes)
    .map(([key, value]) => ` ${key}="${typeof value === 'number' ? svgNumber(value) : escapeXml(value)}"`)
    .join('');
  return content === undefined ? `<${name}${written}/>` : `<${name}${written}>${content}</${name}>`;
}
