import path from 'node:path';
import { formatJson, type Report } from '../../../src/index.js';
import { cli, scratch } from '../cli.js';
import { ANNOTATION_KEYS, type DocBlock } from './blocks.js';
import { sampleMismatch } from './match-sample.js';
import type { OutputContext } from './outputs.js';
import { PRELUDES } from './preludes.js';
import { shellProblems } from './shell.js';
import { typecheck, type VirtualFile } from './typecheck.js';
import { yamlProblems } from './yaml.js';

export interface CheckContext {
  /** The repository root: blocks compile as files beneath it, so its node_modules resolve. */
  root: string;
  /** package.json's scripts, for `npm run` lines. */
  scripts: Readonly<Record<string, string>>;
  /** action.yml's inputs, for the Action's `with:`. */
  actionInputs: readonly string[];
  /** The real runs output samples are checked against, by name. */
  outputs: Readonly<Record<string, (context: OutputContext) => Promise<string>>>;
}

const TS = ['ts', 'typescript'];
const JS = ['js', 'javascript'];

/** The keys of the JSON report, from the reporter itself. */
const JSON_REPORT_KEYS = Object.keys(
  JSON.parse(
    formatJson({
      version: 1,
      target: 'https://example.com/',
      targetKind: 'url',
      warnings: [],
      checks: [],
      assumptions: [],
      pages: [],
      durationMs: 0,
    } satisfies Report),
  ),
);
/** Present only when there is something to say: a sample may show them, after the others. */
const OPTIONAL_REPORT_KEYS = ['accepted', 'baseline'];

/** The built CLI loads the config (`--list` loads it, then prints the catalogue): it must exit 0. */
async function configProblems(name: string, code: string): Promise<string[]> {
  const dir = await scratch({ [name]: code });
  const run = await cli(['--config', path.join(dir, name), '--list'], { cwd: dir });
  return run.code === 0 ? [] : [`the config loader refuses it: ${run.stderr.trim()}`];
}

/**
 * Every problem of the blocks, one line each naming the file and line: each block is compiled
 * (ts, js: one program, with its prelude), parsed (json, yaml, sh) or compared with a real run
 * (text); a block of any other language is a problem itself.
 *
 * @example
 * await checkBlocks(extractBlocks('x.md', '```py\nprint(1)\n```\n'), context);
 * // ['x.md:2: a block in "py": fence it as ts, js, json, yaml, sh or text (an output sample)']
 */
export async function checkBlocks(blocks: readonly DocBlock[], context: CheckContext): Promise<string[]> {
  const problems: string[] = [];
  const files: VirtualFile[] = [];
  const named = new Map(blocks.filter((b) => b.annotations.name).map((b) => [b.annotations.name!, b.code]));
  const outputContext: OutputContext = {
    named(name) {
      const code = named.get(name);
      if (code === undefined) throw new Error(`no block is named ${name}`);
      return code;
    },
  };
  // Real runs go one at a time after the compile: several CLIs at once would compete for the CPU.
  const runs: (() => Promise<void>)[] = [];

  for (const [index, block] of blocks.entries()) {
    const at = `${block.file}:${block.line}`;
    const say = (message: string) => problems.push(`${at}: ${message}`);
    const unknown = Object.keys(block.annotations).filter(
      (key) => !(ANNOTATION_KEYS as readonly string[]).includes(key),
    );
    if (unknown.length > 0)
      say(`unknown annotation ${unknown.join(', ')} (known: ${ANNOTATION_KEYS.join(', ')})`);
    const dir = path.join(context.root, '.doc-blocks', `${index}`, 'block');
    const lang = block.lang.toLowerCase();

    if (TS.includes(lang) || JS.includes(lang)) {
      const preludeName = block.annotations.prelude;
      const prelude = preludeName === undefined ? { code: '' } : PRELUDES[preludeName];
      if (!prelude) {
        say(`unknown prelude ${preludeName} (known: ${Object.keys(PRELUDES).join(', ')})`);
        continue;
      }
      const preludeLines = prelude.code === '' ? 0 : prelude.code.split('\n').length - 1;
      // A CommonJS config (module.exports, require) is a .cjs file in this ESM package.
      const extension = TS.includes(lang)
        ? '.ts'
        : /\bmodule\.exports\b|\brequire\(/.test(block.code)
          ? '.cjs'
          : '.js';
      files.push({
        path: path.join(dir, `block${extension}`),
        text: prelude.code + block.code,
        where: (line) =>
          line < preludeLines
            ? `${at} (prelude ${preludeName})`
            : `${block.file}:${block.line + line - preludeLines}`,
      });
      for (const [relative, source] of Object.entries(prelude.files ?? {})) {
        const text = typeof source === 'string' ? source : named.get(source.block);
        if (text === undefined)
          say(`prelude ${preludeName}: no block is named ${(source as { block: string }).block}`);
        else
          files.push({
            path: path.join(dir, relative),
            text,
            where: (line) => `${at} (${relative}:${line + 1})`,
          });
      }
      if (/\bdefineConfig\(/.test(block.code))
        runs.push(async () => (await configProblems('checksecure.config.ts', block.code)).forEach(say));
    } else if (lang === 'json') {
      let value: unknown;
      try {
        value = JSON.parse(block.code);
      } catch (error) {
        say(`not JSON: ${(error as Error).message}`);
        continue;
      }
      const kind = block.annotations.json;
      if (kind === 'config') {
        runs.push(async () => (await configProblems('checksecure.config.json', block.code)).forEach(say));
      } else if (kind === 'report') {
        const keys = Object.keys(value as object).filter((key) => !OPTIONAL_REPORT_KEYS.includes(key));
        if (keys.join() !== JSON_REPORT_KEYS.join())
          say(`the JSON report has the keys ${JSON_REPORT_KEYS.join(', ')}, the sample ${keys.join(', ')}`);
        // Nested keys and types: the sample must be a report, and no more.
        files.push({
          path: path.join(dir, 'report.ts'),
          text: `import type { Report } from 'checksecure';\nexport const sample = ${block.code.trimEnd()} satisfies Omit<Report, 'targetKind'>;\n`,
          where: (line) => `${block.file}:${block.line + line - 1}`,
        });
      } else if (kind !== undefined) {
        say(`json: ${kind} is not config or report`);
      }
    } else if (lang === 'yaml' || lang === 'yml') {
      yamlProblems(block.code, context.actionInputs).forEach(say);
    } else if (lang === 'sh' || lang === 'bash' || lang === 'shell') {
      shellProblems(block.code, context.scripts).forEach(say);
    } else if (lang === 'text') {
      const name = block.annotations.output;
      const produce = name === undefined ? undefined : context.outputs[name];
      if (!produce) {
        say(
          name === undefined
            ? 'an output sample without <!-- output: NAME --> to check it against a real run'
            : `no real run is named ${name} (known: ${Object.keys(context.outputs).join(', ')})`,
        );
        continue;
      }
      runs.push(async () => {
        let actual;
        try {
          actual = await produce(outputContext);
        } catch (error) {
          say(`the run ${name} failed: ${(error as Error).message}`);
          return;
        }
        const mismatch = sampleMismatch(block.code, actual);
        if (mismatch) say(mismatch);
      });
    } else {
      say(`a block in "${block.lang}": fence it as ts, js, json, yaml, sh or text (an output sample)`);
    }
  }
  if (files.length > 0) problems.push(...typecheck(context.root, files));
  for (const run of runs) await run();
  return problems;
}
