import { defaultChecks } from '../checks/index.js';
import { ConfigError } from '../core/errors.js';
import { FAIL_ON_VALUES } from '../core/fail-on.js';
import { knownKeys, oneOf, text, type Rule } from '../core/option-rules.js';
import { checkList, resolveOptions, SCAN_OPTION_RULES } from '../core/options.js';
import { toCheck } from '../core/registry.js';
import type { Config } from './define-config.js';
import { siteConcurrencyRule, targetsRule } from './targets.js';
import { hideCredentials } from './url-credentials.js';

/** The config file's own keys; every other key is an option of scan(), checked by its rule. */
const CONFIG_RULES: Readonly<
  Record<'target' | 'app' | 'failOn' | 'fixSource' | 'targets' | 'siteConcurrency', Rule>
> = {
  target: (value, where) => {
    if (typeof value === 'function' || (value && typeof value === 'object')) return value;
    return text('a URL, or (in a JS or TS config) the app itself')(value, where);
  },
  app: text('a module path'),
  failOn: oneOf(FAIL_ON_VALUES),
  fixSource: text('a file path'),
  targets: targetsRule,
  siteConcurrency: siteConcurrencyRule,
};

const shown = (value: unknown): string =>
  typeof value === 'function'
    ? 'a function'
    : typeof value === 'string'
      ? JSON.stringify(value)
      : 'an object';

const KEYS = [...Object.keys(CONFIG_RULES), ...Object.keys(SCAN_OPTION_RULES)];

/**
 * Validates a loaded config by the rules scan() checks its options by, so that a value is
 * accepted or refused alike, with the same message, here prefixed with the file: the option,
 * the value and the reason, and the option meant when a key is misspelt.
 *
 * @example
 * validateConfig({ timeout: -1 }, 'checksecure.config.json');
 * // ConfigError: checksecure.config.json: timeout: -1 must be a number from 0.001 to 600
 */
export function validateConfig(input: unknown, source: string): Config {
  if (!input || typeof input !== 'object' || Array.isArray(input)) {
    const got = typeof input === 'function' ? 'a function' : JSON.stringify(input);
    throw new ConfigError(`${source}: the config must export an object (got ${got})`);
  }
  try {
    knownKeys(input, KEYS, '');
    const { target, app, failOn, fixSource, targets, siteConcurrency, ...options } = input as Record<
      string,
      unknown
    >;
    for (const [key, value] of Object.entries({ target, app, failOn, fixSource, targets, siteConcurrency }))
      if (value !== undefined) CONFIG_RULES[key as keyof typeof CONFIG_RULES](value, key);
    // Both name the one target a run scans: whichever won, the other would be silently ignored.
    if (app !== undefined && target !== undefined)
      throw new ConfigError(
        `app and target are both set (app ${shown(app)}, target ${shown(typeof target === 'string' ? hideCredentials(target) : target)}); keep one: a run scans one target`,
      );
    const one = app !== undefined ? 'app' : target !== undefined ? 'target' : undefined;
    if (targets !== undefined && one)
      throw new ConfigError(
        `targets and ${one} are both set; keep one: ${one} would be scanned, and targets ignored`,
      );
    const checks = checkList(options, defaultChecks).map(toCheck);
    resolveOptions(options, checks);
    return input;
  } catch (error) {
    if (error instanceof ConfigError) throw new ConfigError(`${source}: ${error.message}`);
    throw error;
  }
}
