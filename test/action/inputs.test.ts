import { describe, expect, it } from 'vitest';
import { parseInputs } from '../../src/action/inputs.js';

const given = (values: Record<string, string>) => (name: string) => values[name] ?? '';

describe('the Action’s inputs', () => {
  it('a headers line without "Name:" is refused without printing any of it: a secret is masked only whole', () => {
    for (const secret of ['ghp_R3alT0kenValue1234567890', 'session=SECRETVALUE99'])
      try {
        parseInputs(given({ headers: `X-Ok: 1\n${secret}` }));
        expect.unreachable();
      } catch (error) {
        const message = (error as Error).message;
        expect(message).toMatch(/^input headers: line 2 is not "Name: value"/);
        for (let n = 4; n <= secret.length; n++) expect(message).not.toContain(secret.slice(0, n));
      }
  });

  it('fail-on left empty (as action.yml declares it) defers to the config', () => {
    expect(parseInputs(given({})).failOn).toBeUndefined();
    expect(parseInputs(given({ 'fail-on': 'error' })).failOn).toBe('error');
  });
});
