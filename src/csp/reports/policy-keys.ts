const NONCES = /'nonce-[^'\s]*'/g;
const FIRST_NONCE = /'nonce-[^'\s]*'/;
/** What ends a nonce source's value for NONCES: a nonce value holds neither. */
const NOT_NONCE_VALUE = /['\s]/;
const NONCE_START = "'nonce-".length;

/**
 * A policy's text with its nonces blanked (`'nonce-…'` → `'nonce'`): a nonce-based policy differs
 * on every request by its nonce alone, and counts as one policy. Reports of secure()'s policy
 * each carry their request's nonce, so the key is worked out without a regular expression or a
 * new string when a policy is the last one with another nonce value in the same place: the same
 * text before and after it gives the same key.
 *
 * @example
 * const keys = new PolicyKeys();
 * keys.of("script-src 'nonce-abc'"); // "script-src 'nonce'"
 * keys.of("script-src 'nonce-xyz'"); // the same string, without a replace
 */
export class PolicyKeys {
  #last = '';
  #key = '';
  /** The last policy's text up to its first nonce's value, and from the quote that ends it; '' without a nonce. */
  #before = '';
  #after = '';

  /** The key of `text`. */
  of(text: string): string {
    if (text === this.#last) return this.#key;
    const before = this.#before;
    const after = this.#after;
    if (
      before !== '' &&
      text.length >= before.length + after.length &&
      text.startsWith(before) &&
      text.endsWith(after) &&
      !NOT_NONCE_VALUE.test(text.slice(before.length, text.length - after.length))
    ) {
      this.#last = text;
      return this.#key;
    }
    const first = FIRST_NONCE.exec(text);
    this.#last = text;
    if (!first) {
      this.#before = this.#after = '';
      return (this.#key = text);
    }
    this.#before = text.slice(0, first.index + NONCE_START);
    this.#after = text.slice(first.index + first[0].length - 1);
    return (this.#key = text.replace(NONCES, "'nonce'"));
  }
}
