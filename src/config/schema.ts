import { z } from 'zod';
import { ConfigError } from '../errors.js';
import { FAIL_ON_VALUES } from '../fail-on.js';
import type { Config } from './define-config.js';

const path = z.string().regex(/^\/[^\s]*$/, 'must start with "/" and contain no spaces');
const isCheck = (value: unknown) =>
  (typeof value === 'function' && typeof (value as { messages?: unknown }).messages === 'object') ||
  (!!value && typeof value === 'object' && typeof (value as { run?: unknown }).run === 'function');

const schema = z.strictObject({
  target: z.union([z.string().min(1), z.looseObject({}), z.function()]).optional(),
  app: z.string().min(1).optional(),
  paths: z.array(path).min(1).optional(),
  headers: z.record(z.string(), z.string()).optional(),
  timeout: z.number().positive().max(600).optional(),
  maxBodyBytes: z.number().int().nonnegative().optional(),
  maxRedirects: z.number().int().min(0).max(50).optional(),
  concurrency: z.number().int().min(1).max(256).optional(),
  assumeHttps: z.boolean().optional(),
  sessionCookies: z.array(z.string().min(1)).optional(),
  confidentialPaths: z.array(z.union([path, z.instanceof(RegExp)])).optional(),
  csrf: z.strictObject({ paths: z.array(path).min(1).optional() }).optional(),
  checks: z
    .array(z.custom(isCheck, 'must be a check (defineCheck(...) or a function with messages)'))
    .optional(),
  skip: z.array(z.string().regex(/^[A-Za-z][A-Za-z0-9_.-]*$/, 'must be a warning code')).optional(),
  checkOptions: z.record(z.string(), z.unknown()).optional(),
  failOn: z.enum(FAIL_ON_VALUES as [string, ...string[]]).optional(),
  fixSource: z.string().min(1).optional(),
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
  if (result.success) return input as Config;
  const issue = result.error.issues[0]!;
  if (issue.code === 'unrecognized_keys') {
    const key = issue.keys[0]!;
    const near = KNOWN.find((k) => k.toLowerCase() === key.toLowerCase() || levenshtein(k, key) <= 2);
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

function levenshtein(a: string, b: string): number {
  const row = Array.from({ length: b.length + 1 }, (_, i) => i);
  for (let i = 1; i <= a.length; i++) {
    let prev = row[0]!;
    row[0] = i;
    for (let j = 1; j <= b.length; j++) {
      const tmp = row[j]!;
      row[j] = Math.min(row[j]! + 1, row[j - 1]! + 1, prev + (a[i - 1] === b[j - 1] ? 0 : 1));
      prev = tmp;
    }
  }
  return row[b.length]!;
}
