import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { NoOperationTraceWriter } from '@actions/workflow-parser';
import { parseAction } from '@actions/workflow-parser/actions/action-parser';
import { Ajv } from 'ajv';
import { parseDocument } from 'yaml';
import { describe, expect, it } from 'vitest';
import { parseInputs } from '../../src/action/inputs.js';
import { ROOT } from '../helpers/cli.js';

// GitHub reads action.yml with a strict YAML parser: a regular expression over the text (what
// the first test of it did) passed a file that every workflow using the Action would refuse.
const text = readFileSync(path.join(ROOT, 'action.yml'), 'utf8');
const schema = JSON.parse(readFileSync(path.join(ROOT, 'test/fixtures/schemas/github-action.json'), 'utf8'));

interface ActionMetadata {
  inputs: Record<string, { description: string; default?: string }>;
  outputs: Record<string, { description: string }>;
  runs: { using: string; main: string };
}

function strictParse(source: string) {
  const doc = parseDocument(source, { strict: true, uniqueKeys: true, prettyErrors: false });
  return { errors: [...doc.errors, ...doc.warnings].map((e) => e.message), value: doc.toJS() };
}

function schemaErrors(value: unknown): string[] {
  const validate = new Ajv({ allErrors: true, strict: false }).compile(schema);
  return validate(value) ? [] : (validate.errors ?? []).map((e) => `${e.instancePath} ${e.message}`);
}

/** GitHub's own action.yml parser (actions/languageservices), as the runner and the editor use it. */
function githubErrors(source: string): string[] {
  const result = parseAction({ name: 'action.yml', content: source }, new NoOperationTraceWriter());
  return result.context.errors.getErrors().map((e) => e.message);
}

describe('action.yml as GitHub reads it', () => {
  it('parses with a strict YAML parser: no errors, no duplicate keys', () => {
    expect(strictParse(text).errors).toEqual([]);
  });

  it("validates against SchemaStore's github-action.json", () => {
    expect(schemaErrors(strictParse(text).value)).toEqual([]);
  });

  it("parses with GitHub's own action parser without an error", () => {
    expect(githubErrors(text)).toEqual([]);
  });

  it('the three judges refuse what broke the first release: an unquoted "Default: …" description', () => {
    const broken = text.replace(
      "description: 'A checksecure.config.{ts,mts,js,mjs,cjs,json}. Default: looked for in the workspace.'",
      'description: A checksecure.config.{ts,mts,js,mjs,cjs,json}. Default: looked for in the workspace.',
    );
    expect(broken).not.toBe(text);
    expect(strictParse(broken).errors.join('\n')).toMatch(/compact mappings/);
    expect(githubErrors(broken).join('\n')).toMatch(/line 3\d/);
    // A schema error the YAML parser cannot see: a runtime GitHub does not have.
    expect(schemaErrors({ ...strictParse(text).value, runs: { using: 'node99', main: 'x.js' } })).not.toEqual(
      [],
    );
  });

  it('runs the committed bundle on node24', () => {
    const meta = strictParse(text).value as ActionMetadata;
    expect(meta.runs).toEqual({ using: 'node24', main: 'dist/index.js' });
    expect(existsSync(path.join(ROOT, meta.runs.main))).toBe(true);
  });

  it('declares exactly the inputs the code reads, with defaults it accepts', () => {
    const meta = strictParse(text).value as ActionMetadata;
    const read = new Set<string>();
    // What the runner hands over when a workflow gives no `with:`: each declared default.
    parseInputs((name) => {
      read.add(name);
      return meta.inputs[name]?.default?.replace('${{ github.token }}', 'ghs_x') ?? '';
    });
    expect([...read].sort()).toEqual(Object.keys(meta.inputs).sort());
  });

  it('leaves fail-on without a default, so that the config file’s failOn applies', () => {
    const meta = strictParse(text).value as ActionMetadata;
    expect(meta.inputs['fail-on']!.default ?? '').toBe('');
  });

  it('is documented: every input and output is named in docs/action.md', () => {
    const meta = strictParse(text).value as ActionMetadata;
    const doc = readFileSync(path.join(ROOT, 'docs/action.md'), 'utf8');
    for (const name of [...Object.keys(meta.inputs), ...Object.keys(meta.outputs)])
      expect(doc, name).toContain(`\`${name}\``);
  });
});
