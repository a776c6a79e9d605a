// The TypeScript blocks of the repository's READMEs, with the `<!-- readme-check: ... -->` comment before each.
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

// A fence may be indented (a block inside a list item); the block's lines lose that indentation.
const FENCE = /^(\s*)```(ts|typescript)\s*$/;
const COMMENT = /^<!--\s*readme-check:\s*([\s\S]*?)\s*-->$/;

/**
 * Every README.md the check reads: the root one and those of `packages/*` and `examples/*`, relative to `root`.
 *
 * @example
 * readmePaths('/repo'); // ['README.md', 'packages/spec/README.md', ...]
 */
export function readmePaths(root) {
  const folders = ['packages', 'examples'].flatMap((group) =>
    existsSync(join(root, group))
      ? readdirSync(join(root, group))
          .sort()
          .map((name) => `${group}/${name}`)
      : [],
  );
  return ['README.md', ...folders.map((folder) => `${folder}/README.md`)].filter((path) =>
    existsSync(join(root, path)),
  );
}

/**
 * The ```ts and ```typescript blocks of one README. `line` is the 1-based README line of the block's first code
 * line; `prelude` is the code of a `<!-- readme-check: CODE -->` comment on the last non-blank line before the
 * fence (prepended to the block), and `skip` the reason of a `<!-- readme-check: skip (REASON) -->` comment.
 *
 * @example
 * typescriptBlocks('packages/spec/README.md', text); // [{ readme, line: 11, code, prelude: '', skip: undefined }]
 */
export function typescriptBlocks(readme, text) {
  const lines = text.split('\n');
  const blocks = [];
  for (let index = 0; index < lines.length; index++) {
    const fence = FENCE.exec(lines[index]);
    if (!fence) continue;
    const indent = fence[1].length;
    const end = lines.findIndex((line, after) => after > index && /^\s*```\s*$/.test(line));
    if (end === -1)
      throw new Error(`${readme}:${index + 1}: the TypeScript block never closes; add a closing fence`);
    const { comment, commentLine } = commentBefore(lines, index);
    const skip = /^skip\b/.test(comment) ? (/^skip\s*\((.+)\)$/.exec(comment)?.[1] ?? '') : undefined;
    if (skip === '')
      throw new Error(
        `${readme}:${commentLine}: a skipped block needs a reason: <!-- readme-check: skip (REASON) -->`,
      );
    blocks.push({
      readme,
      line: index + 2,
      commentLine,
      code: lines
        .slice(index + 1, end)
        .map((line) => line.slice(Math.min(indent, line.length - line.trimStart().length)))
        .join('\n'),
      prelude: skip === undefined ? comment : '',
      skip,
    });
    index = end;
  }
  return blocks;
}

/** The readme-check comment on the last non-blank line before `fence` (empty when there is none) and its line. */
function commentBefore(lines, fence) {
  let before = fence - 1;
  while (before >= 0 && lines[before].trim() === '') before--;
  const comment = before >= 0 ? (COMMENT.exec(lines[before].trim())?.[1] ?? '') : '';
  return { comment, commentLine: before + 1 };
}

/**
 * Every TypeScript block of every README under `root`.
 *
 * @example
 * readmeBlocks('/repo').filter((block) => block.skip === undefined).length;
 */
export function readmeBlocks(root) {
  return readmePaths(root).flatMap((readme) =>
    typescriptBlocks(readme, readFileSync(join(root, readme), 'utf8')),
  );
}
