// One measurement of scripts/bench-plan.mjs in a fresh process: `readPlan` (the
// bundled engine reader) or `JSON.parse` (the whole file as one string), its
// time and the process's peak RSS, printed as JSON.
import { readFileSync } from 'node:fs';
import { pathToFileURL } from 'node:url';

const [how, file, reader] = process.argv.slice(2);
const { readPlan } = await import(pathToFileURL(reader).href);
const started = performance.now();
let changes;
let dataSources = 0;
if (how === 'readPlan') {
  const plan = readPlan(file);
  changes = plan.resourceChanges.length;
  dataSources = plan.dataSources.length;
} else {
  changes = JSON.parse(readFileSync(file, 'utf8')).resource_changes.length;
}
const ms = performance.now() - started;
console.log(JSON.stringify({ ms, changes, dataSources, peakRssMb: process.resourceUsage().maxRSS / 1024 }));
