import { describe, expect, it } from 'vitest';
import { waitFor } from '../../src/action/start-server.js';

describe('waitFor', () => {
  it('names the URL it waited for without the credentials a config’s target may hold', async () => {
    // Port 9 (discard) has no listener here: every attempt is refused until the deadline.
    const error = await waitFor('http://alice:Sup3rSecretPw@127.0.0.1:9/', 300).catch((e: Error) => e);
    expect(error).toBeInstanceOf(Error);
    expect((error as Error).message).toMatch(
      /^http:\/\/\*\*\*@127\.0\.0\.1:9\/ did not answer within 0\.3 s/,
    );
    expect((error as Error).message).not.toMatch(/alice|Sup3rSecretPw/);
  });
});
