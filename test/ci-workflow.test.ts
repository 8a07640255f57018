import { readFileSync } from 'node:fs';
import path from 'node:path';
import { convertWorkflowTemplate, NoOperationTraceWriter, parseWorkflow } from '@actions/workflow-parser';
import { parseDocument } from 'yaml';
import { describe, expect, it } from 'vitest';
import { ROOT } from './helpers/cli.js';

const text = readFileSync(path.join(ROOT, '.github/workflows/ci.yml'), 'utf8');

interface Workflow {
  jobs: Record<
    string,
    {
      container?: string;
      strategy?: { matrix?: { node?: unknown[] } };
      steps: { run?: string; uses?: string; env?: Record<string, string> }[];
    }
  >;
}

/** GitHub's own workflow parser (actions/languageservices), as the runner and the editor use it. */
async function githubErrors(source: string): Promise<string[]> {
  const result = parseWorkflow({ name: 'ci.yml', content: source }, new NoOperationTraceWriter());
  if (result.value) await convertWorkflowTemplate(result.context, result.value);
  return result.context.errors.getErrors().map((e) => e.message);
}

function strictParse(source: string) {
  const doc = parseDocument(source, { strict: true, uniqueKeys: true, prettyErrors: false });
  return { errors: [...doc.errors, ...doc.warnings].map((e) => e.message), value: doc.toJS() as Workflow };
}

describe('the CI workflow', () => {
  it("parses with a strict YAML parser and with GitHub's workflow parser, without an error", async () => {
    expect(strictParse(text).errors).toEqual([]);
    expect(await githubErrors(text)).toEqual([]);
  });

  it("GitHub's parser refuses a broken one (a misspelt key)", async () => {
    const broken = text.replace('    steps:', '    step:');
    expect(broken).not.toBe(text);
    expect((await githubErrors(broken)).join('\n')).toMatch(/step/);
  });

  it('runs CONTRIBUTING.md’s test command on the oldest Node the package supports, on 22, and on the Action’s Node', () => {
    const { jobs } = strictParse(text).value;
    const engines = JSON.parse(readFileSync(path.join(ROOT, 'package.json'), 'utf8')).engines.node as string;
    const action = parseDocument(readFileSync(path.join(ROOT, 'action.yml'), 'utf8')).toJS() as {
      runs: { using: string };
    };
    const oldest = Number(/^>=(\d+)/.exec(engines)![1]);
    const actionNode = Number(action.runs.using.replace('node', ''));
    expect(oldest).toBe(20);

    const testJobs = Object.values(jobs).filter((job) =>
      job.steps.some((s) => s.run === 'npm ci && npm test'),
    );
    expect(testJobs).toHaveLength(1);
    const job = testJobs[0]!;
    expect(job.strategy?.matrix?.node).toEqual([oldest, 22, actionNode]);
    // Each matrix entry really runs on its Node: the image is chosen by it.
    expect(job.container).toBe('node:${{ matrix.node }}-bookworm');
    const test = job.steps.find((s) => s.run === 'npm ci && npm test')!;
    // Without CI=true a missing browser skips the browser tests instead of failing them.
    expect(test.env).toEqual({ CI: 'true' });
    const chromium = job.steps.findIndex((s) => /apt-get install .*\bchromium\b/.test(s.run ?? ''));
    expect(chromium).toBeGreaterThan(-1);
    expect(chromium).toBeLessThan(job.steps.indexOf(test));
  });
});
