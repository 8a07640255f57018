import { readFileSync } from 'node:fs';
import path from 'node:path';
import { parseDocument } from 'yaml';
import { describe, expect, it } from 'vitest';
import { parseInputs } from '../../src/action/inputs.js';
import { REPORT_FORMATS } from '../../src/report/formats.js';
import { ROOT } from '../helpers/cli.js';

interface ActionMetadata {
  inputs: Record<string, { description: string }>;
  outputs: Record<string, { description: string }>;
}

const meta = parseDocument(readFileSync(path.join(ROOT, 'action.yml'), 'utf8'), {
  strict: true,
}).toJS() as ActionMetadata;
const written = REPORT_FORMATS.filter((format) => format.action);

describe('the Action writes the report files the formats table names', () => {
  it('action.yml declares an output for each, and every output that gives a report file path is one of them', () => {
    const fileOutputs = Object.entries(meta.outputs)
      .filter(([, output]) => /^The path of\b/.test(output.description))
      .map(([name]) => name);
    expect(fileOutputs.sort()).toEqual(written.map((format) => format.action!.output).sort());
  });

  it('action.yml declares the input that names each file, and the Action reads it into that format', () => {
    for (const format of written.filter((f) => f.action!.input !== undefined)) {
      const input = format.action!.input!;
      expect(Object.keys(meta.inputs)).toContain(input);
      const inputs = parseInputs((name) => (name === input ? `out/report.${format.name}` : ''));
      expect(inputs.formatFiles).toEqual({ [format.name]: `out/report.${format.name}` });
    }
  });
});
