import { describe, expect, it } from 'vitest';
import { sriCheck } from '../../src/checks/sri.js';
import { codesOf, HTML } from '../helpers/captured.js';

const page = (body: string, url = 'https://www.example.com/') =>
  codesOf(sriCheck, { url, headers: HTML, body });

describe('sri check', () => {
  it.each([
    ['<script src="/app.js"></script>', []],
    ['<script src="https://static.example.com/app.js"></script>', []],
    ['<script>inline()</script>', []],
    ['<script src="https://cdn.other.net/lib.js"></script>', ['SRI_MISSING']],
    ['<SCRIPT SRC="https://cdn.other.net/lib.js" INTEGRITY="sha384-abc" crossorigin></SCRIPT>', []],
    ['<script src="https://cdn.other.net/lib.js" integrity=""></script>', ['SRI_MISSING']],
    ['<script src="http://static.example.com/app.js"></script>', ['SCRIPT_INSECURE']],
    ['<script src="//cdn.other.net/lib.js" integrity="sha384-x"></script>', ['SCRIPT_INSECURE']],
    ['<script src="http://cdn.other.net/lib.js"></script>', ['SCRIPT_INSECURE', 'SRI_MISSING']],
    ['<!-- <script src="https://cdn.other.net/lib.js"></script> -->', []],
    [
      '<script src=https://cdn.other.net/a.js></script><script src="https://cdn.other.net/b.js"></script>',
      ['SRI_MISSING', 'SRI_MISSING'],
    ],
  ])('%j → %j', async (body, expected) => {
    expect(await page(body)).toEqual(expected);
  });

  it('uses the public suffix list to tell sites apart', async () => {
    expect(
      await page('<script src="https://cdn.shop.co.uk/a.js"></script>', 'https://www.other.co.uk/'),
    ).toEqual(['SRI_MISSING']);
    expect(
      await page('<script src="https://cdn.shop.co.uk/a.js"></script>', 'https://www.shop.co.uk/'),
    ).toEqual([]);
  });

  it('does not ask for https: on a plain-HTTP page', async () => {
    expect(
      await page('<script src="http://static.example.com/app.js"></script>', 'http://www.example.com/'),
    ).toEqual([]);
  });

  it('survives broken markup', async () => {
    expect(await page('<script src="https://cdn.other.net/x.js"<<>><div <script')).toEqual(['SRI_MISSING']);
  });
});
