import { createRequire as __checksecureRequire } from 'node:module'; const require = __checksecureRequire(import.meta.url);
import{f as n}from"./chunk-3H5MDE3O.js";import"./chunk-NRJWWS3A.js";function a(t){let{version:r,target:o,warnings:s,checks:e,assumptions:i,notes:p=[],unscanned:c=[]}=t;return`${n(JSON.stringify({version:r,target:o,warnings:s,checks:e,assumptions:i,notes:p,unscanned:c},null,2))}
`}export{a as formatJson};
