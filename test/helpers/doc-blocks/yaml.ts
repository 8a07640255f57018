import { NoOperationTraceWriter, parseWorkflow } from '@actions/workflow-parser';
import { parseDocument, stringify } from 'yaml';

/** The `uses:` of this repository's Action in the docs' workflows. */
const OUR_ACTION = /^(org\/checksecure-action@v\d+|\.\/)$/;

/** A whole workflow from a block: itself, a job (it has `steps`), or a list of steps. */
function asWorkflow(value: unknown): unknown {
  if (Array.isArray(value))
    return { on: 'push', jobs: { docs: { 'runs-on': 'ubuntu-latest', steps: value } } };
  if (value && typeof value === 'object' && 'jobs' in value) return value;
  if (value && typeof value === 'object' && 'steps' in value)
    return { on: 'push', jobs: { docs: { 'runs-on': 'ubuntu-latest', ...value } } };
  return undefined;
}

/**
 * What is wrong with a YAML block: parsed strictly (duplicate keys and ambiguous scalars are
 * errors), then, when it is a workflow, a job or a list of steps, read by GitHub's own workflow
 * parser as a workflow; a step that uses this Action may pass only the inputs action.yml declares.
 *
 * @example
 * yamlProblems('- uses: org/checksecure-action@v1\n  with: { ur: x }\n', ['url']); // ['with: ur is not an input of action.yml']
 */
export function yamlProblems(code: string, inputs: readonly string[]): string[] {
  const doc = parseDocument(code, { strict: true, uniqueKeys: true, prettyErrors: false });
  const problems = [...doc.errors, ...doc.warnings].map((e) => e.message);
  if (problems.length > 0) return problems;
  const workflow = asWorkflow(doc.toJS());
  if (workflow === undefined) return ['not a workflow, a job or a list of steps'];
  const result = parseWorkflow(
    { name: 'docs.yml', content: stringify(workflow) },
    new NoOperationTraceWriter(),
  );
  problems.push(...result.context.errors.getErrors().map((e) => e.message));
  const jobs = Object.values((workflow as { jobs: Record<string, { steps?: unknown[] }> }).jobs);
  for (const step of jobs.flatMap((job) => job.steps ?? []) as { uses?: string; with?: object }[]) {
    if (!step.uses || !OUR_ACTION.test(step.uses)) continue;
    for (const name of Object.keys(step.with ?? {}))
      if (!inputs.includes(name)) problems.push(`with: ${name} is not an input of action.yml`);
  }
  return problems;
}
