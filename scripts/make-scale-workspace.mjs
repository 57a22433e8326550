// The 20,000-file workspace of issue 17's acceptance: the repositories of a corpus (make-corpus.py's output,
// one folder per repository) copied side by side — OUT/copy-001/<repo>, OUT/copy-002/<repo>, … — until OUT
// holds at least FILES Terraform source files (.tf, .tofu, .tfvars). Links are copied as links.
// usage: node scripts/make-scale-workspace.mjs CORPUS OUT [FILES=20000]; then, e.g.,
//   BENCH_PROCESS_ONLY=1 npm run bench OUT
import { cpSync, existsSync, readdirSync } from 'node:fs';
import { join, resolve } from 'node:path';

const [source, out, wanted = '20000'] = process.argv.slice(2);
if (!source || !out) {
  console.error('usage: node scripts/make-scale-workspace.mjs CORPUS OUT [FILES=20000]');
  process.exit(2);
}
if (existsSync(out) && readdirSync(out).length) {
  console.error(`${out} is not empty`);
  process.exit(2);
}

function countSources(dir) {
  let n = 0;
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    if (entry.isDirectory()) n += countSources(join(dir, entry.name));
    else if (/\.(tf|tofu)$|\.tfvars$/.test(entry.name)) n++;
  }
  return n;
}

const perCopy = countSources(resolve(source));
if (perCopy === 0) throw new Error(`${source} holds no Terraform files`);
const copies = Math.ceil(Number(wanted) / perCopy);
for (let c = 1; c <= copies; c++) cpSync(resolve(source), join(resolve(out), `copy-${String(c).padStart(3, '0')}`), { recursive: true, verbatimSymlinks: true });
console.log(`${out}: ${copies} copies of ${source}, ${copies * perCopy} source files`);
