import { describe, expect, it } from 'vitest';
import { cli } from '../helpers/cli.js';

// A --header flag usually carries a credential, and a CI log masks a secret only where it
// appears whole: no part of a refused header may reach the output. Nothing listens on the
// target: each is refused before any request.
const TARGET = 'http://127.0.0.1:9/';
const SECRET = 'eyJhbGciOiJIUzI1NiJ9.s3cret';
const NOT_SHOWN = 'it is not shown, as it may hold a secret';

describe('a --header the CLI refuses is named by position or name, never echoed', () => {
  it.each([
    [
      'a token without "Name:"',
      ['-H', 'Accept: text/html', '-H', `Bearer ${SECRET}`],
      `--header #2: is not "Name: value" (a header name, a colon, then the value; ${NOT_SHOWN})`,
    ],
    [
      'a secret where the name goes',
      ['-H', `Bearer ${SECRET}: x`],
      `--header #1: the name is not a valid header name (letters, digits and !#$%&'*+-.^_\`|~; ${NOT_SHOWN})`,
    ],
    [
      'a value with a line break',
      ['-H', `Authorization: Bearer ${SECRET}\r\nX-Injected: 1`],
      `--header Authorization: the value must be a string without CR, LF, NUL or other control characters (${NOT_SHOWN})`,
    ],
  ])('%s', async (_name, flags, message) => {
    const run = await cli([TARGET, ...flags]);
    expect({ code: run.code, stderr: run.stderr, stdout: run.stdout }).toEqual({
      code: 2,
      stderr: `checksecure: ${message}\n`,
      stdout: '',
    });
    for (let n = 4; n <= SECRET.length; n++) expect(run.stderr).not.toContain(SECRET.slice(0, n));
  });
});
