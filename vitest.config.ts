import { defineConfig } from 'vitest/config';
import { SummaryLineReporter } from './test/reporters/summary-line.js';

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    globalSetup: ['test/global-setup.ts'],
    testTimeout: 20_000,
    hookTimeout: 20_000,
    reporters: ['default', new SummaryLineReporter()],
    // GitHub's action.yml parser imports its JSON schema without an import attribute, which
    // Node refuses: Vite transforms it instead.
    server: { deps: { inline: ['@actions/workflow-parser'] } },
  },
});
