/**
 * The two calls superagent makes of `mime` (define at load, getType for `.type('form')`), in the
 * Action bundle only: the real package's database is 36 KB checksecure never needs.
 */
const types = new Map<string, string>([
  ['json', 'application/json'],
  ['html', 'text/html'],
  ['text', 'text/plain'],
  ['xml', 'application/xml'],
]);

export function define(map: Record<string, string[]>): void {
  for (const [type, extensions] of Object.entries(map)) for (const ext of extensions) types.set(ext, type);
}

export function getType(name: string): string | null {
  return types.get(name.replace(/^.*\./, '').toLowerCase()) ?? null;
}

export default { define, getType };
