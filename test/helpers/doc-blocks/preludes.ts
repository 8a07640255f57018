/**
 * What a code block that is a fragment may assume, named by `<!-- prelude: NAME -->` above it.
 * Each is reviewed here, once: it declares what the surrounding prose says the reader has (an
 * app, a response), and never hides an error of the block, which is compiled as written.
 */
export interface Prelude {
  /** Put before the block's code. */
  code: string;
  /**
   * Modules the block imports by a relative path, beside its file: their source, or the name of
   * a block (`<!-- name: … -->`) whose code is that module.
   */
  files?: Record<string, string | { block: string }>;
}

// The import docs/matchers.md#setup asks a TypeScript project for, once, for the matchers' types.
const MATCHER_TYPES = "import 'checksecure/vitest';\n";

export const PRELUDES: Readonly<Record<string, Prelude>> = {
  /** An Express app, as the sentence before the block has it. */
  'express-app': {
    code: "import express from 'express';\nconst app = express();\n",
  },
  /** The project's own app module, which an integration test imports. */
  'app-module': {
    code: '',
    files: { '../src/app.ts': "import express from 'express';\nexport const app = express();\n" },
  },
  /** A Vitest test file of a project set up as docs/matchers.md says, with an app and a response. */
  'matcher-test': {
    code: `${MATCHER_TYPES}import express from 'express';
import request from 'supertest';
import { expect } from 'vitest';
import { runChecks } from 'checksecure';
const app = express();
declare const res: request.Response;
`,
  },
  /** The README's matcher quick start: the project's setup file, and the app of its middleware quick start. */
  'quickstart-test': {
    code: MATCHER_TYPES,
    files: { './app.ts': { block: 'quickstart-app' } },
  },
  /** The logged-in agent: the app, its test certificate and key, and a user's credentials. */
  'supertest-agent': {
    code: `${MATCHER_TYPES}import express from 'express';
import request from 'supertest';
import { expect } from 'vitest';
declare const app: express.Express;
declare const key: Buffer;
declare const cert: Buffer;
declare const credentials: { user: string; password: string };
`,
  },
};
