import { execFile } from 'node:child_process';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runAction } from '../helpers/action.js';
import { CLI, ROOT } from '../helpers/cli.js';
import { serve, type Served } from '../helpers/server.js';

const run = promisify(execFile);

// Node documents v8.setFlagsFromString after start-up as unpredictable (it may crash or lose
// data): the CLI and the Action leave V8's flags to whoever starts Node. A preload reports any
// call, whatever the module imported it as.
const PRELOAD = `
import module from 'node:module';
import v8 from 'node:v8';
const set = v8.setFlagsFromString;
v8.setFlagsFromString = (flags) => {
  process.stderr.write('v8.setFlagsFromString(' + JSON.stringify(flags) + ')\\n');
  set(flags);
};
module.syncBuiltinESMExports();
`;

describe('V8 flags at run time', () => {
  let dir: string;
  let preload: string;
  let site: Served;

  beforeAll(async () => {
    dir = await mkdtemp(path.join(tmpdir(), 'v8-flags-'));
    preload = path.join(dir, 'preload.mjs');
    await writeFile(preload, PRELOAD);
    site = await serve((req, res) => res.end('<p>hi</p>'));
  });

  afterAll(async () => {
    await site?.close();
    await rm(dir, { recursive: true, force: true });
  });

  it('the preload sees a call', async () => {
    const { stderr } = await run(process.execPath, [
      '--import',
      preload,
      '--input-type=module',
      '-e',
      "import { setFlagsFromString } from 'node:v8'; setFlagsFromString('--no-lazy-feedback-allocation');",
    ]);
    expect(stderr).toContain('v8.setFlagsFromString("--no-lazy-feedback-allocation")');
  });

  it('the CLI sets none during a scan', async () => {
    const scan = await run(process.execPath, ['--import', preload, CLI, site.url, '--fail-on', 'never'], {
      cwd: ROOT,
    });
    expect(scan.stdout).toMatch(/\S/);
    expect(scan.stderr).not.toContain('setFlagsFromString');
  });

  it('the Action, bundled from the sources, sets none during a scan', async () => {
    const bundle = path.join(dir, 'bundle');
    await run(process.execPath, [path.join(ROOT, 'scripts/bundle.mjs'), bundle], { cwd: ROOT });
    const action = await runAction({
      inputs: { url: site.url, 'fail-on': 'never' },
      node: [process.execPath, '--import', preload],
      bundle: path.join(bundle, 'index.js'),
    });
    expect(action.outputs).toHaveProperty('report');
    expect(action.stderr).not.toContain('setFlagsFromString');
    expect(action.stdout).not.toContain('setFlagsFromString');
  }, 120_000);
});
