import type { Config } from '../config/define-config.js';
import type { CliArgs } from './args.js';
import { readTargetsFile } from './targets-file.js';

/**
 * The sites a run scans into one report: `--targets FILE`, else the config's `targets` when the
 * command line names no URL or `--app` (which override the config, as they do its `target`);
 * undefined for a run of one target.
 *
 * @example
 * await siteList(parseCliArgs(['--targets', 'sites.txt']), {}, process.cwd()) // ['https://a.example', …]
 */
export async function siteList(args: CliArgs, config: Config, cwd: string): Promise<string[] | undefined> {
  if (args.targets !== undefined) return readTargetsFile(args.targets, cwd);
  if (args.url !== undefined || args.app !== undefined) return undefined;
  return config.targets;
}
