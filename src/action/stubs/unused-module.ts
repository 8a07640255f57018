/**
 * Stands in, in the Action bundle only, for modules supertest's superagent loads but checksecure
 * never reaches: multipart request bodies (form-data, with its 130 KB MIME database), multipart
 * response parsing (formidable) and object query strings and bodies (qs): every probe sends a
 * string body and reads every response through checksecure's own capped parser. If one is ever
 * reached, it says so instead of failing obscurely.
 */
function unused(): never {
  throw new Error(
    'checksecure: a module left out of the Action bundle was used (multipart bodies are not supported here)',
  );
}

export default unused;
export const IncomingForm = unused;
export const formidable = unused;
/** superagent stringifies its (always empty, for checksecure) query object on every request. */
export const stringify = (value: unknown): string =>
  value && typeof value === 'object' && Object.keys(value).length > 0 ? unused() : '';
export const parse = unused;
