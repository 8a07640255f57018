import { createRequire as __checksecureRequire } from 'node:module'; const require = __checksecureRequire(import.meta.url);
import{a}from"./chunk-EJSKBQ7B.js";import"./chunk-6OFP7PIT.js";import"./chunk-3H5MDE3O.js";import"./chunk-NRJWWS3A.js";export{a as formatMarkdown};
