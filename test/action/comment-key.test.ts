import { describe, expect, it } from 'vitest';
import { commentKey } from '../../src/action/comment-key.js';
import { parseInputs } from '../../src/action/inputs.js';

const env = (action: string, workflow = 'CI') => ({
  GITHUB_WORKFLOW: workflow,
  GITHUB_JOB: 'scan',
  GITHUB_ACTION: action,
});

describe('the comment key', () => {
  it('tells apart two steps of one job whatever the length of the owner’s name (GitHub adds _2 at the end)', () => {
    for (const owner of ['org', 'acme-corp', 'a-very-long-organisation-name-indeed-1234567890'])
      expect(commentKey(undefined, env(`__${owner}_checksecure-action`))).not.toBe(
        commentKey(undefined, env(`__${owner}_checksecure-action_2`)),
      );
  });

  it('stays short enough for the marker and within the input’s own alphabet', () => {
    const key = commentKey(
      undefined,
      env('__org_checksecure-action_2', 'Deploy & scan <all> the "previews" '.repeat(10)),
      {
        index: 3,
        total: 12,
      },
    );
    expect(key.length).toBeLessThanOrEqual(120);
    expect(key).toMatch(/^[\w.:/@+ ~-]+$/);
    // What it would be asked for as an input, it accepts back.
    expect(parseInputs((name) => (name === 'comment-key' ? key.slice(0, 100) : '')).commentKey).toBe(
      key.slice(0, 100),
    );
  });

  it('adds the shard to a given key', () => {
    expect(commentKey('site-scan', env('x'), { index: 2, total: 4 })).toBe('site-scan/shard 2 of 4');
    expect(commentKey('site-scan', env('x'))).toBe('site-scan');
  });
});
