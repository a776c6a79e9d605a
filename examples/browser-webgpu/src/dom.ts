/**
 * The element with id `id`, typed, or a clear error naming the missing id (the page and the script disagree).
 *
 * @example
 * const button = element('train', HTMLButtonElement);
 */
export function element<T extends Element>(id: string, type: abstract new (...args: never[]) => T): T {
  const found = document.getElementById(id);
  if (!(found instanceof type)) throw new Error(`index.html has no <${type.name}> with id '${id}'`);
  return found;
}
