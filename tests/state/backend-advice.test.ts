import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { analyzeWorkspace } from '../../server/src/engine/analyze.js';
import remoteBackend from '../../rules/state/remote-backend.js';

/** The state/remote-backend messages for one root module written as `main.tf`. */
function messages(main: string): string[] {
  const dir = mkdtempSync(join(tmpdir(), 'backend-advice-'));
  mkdirSync(join(dir, 'live'));
  writeFileSync(join(dir, 'live', 'main.tf'), main);
  const result = analyzeWorkspace({ cwd: dir, paths: [dir], rules: [remoteBackend] });
  return result.findings.map((f) => f.message);
}

describe('state/remote-backend advice follows the providers the module uses', () => {
  it('suggests the backend of the one cloud in use', () => {
    const [azure] = messages('provider "azurerm" {\n  features {}\n}\nresource "azurerm_resource_group" "rg" {\n  name = "rg"\n}\n');
    expect(azure).toContain('backend "azurerm"');
    expect(azure).not.toContain('"s3"');
    const [google] = messages('provider "google-beta" {\n  project = "p"\n}\nresource "google_pubsub_topic" "t" {\n  provider = google-beta\n  name = "t"\n}\n');
    expect(google).toContain('backend "gcs"');
    const [aws] = messages('provider "aws" {\n  region = "eu-west-1"\n}\n');
    expect(aws).toContain('backend "s3"');
    expect(aws).toContain('use_lockfile = true');
  });

  it('is generic for no cloud provider or several, also for backend "local"', () => {
    const [none] = messages('provider "kubernetes" {\n  config_path = "~/.kube/config"\n}\n');
    expect(none).toContain('`s3`, `gcs`, `azurerm`');
    const [mixed] = messages('provider "aws" {\n  region = "eu-west-1"\n}\nprovider "google" {\n  project = "p"\n}\n');
    expect(mixed).toContain('`s3`, `gcs`, `azurerm`');
    const [local] = messages('terraform {\n  backend "local" {}\n}\nprovider "google" {\n  project = "p"\n}\n');
    expect(local).toContain('backend "local"');
    expect(local).toContain('backend "gcs"');
  });
});
