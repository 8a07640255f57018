import { execFileSync, spawnSync } from 'node:child_process';
import { lstatSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { median, type BenchSection } from './section.js';
import { buildOnce } from './shipped.js';

const root = fileURLToPath(new URL('..', import.meta.url));
const RUNS = 21;

interface Installed {
  packages: number;
  /** Allocated blocks, what the disk gives up. */
  diskBytes: number;
  /** The files' own sizes (du --apparent-size). */
  fileBytes: number;
}

/** Installs one dependency into a fresh project and measures its node_modules. */
function install(dir: string, name: string, spec: string): Installed {
  mkdirSync(dir);
  writeFileSync(
    path.join(dir, 'package.json'),
    JSON.stringify({ name: `${path.basename(dir)}-user`, private: true, dependencies: { [name]: spec } }),
  );
  execFileSync('npm', ['install', '--prefer-offline', '--no-audit', '--no-fund', '--loglevel=error'], {
    cwd: dir,
    stdio: 'ignore',
  });
  // One line per installed package, the project's own first.
  const tree = execFileSync('npm', ['ls', '--all', '--parseable'], { cwd: dir, encoding: 'utf8' });
  const packages = new Set(tree.split('\n').filter((line) => line.trim() !== '')).size - 1;
  let diskBytes = 0;
  let fileBytes = 0;
  const walk = (at: string) => {
    for (const entry of readdirSync(at)) {
      const file = path.join(at, entry);
      const stat = lstatSync(file);
      diskBytes += stat.blocks * 512;
      if (stat.isDirectory()) walk(file);
      else fileBytes += stat.size;
    }
  };
  walk(path.join(dir, 'node_modules'));
  return { packages, diskBytes, fileBytes };
}

/**
 * Milliseconds one fresh `node -e` process spends importing a module, timed inside it: a whole
 * process's wall time would add Node's own start, which on a shared machine varies by more than
 * an import of helmet costs.
 */
function importTime(cwd: string, esm: boolean, specifier: string): number {
  const load = esm ? `await import('${specifier}')` : `require('${specifier}')`;
  const code = `const t = performance.now(); ${load}; process.stdout.write(String(performance.now() - t));`;
  const run = spawnSync(process.execPath, [...(esm ? ['--input-type=module'] : []), '-e', code], {
    cwd,
    env: { PATH: process.env.PATH },
    encoding: 'utf8',
  });
  if (run.status !== 0) throw new Error(`importing ${specifier} failed in ${cwd}: ${run.stderr}`);
  return Number(run.stdout);
}

const size = (bytes: number) =>
  bytes >= 1e6 ? `${(bytes / 1e6).toFixed(1)} MB` : `${(bytes / 1e3).toFixed(0)} kB`;
const times = (a: number, b: number) => `${(a / b).toFixed(a / b >= 10 ? 0 : 1)}×`;

/**
 * What `npm install checksecure` costs an app that wants the middleware, beside
 * `npm install helmet`: packages, node_modules on disk, and the time to import the middleware
 * in a fresh process (ESM and CommonJS), each installed from the packed tarball or the registry
 * into its own empty project.
 */
export async function installBench(): Promise<BenchSection> {
  buildOnce();
  const work = mkdtempSync(path.join(tmpdir(), 'checksecure-install-bench-'));
  try {
    const packed = execFileSync('npm', ['pack', '--silent', '--pack-destination', work], {
      cwd: root,
      encoding: 'utf8',
    });
    const tarball = path.join(work, packed.trim().split('\n').at(-1)!);
    const helmetVersion = JSON.parse(readFileSync(`${root}node_modules/helmet/package.json`, 'utf8'))
      .version as string;
    const ours = install(path.join(work, 'checksecure'), 'checksecure', `file:${tarball}`);
    const helmet = install(path.join(work, 'helmet'), 'helmet', helmetVersion);
    const npmVersion = execFileSync('npm', ['--version'], { encoding: 'utf8' }).trim();

    const cases: [string, boolean, string][] = [
      [path.join(work, 'checksecure'), true, 'checksecure/middleware'],
      [path.join(work, 'helmet'), true, 'helmet'],
      [path.join(work, 'checksecure'), false, 'checksecure/middleware'],
      [path.join(work, 'helmet'), false, 'helmet'],
    ];
    const samples = cases.map(() => [] as number[]);
    for (let i = 0; i < RUNS; i++)
      cases.forEach(([cwd, esm, specifier], c) => samples[c]!.push(importTime(cwd, esm, specifier)));
    const [esm, helmetEsm, cjs, helmetCjs] = samples.map(median) as [number, number, number, number];
    const importRow = (label: string, a: number, b: number) => [
      label,
      `${a.toFixed(1)} ms`,
      `${b.toFixed(1)} ms`,
      times(a, b),
    ];
    return {
      title: 'Install: npm install checksecure vs npm install helmet',
      method: `Each package installed alone into an empty project with npm ${npmVersion} on Node ${process.version} (checksecure from its packed tarball, helmet ${helmetVersion} from the registry or npm's cache); packages counted with \`npm ls --all\`, node_modules measured by its allocated blocks and by its files' bytes. Import times are medians of ${RUNS} fresh \`node -e\` processes each, interleaved, each timing its own import (\`await import()\` for ESM, \`require()\` for CommonJS) with performance.now().`,
      columns: ['case', 'checksecure', `helmet ${helmetVersion}`, 'ratio'],
      rows: [
        [
          'packages installed',
          String(ours.packages),
          String(helmet.packages),
          times(ours.packages, helmet.packages),
        ],
        [
          'node_modules on disk',
          size(ours.diskBytes),
          size(helmet.diskBytes),
          times(ours.diskBytes, helmet.diskBytes),
        ],
        [
          "node_modules, its files' bytes",
          size(ours.fileBytes),
          size(helmet.fileBytes),
          times(ours.fileBytes, helmet.fileBytes),
        ],
        importRow("import('checksecure/middleware') vs import('helmet'), ESM", esm, helmetEsm),
        importRow("require('checksecure/middleware') vs require('helmet'), CommonJS", cjs, helmetCjs),
      ],
      headline: `npm install checksecure: ${ours.packages} packages, ${size(ours.diskBytes)} on disk (helmet: ${helmet.packages}, ${size(helmet.diskBytes)}); importing the middleware takes ${times(esm, helmetEsm)} helmet's time (ESM) and ${times(cjs, helmetCjs)} (CommonJS)`,
    };
  } finally {
    rmSync(work, { recursive: true, force: true });
  }
}
