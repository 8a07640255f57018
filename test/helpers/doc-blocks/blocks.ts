/** One fenced code block of a Markdown file, with the annotations written just above it. */
export interface DocBlock {
  /** The Markdown file, relative to the repository root. */
  file: string;
  /** The line of the block's first code line, 1-based. */
  line: number;
  /** The fence's info string ('' when there is none). */
  lang: string;
  code: string;
  /**
   * `<!-- key: value -->` comments between the block and the text before it: `prelude`,
   * `output`, `json` and `name` (see check-blocks.ts for what each means).
   */
  annotations: Record<string, string>;
}

export const ANNOTATION_KEYS = ['prelude', 'output', 'json', 'name'] as const;

const FENCE = /^(`{3,}|~{3,})(.*)$/;
const ANNOTATION = /^<!-- ([a-z]+): (.+?) -->$/;

/**
 * The fenced code blocks of a Markdown text, in order.
 *
 * @example
 * extractBlocks('README.md', '<!-- prelude: express-app -->\n\n```ts\napp.use(secure());\n```\n');
 * // [{ file: 'README.md', line: 4, lang: 'ts', code: 'app.use(secure());\n', annotations: { prelude: 'express-app' } }]
 */
export function extractBlocks(file: string, text: string): DocBlock[] {
  const lines = text.split('\n');
  const blocks: DocBlock[] = [];
  for (let i = 0; i < lines.length; i++) {
    const open = FENCE.exec(lines[i]!);
    if (!open) continue;
    const annotations: Record<string, string> = {};
    // Upward over blank lines and comments: the annotations belong to the next block only.
    for (let j = i - 1; j >= 0; j--) {
      const above = lines[j]!.trim();
      if (above === '') continue;
      if (!above.startsWith('<!--')) break;
      const annotation = ANNOTATION.exec(above);
      if (annotation) annotations[annotation[1]!] = annotation[2]!;
    }
    const fence = open[1]!;
    let end = i + 1;
    while (end < lines.length && !(lines[end]!.startsWith(fence) && lines[end]!.trim() === fence)) end++;
    blocks.push({
      file,
      line: i + 2,
      lang: open[2]!.trim(),
      code: lines.slice(i + 1, end).join('\n') + '\n',
      annotations,
    });
    i = end;
  }
  return blocks;
}
