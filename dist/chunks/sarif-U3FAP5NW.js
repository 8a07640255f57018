import { createRequire as __checksecureRequire } from 'node:module'; const require = __checksecureRequire(import.meta.url);
import{a as m}from"./chunk-OWMBOGJF.js";import"./chunk-VFWFCM5E.js";import{f as g}from"./chunk-3H5MDE3O.js";import"./chunk-NRJWWS3A.js";import{createHash as $}from"node:crypto";var p={error:"error",warning:"warning",info:"note"},v={error:"8.0",warning:"5.0",info:"2.0"},y=r=>r.toLowerCase().replace(/(^|_)([a-z])/g,(t,s,i)=>i.toUpperCase());function S(r){let t=r.url;try{let i=new URL(r.url);t=i.pathname+i.search}catch{}let s=r.message.replace(/\bhttps?:\/\/[^/\s'"]+/gi,"");return $("sha256").update(`${r.check}\0${r.code}\0${t}\0${s}`).digest("hex").slice(0,32)}function C(r,t){let s=t.checks.flatMap(e=>Object.entries(e.messages).map(([a,n])=>{let o=n.fix&&m(n.fix),h=[n.explanation??n.message,o?`Fix: ${o.middleware}

${o.snippet}`:""].filter(Boolean).join(`

`),x=[n.explanation??n.message,o?`**Fix:** \`${o.middleware}\`

\`\`\`ts
${o.snippet}
\`\`\``:""].filter(Boolean).join(`

`);return{id:a,name:y(a),shortDescription:{text:n.message},fullDescription:{text:n.explanation??n.message},help:{text:h,markdown:x},defaultConfiguration:{level:p[n.severity]},properties:{"security-severity":v[n.severity],tags:["security","http",e.name],precision:"high"}}})),i=new Map(s.map((e,a)=>[e.id,a])),u=r.warnings.map(e=>({ruleId:e.code,...i.has(e.code)?{ruleIndex:i.get(e.code)}:{},level:p[e.severity],message:{text:`${e.message} (${e.url})${e.evidence?`
Seen: ${e.evidence}`:""}${e.fix?`
Fix: ${e.fix.middleware}`:""}`},locations:t.location?[{physicalLocation:{artifactLocation:{uri:t.location.uri,uriBaseId:"%SRCROOT%"},region:{startLine:t.location.line??1}}}]:[],partialFingerprints:{"checksecure/v1":S(e)},properties:{url:e.url,check:e.check}})),c=r.checks.filter(e=>e.status==="errored"),l=r.unscanned??[],d=[{executionSuccessful:c.length===0&&l.length===0,toolExecutionNotifications:[...c.map(e=>({level:"error",message:{text:`the ${e.name} check could not run: ${e.reason??"no reason given"}`},descriptor:{id:e.name}})),...l.map(e=>({level:"error",message:{text:`GET ${e.url} was not scanned: ${e.reason}`}}))]}],f={$schema:"https://json.schemastore.org/sarif-2.1.0.json",version:"2.1.0",runs:[{tool:{driver:{name:"checksecure",version:t.toolVersion,semanticVersion:t.toolVersion,informationUri:"https://www.npmjs.com/package/checksecure",rules:s}},invocations:d,originalUriBaseIds:{"%SRCROOT%":{description:{text:"The repository root."}}},results:u,properties:{target:r.target}}]};return`${g(JSON.stringify(f,null,2))}
`}export{S as fingerprint,C as formatSarif};
