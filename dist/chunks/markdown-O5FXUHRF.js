import { createRequire as __checksecureRequire } from 'node:module'; const require = __checksecureRequire(import.meta.url);
import{a}from"./chunk-RQ3WK4SO.js";import"./chunk-3H5MDE3O.js";import"./chunk-NRJWWS3A.js";export{a as formatMarkdown};
