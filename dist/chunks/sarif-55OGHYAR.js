import { createRequire as __checksecureRequire } from 'node:module'; const require = __checksecureRequire(import.meta.url);
import{a as u}from"./chunk-OWMBOGJF.js";import"./chunk-VFWFCM5E.js";import{f as p}from"./chunk-3H5MDE3O.js";import"./chunk-NRJWWS3A.js";import{createHash as v}from"node:crypto";function g(r){return!("reason"in r)||typeof r.reason!="string"?{}:{suppressions:[{kind:"external",status:"accepted",justification:r.reason}]}}var m={error:"error",warning:"warning",info:"note"},y={error:"8.0",warning:"5.0",info:"2.0"},k=r=>r.toLowerCase().replace(/(^|_)([a-z])/g,(t,o,i)=>i.toUpperCase());function S(r){let t=r.url;try{let i=new URL(r.url);t=i.pathname+i.search}catch{}let o=r.message.replace(/\bhttps?:\/\/[^/\s'"]+/gi,"");return v("sha256").update(`${r.check}\0${r.code}\0${t}\0${o}`).digest("hex").slice(0,32)}function E(r,t){let o=t.checks.flatMap(e=>Object.entries(e.messages).map(([a,n])=>{let s=n.fix&&u(n.fix),x=[n.explanation??n.message,s?`Fix: ${s.middleware}

${s.snippet}`:""].filter(Boolean).join(`

`),$=[n.explanation??n.message,s?`**Fix:** \`${s.middleware}\`

\`\`\`ts
${s.snippet}
\`\`\``:""].filter(Boolean).join(`

`);return{id:a,name:k(a),shortDescription:{text:n.message},fullDescription:{text:n.explanation??n.message},help:{text:x,markdown:$},defaultConfiguration:{level:m[n.severity]},properties:{"security-severity":y[n.severity],tags:["security","http",e.name],precision:"high"}}})),i=new Map(o.map((e,a)=>[e.id,a])),d=[...r.warnings,...r.accepted??[]].map(e=>({ruleId:e.code,...i.has(e.code)?{ruleIndex:i.get(e.code)}:{},level:m[e.severity],message:{text:`${e.message} (${e.url})${e.evidence?`
Seen: ${e.evidence}`:""}${e.fix?`
Fix: ${e.fix.middleware}`:""}`},locations:t.location?[{physicalLocation:{artifactLocation:{uri:t.location.uri,uriBaseId:"%SRCROOT%"},region:{startLine:t.location.line??1}}}]:[],partialFingerprints:{"checksecure/v1":S(e)},properties:{url:e.url,check:e.check},...g(e)})),c=r.checks.filter(e=>e.status==="errored"),l=r.unscanned??[],f=[{executionSuccessful:c.length===0&&l.length===0,toolExecutionNotifications:[...c.map(e=>({level:"error",message:{text:`the ${e.name} check could not run: ${e.reason??"no reason given"}`},descriptor:{id:e.name}})),...l.map(e=>({level:"error",message:{text:`GET ${e.url} was not scanned: ${e.reason}`}}))]}],h={$schema:"https://json.schemastore.org/sarif-2.1.0.json",version:"2.1.0",runs:[{tool:{driver:{name:"checksecure",version:t.toolVersion,semanticVersion:t.toolVersion,informationUri:"https://www.npmjs.com/package/checksecure",rules:o}},invocations:f,originalUriBaseIds:{"%SRCROOT%":{description:{text:"The repository root."}}},results:d,properties:{target:r.target}}]};return`${p(JSON.stringify(h,null,2))}
`}export{S as fingerprint,E as formatSarif};
