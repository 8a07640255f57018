/**
 * Any value, as a message can quote it: JSON where JSON can say it, else what it is. The
 * formatter must never throw itself (a BigInt, a cyclic object, a symbol, a getter that throws),
 * or the user sees our TypeError instead of their option's name.
 */
export function shown(value: unknown): string {
  switch (typeof value) {
    case 'string':
      return JSON.stringify(value.length > 200 ? `${value.slice(0, 200)}…` : value);
    case 'function':
      return 'a function';
    case 'bigint':
      return `${value}n`;
    case 'symbol':
      return value.toString();
    case 'undefined':
      return 'undefined';
    case 'number':
      // JSON writes NaN and Infinity as null, which names another mistake than the one made.
      return String(value);
    default:
      try {
        const text = JSON.stringify(value, (_key, v: unknown) => (typeof v === 'bigint' ? `${v}n` : v));
        return text === undefined ? String(value) : text.length > 300 ? `${text.slice(0, 300)}…` : text;
      } catch {
        return Array.isArray(value)
          ? 'an array that cannot be shown'
          : 'an object that cannot be shown (cyclic?)';
      }
  }
}
