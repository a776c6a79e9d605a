/**
 * Finds the first key that appears twice in one object of already-valid JSON text (`JSON.parse` silently keeps
 * the last), or returns undefined. Scans the text once without building anything but one key set per open object.
 *
 * @example
 * findDuplicateKey('{"a": 1, "b": {"a": 2}}'); // undefined
 * findDuplicateKey('{"a": 1, "a": 2}');        // 'a'
 */
export function findDuplicateKey(json: string): string | undefined {
  // One entry per open container: a key set for objects, null for arrays.
  const stack: (Set<string> | null)[] = [];
  let expectKey = false;
  for (let i = 0; i < json.length; i++) {
    const char = json[i];
    if (char === '{') {
      stack.push(new Set());
      expectKey = true;
    } else if (char === '[') {
      stack.push(null);
      expectKey = false;
    } else if (char === '}' || char === ']') {
      stack.pop();
      expectKey = false;
    } else if (char === ',') {
      expectKey = stack.at(-1) instanceof Set;
    } else if (char === '"') {
      let end = i + 1;
      while (json[end] !== '"') end += json[end] === '\\' ? 2 : 1;
      if (expectKey) {
        const keys = stack.at(-1) as Set<string>;
        const key = JSON.parse(json.slice(i, end + 1)) as string;
        if (keys.has(key)) return key;
        keys.add(key);
        expectKey = false;
      }
      i = end;
    }
  }
  return undefined;
}
