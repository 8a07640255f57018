// Compile-only, in a fresh project that installed the packed package and @playwright/test:
// checksecure/playwright as a Playwright user writes it. A line after `// error TSnnnn: text`
// must fail with exactly that error (package-types.test.ts reads these markers).
import { test as base, expect as baseExpect, type Browser } from '@playwright/test';
import {
  collectCspViolations,
  cspFixtures,
  cspMatchers,
  expect,
  test,
  type BrowserCspViolation,
  type CspFixtures,
} from 'checksecure/playwright';

test('the fixtures and the matcher are typed', async ({ page, context, cspViolations, cspCollector }) => {
  await expect(page).toHaveNoCspViolations();
  await expect(context).not.toHaveNoCspViolations({
    ignore: ['inline', /googletagmanager/, (v: BrowserCspViolation) => v.directive === 'img-src'],
    disposition: 'enforce',
  });
  await cspCollector.flush();
  const dispositions: ('enforce' | 'report')[] = cspViolations.map((v) => v.disposition);
  expect(dispositions).toEqual([]);
  // error TS2561: Object literal may only specify known properties, but 'ignroe' does not exist in type 'CspViolationsExpectation'. Did you mean to write 'ignore'?
  await expect(page).toHaveNoCspViolations({ ignroe: ['inline'] });
  // error TS2820: Type '"enforced"' is not assignable to type 'CspDisposition | "any" | undefined'. Did you mean '"enforce"'?
  await expect(page).toHaveNoCspViolations({ disposition: 'enforced' });
});

const mine = base.extend<{ greeting: string }>({ greeting: 'hello' }).extend<CspFixtures>(cspFixtures);
const myExpect = baseExpect.extend(cspMatchers);

mine('a test of your own keeps its fixtures', async ({ page, greeting, cspViolations }) => {
  myExpect(greeting).toBe('hello');
  myExpect(cspViolations.length).toBe(0);
  await myExpect(page).toHaveNoCspViolations({ ignore: ['https://cdn.example/'] });
});

export async function ownContext(browser: Browser): Promise<number> {
  const context = await browser.newContext();
  const collector = await collectCspViolations(context);
  await collector.flush();
  return collector.violations.length;
}
