import { describe, expect, it } from 'vitest';
import { parseSource } from '../../server/src/engine/parse/parse-file.js';
import { buildModule } from '../../server/src/engine/model/build-module.js';

const MAIN = `data "http" "top" {
  url = "https://example.com"
}

check "health" {
  data "http" "probe" {
    provider = http.internal
    url      = "https://example.com/health"
  }
  data "http" {
    url = "a block without a name is not indexed"
  }
  assert {
    condition     = data.http.probe.status_code == 200
    error_message = "down"
  }
}
`;

describe('data sources scoped to check blocks', () => {
  const module = buildModule('/m', [parseSource('/m/main.tf', MAIN)], []);

  it('are in the model, with their address and provider', () => {
    expect(module.scopedDataSources.map((d) => [d.address, d.mode, d.provider])).toEqual([
      ['data.http.probe', 'data', { name: 'http', alias: 'internal' }],
    ]);
  });

  it('are not module-level data sources: nothing outside their check block can refer to them', () => {
    expect(module.dataSources.map((d) => d.address)).toEqual(['data.http.top']);
    expect(module.byAddress.has('data.http.probe')).toBe(false);
  });
});
