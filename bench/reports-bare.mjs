// The floor for `checksecure reports --propose`: read the file as a stream, cut it into lines
// and JSON.parse each, nothing else. Prints the number of objects read.
import { createReadStream } from 'node:fs';
import process from 'node:process';

let objects = 0;
let rest = '';
for await (const chunk of createReadStream(process.argv[2], {
  encoding: 'utf8',
  highWaterMark: 1024 * 1024,
})) {
  const lines = (rest + chunk).split('\n');
  rest = lines.pop() ?? '';
  for (const line of lines) if (line !== '' && JSON.parse(line) !== null) objects++;
}
if (rest !== '' && JSON.parse(rest) !== null) objects++;
process.stdout.write(`${objects}\n`);
