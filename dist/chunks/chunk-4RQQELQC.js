import { createRequire as __checksecureRequire } from 'node:module'; const require = __checksecureRequire(import.meta.url);
import{a as s}from"./chunk-3H5MDE3O.js";var $={error:"error",warning:"warning",info:"notice"},w=10;function b(a,o=5){let r=[...new Set(a)];return r.slice(0,o).map(s).join(", ")+(r.length>o?` and ${r.length-o} more`:"")}function L(a,o,r={}){let p=r.max??50,f=new Map;for(let n of a){let i=f.get(n.code);i?i.push(n):f.set(n.code,[n])}let m=o?{file:o.file,line:o.line}:{},c=[],d=0;for(let n of["error","warning","notice"]){let i=[...f.values()].filter(e=>$[e[0].severity]===n),h=Math.max(1,w-(r.reserve?.[n]??0)),v=i.length>h?i.slice(0,h-1):i;for(let e of v){let t=e[0],g=[s(t.message),`Seen on ${b(e.map(A=>A.url))}.`];t.evidence&&g.push(`Evidence: ${s(t.evidence)}`),t.fix&&g.push(`Fix with ${t.fix.middleware}:
${t.fix.snippet.split(`
`).map(s).join(`
`)}`),c.push({level:n,title:`${t.code} (${t.check})`,message:g.join(`
`),...m})}let l=i.slice(v.length);l.length>0&&(d+=l.length,c.push({level:n,title:`${l.length} more ${n==="notice"?"info":n} codes`,message:l.map(e=>`${e[0].code} (${e.length}): ${s(e[0].message)}`).join(`
`),folds:l.length,...m}))}let u=c.slice(0,p);d+=c.slice(p).filter(n=>n.folds===void 0).length;let x=a.length-u.filter(n=>n.folds===void 0).length;return{annotations:u,foldedCodes:d,foldedFindings:Math.max(0,x)}}export{L as a};
