import { createRequire as __checksecureRequire } from 'node:module'; const require = __checksecureRequire(import.meta.url);
import{f as s}from"./chunk-3H5MDE3O.js";import"./chunk-NRJWWS3A.js";function j(n){let{version:t,target:o,warnings:e,checks:r,assumptions:i,notes:c=[],unscanned:a=[]}=n,{pages:p,accepted:m,baseline:u,durationMs:f}=n;return`${s(JSON.stringify({version:t,target:o,warnings:e,checks:r,assumptions:i,notes:c,unscanned:a,pages:p,accepted:m,baseline:u,durationMs:f},null,2))}
`}export{j as formatJson};
