import { reviewLoadedModule } from '../server/src/engine/analyze.js';
import { loadModule } from '../server/src/engine/workspace/module-loader.js';
import { readFileSync } from 'node:fs';
import { defaultConfig } from '../server/src/engine/config/load-config.js';
import { parseSource } from '../server/src/engine/parse/parse-file.js';
const file = '/tmp/big2/main.tf';
const text = readFileSync(file, 'utf8');
const host = { workspaceRoot: '/tmp/big2', readText: (p: string) => (p === file ? { ok: true, text } : { ok: false, error: 'x' }), readDirectory: (p: string) => (p === '/tmp/big2' ? [{ name: 'main.tf', isDirectory: false }] : undefined) } as any;
const cached = parseSource(file, text);
const parsed = { get: () => cached, previous: () => cached, set() {} };
const times: number[] = [];
for (let k = 0; k < 40; k++) {
  const t = performance.now();
  reviewLoadedModule(loadModule({ dir: '/tmp/big2', configFiles: [file], varFiles: [] } as any, host, parsed), { host, config: defaultConfig('/tmp/big2'), fixes: 'lazy' } as any);
  if (k >= 10) times.push(performance.now() - t);
}
times.sort((a, b) => a - b);
console.log('cached parse: median', times[15]!.toFixed(1), 'p95', times[28]!.toFixed(1));
