import { createRequire as __checksecureRequire } from 'node:module'; const require = __checksecureRequire(import.meta.url);
var o=["error","warning","info","never"],i={error:3,warning:2,info:1};function t(r,e){return e==="never"?!1:r.some(n=>i[n.severity]>=i[e])}function s(r,e){return e==="never"?!1:t(r.warnings,e)||r.checks.some(n=>n.status==="errored")}export{o as a,t as b,s as c};
