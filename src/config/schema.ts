import * as z from 'zod/mini';
import { ConfigError } from '../errors.js';
import { FAIL_ON_VALUES } from '../fail-on.js';
import type { Config } from './define-config.js';
import { editDistance } from '../edit-distance.js';

// zod/mini: the same validation in a few kilobytes, which matters for the Action's single-file bundle.
const path = z.string().check(z.regex(/^\/[^\s]*$/, 'must start with "/" and contain no spaces'));
const isCheck = (value: unknown) =>
  (typeof value === 'function' && typeof (value as { messages?: unknown }).messages === 'object') ||
  (!!value && typeof value === 'object' && typeof (value as { run?: unknown }).run === 'function');
const nonEmpty = z.string().check(z.minLength(1));

const schema = z.strictObject({
  target: z.optional(
    z.union([
      nonEmpty,
      z.looseObject({}),
      z.custom<(...args: never[]) => unknown>((v) => typeof v === 'function'),
    ]),
  ),
  app: z.optional(nonEmpty),
  paths: z.optional(z.array(path).check(z.minLength(1))),
  headers: z.optional(z.record(z.string(), z.string())),
  timeout: z.optional(z.number().check(z.positive(), z.maximum(600))),
  maxBodyBytes: z.optional(z.int().check(z.minimum(0))),
  maxRedirects: z.optional(z.int().check(z.minimum(0), z.maximum(50))),
  concurrency: z.optional(z.int().check(z.minimum(1), z.maximum(256))),
  assumeHttps: z.optional(z.boolean()),
  sessionCookies: z.optional(z.array(nonEmpty)),
  confidentialPaths: z.optional(z.array(z.union([path, z.instanceof(RegExp)]))),
  csrf: z.optional(z.strictObject({ paths: z.optional(z.array(path).check(z.minLength(1))) })),
  checks: z.optional(
    z.array(z.custom(isCheck, 'must be a check (defineCheck(...) or a function with messages)')),
  ),
  skip: z.optional(z.array(z.string().check(z.regex(/^[A-Za-z][A-Za-z0-9_.-]*$/, 'must be a warning code')))),
  checkOptions: z.optional(z.record(z.string(), z.unknown())),
  failOn: z.optional(z.enum(FAIL_ON_VALUES as [string, ...string[]])),
  fixSource: z.optional(nonEmpty),
});

const KNOWN = Object.keys(schema.shape);

function valueAt(root: unknown, keys: PropertyKey[]): unknown {
  return keys.reduce<unknown>(
    (node, key) =>
      node && typeof node === 'object' ? (node as Record<PropertyKey, unknown>)[key] : undefined,
    root,
  );
}

function show(value: unknown): string {
  if (typeof value === 'function') return 'a function';
  if (value instanceof RegExp) return String(value);
  const text = JSON.stringify(value);
  return text === undefined ? String(value) : text.length > 60 ? `${text.slice(0, 57)}...` : text;
}

/**
 * Validates a loaded config; the error names the file, the option, the value and the reason,
 * and suggests the option meant when a key is misspelt.
 */
export function validateConfig(input: unknown, source: string): Config {
  if (!input || typeof input !== 'object' || Array.isArray(input)) {
    throw new ConfigError(`${source}: the config must export an object (got ${show(input)})`);
  }
  const result = schema.safeParse(input);
  if (result.success) {
    const { app, target } = input as Config;
    // Both name the one target a run scans: whichever won, the other would be silently ignored.
    if (app !== undefined && target !== undefined)
      throw new ConfigError(
        `${source}: app and target are both set (app ${show(app)}, target ${show(target)}); keep one: a run scans one target`,
      );
    return input as Config;
  }
  const issue = result.error.issues[0]!;
  if (issue.code === 'unrecognized_keys') {
    const key = issue.keys[0]!;
    const near = KNOWN.find((k) => k.toLowerCase() === key.toLowerCase() || editDistance(k, key) <= 2);
    throw new ConfigError(
      `${source}: ${[...issue.path, key].join('.')} is not an option${near ? ` (did you mean ${near}?)` : ''}`,
    );
  }
  const where = issue.path.map(String).join('.') || '(root)';
  const value = valueAt(input, issue.path);
  throw new ConfigError(
    `${source}: ${where}: ${show(value)} ${
      issue.message
        .replace(/^Invalid input: /, '')
        .toLowerCase()
        .startsWith('must')
        ? issue.message
        : `is invalid: ${issue.message}`
    }`,
  );
}
