// The floors for `checksecure merge`: read each report file and JSON.parse it; with --write
// first, also concatenate their warnings and pages and write them as indented JSON (what
// `merge -f json` writes at the least). Prints the number of warnings read.
import { readFile } from 'node:fs/promises';
import process from 'node:process';

const write = process.argv[2] === '--write';
const files = process.argv.slice(write ? 3 : 2);
const warnings = [];
const pages = [];
for (const file of files) {
  const report = JSON.parse(await readFile(file, 'utf8'));
  warnings.push(...report.warnings);
  pages.push(...report.pages);
}
if (write) process.stdout.write(JSON.stringify({ warnings, pages }, null, 2));
else process.stdout.write(`${warnings.length}\n`);
