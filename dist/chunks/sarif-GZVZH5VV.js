import { createRequire as __checksecureRequire } from 'node:module'; const require = __checksecureRequire(import.meta.url);
import{a as g}from"./chunk-OWMBOGJF.js";import"./chunk-VFWFCM5E.js";import{f as p}from"./chunk-3H5MDE3O.js";import"./chunk-NRJWWS3A.js";import{createHash as W}from"node:crypto";function u(n){return n.flatMap(({pages:r,...t})=>(r??[t.url]).map(s=>({warning:{...t,url:s},...s===t.url&&t.evidence!==void 0?{evidence:t.evidence}:{}})))}function d(n){return!("reason"in n)||typeof n.reason!="string"?{}:{suppressions:[{kind:"external",status:"accepted",justification:n.reason}]}}var m={error:"error",warning:"warning",info:"note"},k={error:"8.0",warning:"5.0",info:"2.0"},S=n=>n.toLowerCase().replace(/(^|_)([a-z])/g,(r,t,s)=>s.toUpperCase());function j(n){let r=n.url;try{let s=new URL(n.url);r=s.pathname+s.search}catch{}let t=n.message.replace(/\bhttps?:\/\/[^/\s'"]+/gi,"");return W("sha256").update(`${n.check}\0${n.code}\0${r}\0${t}`).digest("hex").slice(0,32)}function T(n,r){let t=r.checks.flatMap(e=>Object.entries(e.messages).map(([o,i])=>{let a=i.fix&&g(i.fix),v=[i.explanation??i.message,a?`Fix: ${a.middleware}

${a.snippet}`:""].filter(Boolean).join(`

`),$=[i.explanation??i.message,a?`**Fix:** \`${a.middleware}\`

\`\`\`ts
${a.snippet}
\`\`\``:""].filter(Boolean).join(`

`);return{id:o,name:S(o),shortDescription:{text:i.message},fullDescription:{text:i.explanation??i.message},help:{text:v,markdown:$},defaultConfiguration:{level:m[i.severity]},properties:{"security-severity":k[i.severity],tags:["security","http",e.name],precision:"high"}}})),s=new Map(t.map((e,o)=>[e.id,o])),f=[...n.warnings,...n.accepted??[]],x=u(f).map(({warning:e,evidence:o})=>({ruleId:e.code,...s.has(e.code)?{ruleIndex:s.get(e.code)}:{},level:m[e.severity],message:{text:`${e.message} (${e.url})${o?`
Seen: ${o}`:""}${e.fix?`
Fix: ${e.fix.middleware}`:""}`},locations:r.location?[{physicalLocation:{artifactLocation:{uri:r.location.uri,uriBaseId:"%SRCROOT%"},region:{startLine:r.location.line??1}}}]:[],partialFingerprints:{"checksecure/v1":j(e)},properties:{url:e.url,check:e.check},...d(e)})),c=n.checks.filter(e=>e.status==="errored"),l=n.unscanned??[],h=[{executionSuccessful:c.length===0&&l.length===0,toolExecutionNotifications:[...c.map(e=>({level:"error",message:{text:`the ${e.name} check could not run: ${e.reason??"no reason given"}`},descriptor:{id:e.name}})),...l.map(e=>({level:"error",message:{text:`GET ${e.url} was not scanned: ${e.reason}`}})),...(n.notes??[]).map(e=>({level:"note",message:{text:e}}))]}],y={$schema:"https://json.schemastore.org/sarif-2.1.0.json",version:"2.1.0",runs:[{tool:{driver:{name:"checksecure",version:r.toolVersion,semanticVersion:r.toolVersion,informationUri:"https://www.npmjs.com/package/checksecure",rules:t}},invocations:h,originalUriBaseIds:{"%SRCROOT%":{description:{text:"The repository root."}}},results:x,properties:{target:n.target}}]};return`${p(JSON.stringify(y,null,2))}
`}export{j as fingerprint,T as formatSarif};
