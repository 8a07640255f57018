import { defineConfig } from '../src/config/define-config.js';

// The demo's config, as a user's would be (they import defineConfig from 'checksecure').
export default defineConfig({
  app: './demo-app.ts',
  paths: ['/', '/account'],
  confidentialPaths: ['/account'],
  csrf: { paths: ['/login'] },
  fixSource: 'examples/demo-app.ts',
});
