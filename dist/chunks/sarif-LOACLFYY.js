import { createRequire as __checksecureRequire } from 'node:module'; const require = __checksecureRequire(import.meta.url);
import{f as l}from"./chunk-3H5MDE3O.js";import"./chunk-NRJWWS3A.js";import{createHash as h}from"node:crypto";var g={error:"error",warning:"warning",info:"note"},x={error:"8.0",warning:"5.0",info:"2.0"},$=n=>n.toLowerCase().replace(/(^|_)([a-z])/g,(t,o,i)=>i.toUpperCase());function v(n){let t=n.url;try{let i=new URL(n.url);t=i.pathname+i.search}catch{}let o=n.message.replace(/\bhttps?:\/\/[^/\s'"]+/gi,"");return h("sha256").update(`${n.check}\0${n.code}\0${t}\0${o}`).digest("hex").slice(0,32)}function k(n,t){let o=t.checks.flatMap(e=>Object.entries(e.messages).map(([s,r])=>{let p=[r.explanation??r.message,r.fix?`Fix: ${r.fix.middleware}

${r.fix.snippet}`:""].filter(Boolean).join(`

`),d=[r.explanation??r.message,r.fix?`**Fix:** \`${r.fix.middleware}\`

\`\`\`ts
${r.fix.snippet}
\`\`\``:""].filter(Boolean).join(`

`);return{id:s,name:$(s),shortDescription:{text:r.message},fullDescription:{text:r.explanation??r.message},help:{text:p,markdown:d},defaultConfiguration:{level:g[r.severity]},properties:{"security-severity":x[r.severity],tags:["security","http",e.name],precision:"high"}}})),i=new Map(o.map((e,s)=>[e.id,s])),u=n.warnings.map(e=>({ruleId:e.code,...i.has(e.code)?{ruleIndex:i.get(e.code)}:{},level:g[e.severity],message:{text:`${e.message} (${e.url})${e.evidence?`
Seen: ${e.evidence}`:""}${e.fix?`
Fix: ${e.fix.middleware}`:""}`},locations:t.location?[{physicalLocation:{artifactLocation:{uri:t.location.uri,uriBaseId:"%SRCROOT%"},region:{startLine:t.location.line??1}}}]:[],partialFingerprints:{"checksecure/v1":v(e)},properties:{url:e.url,check:e.check}})),a=n.checks.filter(e=>e.status==="errored"),c=n.unscanned??[],m=[{executionSuccessful:a.length===0&&c.length===0,toolExecutionNotifications:[...a.map(e=>({level:"error",message:{text:`the ${e.name} check could not run: ${e.reason??"no reason given"}`},descriptor:{id:e.name}})),...c.map(e=>({level:"error",message:{text:`GET ${e.url} was not scanned: ${e.reason}`}}))]}],f={$schema:"https://json.schemastore.org/sarif-2.1.0.json",version:"2.1.0",runs:[{tool:{driver:{name:"checksecure",version:t.toolVersion,semanticVersion:t.toolVersion,informationUri:"https://www.npmjs.com/package/checksecure",rules:o}},invocations:m,originalUriBaseIds:{"%SRCROOT%":{description:{text:"The repository root."}}},results:u,properties:{target:n.target}}]};return`${l(JSON.stringify(f,null,2))}
`}export{v as fingerprint,k as formatSarif};
