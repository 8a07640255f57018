// Every code block of the README, CONTRIBUTING.md and docs/ is compiled, parsed or compared with
// a real run, so that no example in the docs can stop working unnoticed.
import { readdirSync, readFileSync } from 'node:fs';
import { parseDocument } from 'yaml';
import { describe, expect, it } from 'vitest';
import { extractBlocks } from '../helpers/doc-blocks/blocks.js';
import { checkBlocks, type CheckContext } from '../helpers/doc-blocks/check-blocks.js';
import { OUTPUTS } from '../helpers/doc-blocks/outputs.js';
import { ENTRIES } from '../helpers/doc-blocks/typecheck.js';
import { ROOT } from '../helpers/cli.js';

const read = (file: string) => readFileSync(`${ROOT}${file}`, 'utf8');
const pkg = JSON.parse(read('package.json')) as {
  scripts: Record<string, string>;
  exports: Record<string, unknown>;
};
const action = parseDocument(read('action.yml')).toJS() as { inputs: Record<string, unknown> };

const DOCS = [
  'README.md',
  'CONTRIBUTING.md',
  ...readdirSync(`${ROOT}docs`)
    .filter((name) => name.endsWith('.md'))
    .map((name) => `docs/${name}`),
];

const context: CheckContext = {
  root: ROOT,
  scripts: pkg.scripts,
  actionInputs: Object.keys(action.inputs),
  outputs: OUTPUTS,
};

describe('the code blocks of the docs', () => {
  it('compile against the package entries, which are those package.json exports', () => {
    const exported = Object.keys(pkg.exports)
      .filter((key) => key !== './package.json')
      .map((key) => key.replace(/^\./, 'checksecure'));
    expect(Object.keys(ENTRIES).sort()).toEqual(exported.sort());
  });

  it('are each type-checked, parsed or checked against a real run, with no problem', async () => {
    const blocks = DOCS.flatMap((file) => extractBlocks(file, read(file)));
    expect(blocks.length).toBeGreaterThan(40);
    expect(await checkBlocks(blocks, context)).toEqual([]);
  }, 300_000);

  it('a broken block of each kind is a problem that names its line', async () => {
    const broken = [
      '```ts\nconst port: number = "3000";\n```',
      '<!-- prelude: nothing-like-it -->\n\n```ts\napp.listen(3000);\n```',
      '```js\nmodule.exports = { setupFilesAfterEnv: [checksecureJest] };\n```',
      '```json\n{ "paths": ["/"], }\n```',
      '<!-- json: config -->\n\n```json\n{ "tiemout": 10 }\n```',
      '<!-- json: report -->\n\n```json\n{ "version": 1, "warnings": [] }\n```',
      '```yaml\nurl: https://a.example\nurl: https://b.example\n```',
      '```yaml\n- uses: org/checksecure-action@v1\n  with:\n    ur: https://staging.example.com\n```',
      '```yaml\n- uses: actions/checkout@v4\n  wiht:\n    fetch-depth: 0\n```',
      '```sh\nnpx checksecure https://staging.example.com --fail-on warnings\n```',
      '```sh\nnpm run lint:docs\n```',
      '```text\nFound 0 errors\n```',
      '<!-- output: fixed -->\n\n```text\nFound 0 errors, 0 warnings\n```',
      '```py\nprint("checksecure")\n```',
      '```\nnpx checksecure --list\n```',
    ].join('\n\n');
    const blocks = extractBlocks('broken.md', broken);
    expect(blocks).toHaveLength(15);
    const problems = await checkBlocks(blocks, {
      ...context,
      outputs: { fixed: async () => 'Found 2 errors, 0 warnings' },
    });
    // Each block is refused, at its own line, for its own reason.
    const reasons = [
      /Type 'string' is not assignable to type 'number'/,
      /unknown prelude nothing-like-it/,
      /Cannot find name 'checksecureJest'/,
      /not JSON/,
      /the config loader refuses it: .*tiemout is not an option \(did you mean timeout\?\)/,
      /the JSON report has the keys version, target, warnings/,
      /Map keys must be unique/,
      /with: ur is not an input of action.yml/,
      /wiht/,
      /--fail-on: "warnings" is not one of error, warning, info, never/,
      /npm run lint:docs: package.json has no such script/,
      /an output sample without <!-- output: NAME -->/,
      /is not what a real run prints:\nFound 2 errors, 0 warnings/,
      /a block in "py"/,
      /a block in ""/,
    ];
    blocks.forEach((block, i) => {
      const mine = problems.filter((p) => new RegExp(`^broken\\.md:${block.line}[: ]`).test(p));
      expect(mine.join('\n'), `block at line ${block.line}`).toMatch(reasons[i]!);
    });
  }, 120_000);
});
