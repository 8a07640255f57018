import { SECURE_PARTS } from '../../middleware/secure-parts.js';
import type { Adapter, Fix, FixImport, FixSpec, FixValue, PartFix } from '../core/types.js';
import { jsLiteral } from './js-literal.js';

/** How the project loads modules, and so how a snippet imports what it uses. */
export type ModuleSyntax = 'esm' | 'commonjs';

export interface RenderFixOptions {
  /** The adapter the app mounts secure() through; none for Express, Connect and plain listeners. */
  adapter?: Adapter;
  /** Default `esm`. */
  syntax?: ModuleSyntax;
}

interface Mount {
  from: string;
  name: string;
  /** The line that mounts it, given secure()'s options as a literal ('' for none). */
  line(option: string, syntax: ModuleSyntax): string;
}

/** Each adapter's secure(), and how an app mounts it. */
const MOUNTS: Readonly<Record<Adapter, Mount>> = {
  fastify: {
    from: 'checksecure/fastify',
    name: 'secure',
    // CommonJS has no top-level await, and needs none: Fastify queues plugins until ready().
    line: (option, syntax) =>
      `${syntax === 'esm' ? 'await ' : ''}app.register(secure${option && `, ${option}`});`,
  },
  koa: { from: 'checksecure/koa', name: 'secure', line: (option) => `app.use(secure(${option}));` },
  hapi: {
    from: 'checksecure/hapi',
    name: 'secure',
    // In either syntax: register belongs in the async function that starts the server.
    line: (option) => `await server.register({ plugin: secure${option && `, options: ${option}`} });`,
  },
  fetch: {
    from: 'checksecure/fetch',
    name: 'withSecurity',
    line: (option, syntax) =>
      `${syntax === 'esm' ? 'export default' : 'module.exports ='} { fetch: withSecurity(app.fetch${option && `, ${option}`}) };`,
  },
};

function importLines(what: FixImport, syntax: ModuleSyntax): string[] {
  const from = jsLiteral(what.from);
  const names = what.names?.length ? `{ ${what.names.join(', ')} }` : undefined;
  if (syntax === 'esm') {
    const bound = [what.default, names].filter((b) => b !== undefined);
    return [bound.length > 0 ? `import ${bound.join(', ')} from ${from};` : `import ${from};`];
  }
  if (what.default === undefined) return [names ? `const ${names} = require(${from});` : `require(${from});`];
  return [
    `const ${what.default} = require(${from});`,
    ...(names ? [`const ${names} = ${what.default};`] : []),
  ];
}

function withImports(imports: readonly FixImport[], code: string, syntax: ModuleSyntax): string {
  if (imports.length === 0) return code;
  return `${imports.flatMap((what) => importLines(what, syntax)).join('\n')}\n\n${code}`;
}

/** The factory of checksecure/middleware that mounts a part alone, and what it is given. */
function alone(fix: PartFix): { factory: string; given: FixValue | undefined } {
  // The candidate policy has no factory of its own: alone, it is contentSecurityPolicy's
  // report-only mode.
  if (fix.part !== 'cspReportOnly') return { factory: fix.part, given: fix.options };
  const options = fix.options;
  const own =
    options !== null && typeof options === 'object' && !Array.isArray(options)
      ? (options as { readonly [key: string]: FixValue })
      : {};
  return { factory: 'contentSecurityPolicy', given: { ...own, reportOnly: true } };
}

/**
 * A fix written out for an app: a part of secure() mounted alone (Express, Connect, a listener)
 * or as secure()'s option through the app's adapter, a manual fix as given; imports as the
 * project loads modules.
 *
 * @example
 * renderFix({ part: 'hsts', options: { maxAge: 63072000 } }, { adapter: 'koa' }).snippet;
 * // "import { secure } from 'checksecure/koa';\n\napp.use(secure({ hsts: { maxAge: 63072000 } }));"
 */
export function renderFix(fix: FixSpec, options: RenderFixOptions = {}): Fix {
  const syntax = options.syntax ?? 'esm';
  if (!('part' in fix))
    return { middleware: fix.middleware, snippet: withImports(fix.imports ?? [], fix.snippet, syntax) };
  const middleware = fix.label ?? `${fix.part}()`;
  if (!options.adapter) {
    // The comment speaks of Express (res.locals), so it goes with the Express mount alone.
    const comment = fix.comment?.split('\n').map((line) => `// ${line}\n`) ?? [];
    const { factory, given } = alone(fix);
    const args = given === undefined ? '' : jsLiteral(given);
    const code = `${comment.join('')}app.use(${factory}(${args}));`;
    return {
      middleware,
      snippet: withImports([{ from: 'checksecure/middleware', names: [factory] }], code, syntax),
    };
  }
  // secure() mounts most parts unless told not to; one it leaves off must be switched on.
  const value = fix.options ?? (SECURE_PARTS[fix.part] === 'off' ? true : undefined);
  const option = value === undefined ? '' : jsLiteral({ [fix.part]: value });
  const mount = MOUNTS[options.adapter];
  return {
    middleware,
    snippet: withImports([{ from: mount.from, names: [mount.name] }], mount.line(option, syntax), syntax),
  };
}
