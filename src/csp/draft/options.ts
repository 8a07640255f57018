import type { Draft } from './propose.js';

/** The directives of `secure({ contentSecurityPolicy })`: camelCase names, `'nonce'` kept as secure() reads it. */
export type DraftDirectives = Record<string, string[]>;

/** The `contentSecurityPolicy` options of secure() that send exactly the drafted policy. */
export interface DraftOptions {
  preset: 'none';
  directives: DraftDirectives;
}

const camel = (name: string) => name.replace(/-([a-z])/g, (_, c: string) => c.toUpperCase());

/**
 * The draft as secure()'s `contentSecurityPolicy` options: preset 'none', so the policy sent is
 * the draft and nothing of a preset is merged in.
 *
 * @example
 * app.use(secure({ contentSecurityPolicy: draftOptions(draft) }));
 */
export function draftOptions(draft: Draft): DraftOptions {
  return {
    preset: 'none',
    directives: Object.fromEntries(draft.directives.map(([name, sources]) => [camel(name), [...sources]])),
  };
}
