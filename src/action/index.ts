import v8 from 'node:v8';
import { run } from './main.js';

// As in the CLI (src/cli/bin.ts): no background tier-up of undici's WebAssembly parser for a
// short run, which Node would wait for before exiting.
v8.setFlagsFromString('--liftoff-only');

await run();
