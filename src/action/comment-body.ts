import { markdownCell } from '../report/escape.js';
import { formatMarkdown } from '../report/markdown.js';
import type { Report } from '../core/types.js';

/** GitHub refuses (422) an issue comment longer than this many characters. */
export const COMMENT_LIMIT = 65_536;

/** The hidden first line that marks one scan's comment: the key tells shards and steps apart. */
export function commentMarker(key: string): string {
  return `<!-- checksecure:sticky-comment key=${key} -->`;
}

export interface CommentContext {
  key: string;
  /** The commit the scan describes: the pull request's head, or the deployed commit. */
  commit?: { sha: string; url: string };
  /** The workflow run, whose summary holds the full table. */
  runUrl?: string;
}

/** A link target from the environment, or nothing when it is not a plain https: URL. */
function safeUrl(url: string | undefined): string | undefined {
  return url && /^https?:\/\/[^\s()<>[\]]+$/.test(url) ? url : undefined;
}

/**
 * The sticky comment: marker, findings, and the commit and run they belong to, built to fit
 * GitHub's limit whatever the findings hold (the table ends with "…and N more" and a link to
 * the run when it is cut).
 *
 * @example
 * const body = commentBody(report, { key: 'CI/scan', runUrl: 'https://github.com/o/r/actions/runs/1' });
 */
export function commentBody(report: Report, context: CommentContext): string {
  const runUrl = safeUrl(context.runUrl);
  const commitUrl = safeUrl(context.commit?.url);
  const sha = context.commit?.sha ?? '';
  const short = /^[0-9a-f]{7,64}$/i.test(sha) ? sha.slice(0, 7) : markdownCell(sha.slice(0, 12));
  const footer = [
    '',
    '---',
    `<sub>${[
      sha ? `Scanned at commit ${commitUrl ? `[\`${short}\`](${commitUrl})` : `\`${short}\``}` : 'Scanned',
      runUrl ? `in [this workflow run](${runUrl})` : '',
    ]
      .filter(Boolean)
      .join(' ')}.</sub>`,
    '',
  ].join('\n');
  const marker = `${commentMarker(context.key)}\n`;
  const markdown = formatMarkdown(report, {
    maxLength: COMMENT_LIMIT - marker.length - footer.length - 16,
    more: runUrl
      ? `The full table is in [the run's summary](${runUrl}).`
      : 'The full table is in the job summary.',
  });
  return `${marker}${markdown}${footer}`;
}
