import { inertJson, terminalText } from '../../report/escape.js';
import { jsLiteral } from '../../report/js-literal.js';
import { draftOptions } from './options.js';
import { NONCE_PLACEHOLDER, type Draft } from './propose.js';

/** The formats `csp draft --format` offers. */
export const DRAFT_FORMATS = ['text', 'ts', 'header', 'json'] as const;
export type DraftFormat = (typeof DRAFT_FORMATS)[number];

/** Where the header shows the nonce: not a valid source, so it cannot be pasted and shipped as one. */
export const NONCE_SHOWN = "'nonce-{a fresh random value per response}'";

function headerValue(draft: Draft): string {
  return draft.directives
    .map(([name, sources]) =>
      [name, ...sources.map((s) => (s === NONCE_PLACEHOLDER ? NONCE_SHOWN : s))].join(' '),
    )
    .join('; ');
}

function snippet(draft: Draft): string {
  const { directives } = draftOptions(draft);
  const lines = Object.entries(directives).map(
    ([name, sources]) => `        ${name}: ${jsLiteral(sources)},`,
  );
  return [
    "import { secure } from 'checksecure/middleware';",
    '',
    'app.use(',
    '  secure({',
    '    contentSecurityPolicy: {',
    "      preset: 'none',",
    '      directives: {',
    ...lines,
    '      },',
    '    },',
    '  }),',
    ');',
  ].join('\n');
}

/**
 * The draft in one of the formats: `ts`, secure() options to paste; `header`, the header text
 * with the nonce's place shown; `json`, everything for a program; `text` (default), the three
 * parts for a person, with what must change and the pages crawled. Page-supplied text (samples,
 * URLs) is made inert for the terminal or the JSON reader.
 *
 * @example
 * process.stdout.write(renderDraft(proposePolicy(records), 'header'));
 */
export function renderDraft(draft: Draft, format: DraftFormat): string {
  const header = `Content-Security-Policy: ${headerValue(draft)}`;
  if (format === 'header') return `${terminalText(header)}\n`;
  if (format === 'ts') return `${snippet(draft).split('\n').map(terminalText).join('\n')}\n`;
  if (format === 'json')
    return `${inertJson(
      JSON.stringify(
        {
          origin: draft.origin,
          nonces: draft.nonces,
          directives: Object.fromEntries(draft.directives),
          header: headerValue(draft),
          options: draftOptions(draft),
          mustChange: draft.mustChange,
          notes: draft.notes,
          pages: draft.pages,
        },
        null,
        2,
      ),
    )}\n`;
  const read = draft.pages.filter((p) => p.error === undefined).length;
  const lines = [
    `Crawled ${draft.pages.length} ${draft.pages.length === 1 ? 'page' : 'pages'} of ${draft.origin}${read < draft.pages.length ? ` (${draft.pages.length - read} not read completely)` : ''}.`,
    draft.nonces
      ? "The app serves nonces: scripts are allowed by nonce with 'strict-dynamic'."
      : 'The app serves no nonces: inline scripts are allowed by their hashes (a changed script needs a new hash).',
    '',
    `Proposed policy (${draft.nonces ? `${NONCE_SHOWN} is where each response's own nonce goes` : 'the header as sent'}):`,
    '',
    `  ${header}`,
    '',
    'As secure() options (checksecure/middleware):',
    '',
    ...snippet(draft)
      .split('\n')
      .map((line) => (line ? `  ${line}` : '')),
    '',
  ];
  if (draft.mustChange.length === 0)
    lines.push('Nothing must change in the app: the policy allows everything the pages did.');
  else {
    lines.push(
      `Must change in the app before enforcing (${draft.mustChange.length}; the policy blocks these):`,
    );
    for (const item of draft.mustChange) {
      lines.push(
        '',
        `  ${item.kind} (${item.directive}): ${item.sample}`,
        `    ${item.advice}`,
        `    seen on ${item.pages.join(', ')}`,
      );
    }
  }
  if (draft.notes.length > 0)
    lines.push('', 'Allowed on purpose:', ...draft.notes.map((note) => `  - ${note}`));
  lines.push(
    '',
    'Pages:',
    ...draft.pages.map(
      (p) => `  ${String(p.status ?? '-').padEnd(3)}  ${p.url}${p.error ? `  (${p.error})` : ''}`,
    ),
  );
  return `${lines.map(terminalText).join('\n')}\n`;
}
