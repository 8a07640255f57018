import type { LoggerOption } from './types.js';
import { toMiddleware, type PartMiddleware } from './node-adapter.js';
import { headerText, knownKeys, MiddlewareOptionError } from './validate.js';

export interface P3pOptions extends LoggerOption {
  /** The compact policy, e.g. 'NOI DSP COR'. */
  policy: string;
}

/**
 * `P3P: CP="..."`, for parity with django-security. **Obsolete**: P3P was only ever read by old
 * Internet Explorer versions and is ignored by every current browser; it protects nothing. Opt in
 * only if a legacy client requires it.
 *
 * @example
 * app.use(p3p({ policy: 'NOI DSP COR' }));
 */
export function p3p(options: P3pOptions): PartMiddleware {
  knownKeys('P3P', options, ['policy']);
  const policy = headerText('P3P: policy', options?.policy);
  if (policy.includes('"'))
    throw new MiddlewareOptionError(`P3P: policy ${JSON.stringify(policy)} must not contain a double quote`);
  return toMiddleware('p3p', [{ name: 'p3p', headers: [['P3P', `CP="${policy}"`]] }]);
}
