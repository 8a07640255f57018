import { createRequire as __checksecureRequire } from 'node:module'; const require = __checksecureRequire(import.meta.url);
var o=["error","warning","info","never"],r={error:3,warning:2,info:1};function t(n,e){return e==="never"?!1:n.some(i=>r[i.severity]>=r[e])}export{o as a,t as b};
