import { readFileSync } from 'node:fs';
import { parseSource } from '../server/src/engine/parse/parse-file.js';
const file = '/tmp/big2/main.tf';
const tree = parseSource(file, readFileSync(file, 'utf8'));
const positions = new Set<object>(); const ranges = new Set<object>(); let refs = 0; let rangeRefs = 0; let nodes = 0;
const walk = (v: any): void => {
  if (typeof v !== 'object' || v === null) return;
  if (Array.isArray(v)) { for (const x of v) walk(x); return; }
  if (typeof v.offset === 'number') { refs++; positions.add(v); return; }
  if (v.start && typeof v.start.offset === 'number') { rangeRefs++; ranges.add(v); walk(v.start); walk(v.end); return; }
  nodes++;
  for (const k in v) walk(v[k]);
};
walk(tree.body);
console.log({ nodes, rangeRefs, ranges: ranges.size, positionRefs: refs, positions: positions.size });
