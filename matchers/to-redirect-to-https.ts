import { httpsRedirectCheck, judgeHttpsRedirect } from '../src/checks/https-redirect.js';
import { defineCheck } from '../src/core/registry.js';
import { evaluate, isTargetInput } from './evaluate.js';
import type { MatcherContext } from './types.js';
import { noMoreArguments } from './validate-options.js';

/** On a response in hand, that response is the answer to the plain-HTTP request. */
const judgeResponse = defineCheck({
  name: 'httpsRedirect',
  messages: httpsRedirectCheck.messages,
  run: (ctx) => ctx.pages.flatMap(judgeHttpsRedirect),
});

/**
 * A plain-HTTP request is redirected to `https:` on the same host. On an app or URL the probe
 * sends the plain-HTTP request; on a response, pass the answer to such a request.
 *
 * @example
 * await expect(app).toRedirectToHttps();
 * expect(await request(app).get('/').set('X-Forwarded-Proto', 'http')).toRedirectToHttps();
 */
export function toRedirectToHttps(this: MatcherContext, received: unknown, ...extra: unknown[]) {
  noMoreArguments('toRedirectToHttps', extra, 'no arguments');
  const onResponse = !isTargetInput(received);
  return evaluate(this, received, {
    name: 'toRedirectToHttps',
    claim: 'redirect plain HTTP to https: on the same host',
    checks: [onResponse ? judgeResponse : httpsRedirectCheck],
    headers: ['location'],
  });
}
