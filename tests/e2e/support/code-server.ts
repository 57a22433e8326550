import { execFile, spawn, type ChildProcess } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';

export const REPO_ROOT = join(import.meta.dirname, '..', '..', '..');
export const CODE_SERVER = join(REPO_ROOT, '.vscode-test/code-server/node_modules/.bin/code-server');
export const VSIX = join(REPO_ROOT, 'iac-review.vsix');
export const FIXTURE_WORKSPACE = join(REPO_ROOT, 'test-fixtures/e2e-workspace');

/** A scratch directory per run: workspace copy, user data, extensions, XDG dirs. */
export interface Sandbox {
  root: string;
  workspace: string;
  userDataDir: string;
  extensionsDir: string;
  env: NodeJS.ProcessEnv;
}

export function createSandbox(): Sandbox {
  const root = mkdtempSync(join(tmpdir(), 'iac-review-e2e-'));
  const workspace = join(root, 'workspace');
  cpSync(FIXTURE_WORKSPACE, workspace, { recursive: true });
  const userDataDir = join(root, 'user-data');
  const extensionsDir = join(root, 'extensions');
  mkdirSync(join(userDataDir, 'User'), { recursive: true });
  mkdirSync(extensionsDir);
  writeFileSync(
    join(userDataDir, 'User', 'settings.json'),
    JSON.stringify({
      'workbench.startupEditor': 'none',
      'workbench.tips.enabled': false,
      'telemetry.telemetryLevel': 'off',
      'extensions.autoUpdate': false,
      'extensions.autoCheckUpdates': false,
      'security.workspace.trust.enabled': false,
      'update.mode': 'none',
    }),
  );
  const env = {
    ...process.env,
    XDG_CONFIG_HOME: join(root, 'xdg-config'),
    XDG_DATA_HOME: join(root, 'xdg-data'),
    XDG_CACHE_HOME: join(root, 'xdg-cache'),
  };
  return { root, workspace, userDataDir, extensionsDir, env };
}

/** Installs the packaged .vsix into the sandbox's extensions dir; fails unless it lands there. */
export async function installVsix(sandbox: Sandbox, vsix = VSIX): Promise<string> {
  if (!existsSync(vsix)) throw new Error(`${vsix} does not exist: run npm run package first`);
  const { stdout, stderr } = await promisify(execFile)(
    CODE_SERVER,
    ['--user-data-dir', sandbox.userDataDir, '--extensions-dir', sandbox.extensionsDir, '--install-extension', vsix],
    { env: sandbox.env, timeout: 120_000 },
  );
  const installed = readdirSync(sandbox.extensionsDir).find((d) => d.startsWith('iac-review.iac-review-'));
  if (!installed) throw new Error(`the .vsix was not installed:\n${stdout}\n${stderr}`);
  return join(sandbox.extensionsDir, installed);
}

async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() => (typeof address === 'object' && address ? resolve(address.port) : reject(new Error('no port'))));
    });
  });
}

export interface RunningCodeServer {
  port: number;
  /** `http://127.0.0.1:PORT` */
  origin: string;
  /** Everything code-server printed so far. */
  output(): string;
  stop(): Promise<void>;
}

/** Starts code-server on a free port for the sandbox's workspace and waits for /healthz. */
export async function startCodeServer(sandbox: Sandbox, extraEnv: NodeJS.ProcessEnv = {}): Promise<RunningCodeServer> {
  const port = await freePort();
  const origin = `http://127.0.0.1:${port}`;
  let output = '';
  // Its own process group, so stop() also ends the extension host and the language server it started.
  const child: ChildProcess = spawn(
    CODE_SERVER,
    [
      '--bind-addr', `127.0.0.1:${port}`,
      '--auth', 'none',
      '--user-data-dir', sandbox.userDataDir,
      '--extensions-dir', sandbox.extensionsDir,
      '--disable-telemetry',
      '--disable-update-check',
      '--disable-workspace-trust',
      sandbox.workspace,
    ],
    { env: { ...sandbox.env, ...extraEnv }, detached: true, stdio: ['ignore', 'pipe', 'pipe'] },
  );
  child.stdout?.on('data', (d: Buffer) => (output += d.toString()));
  child.stderr?.on('data', (d: Buffer) => (output += d.toString()));
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));

  const stop = async () => {
    if (child.exitCode !== null || child.signalCode !== null || child.pid === undefined) return;
    try {
      process.kill(-child.pid, 'SIGTERM');
    } catch {
      return; // already gone
    }
    const timeout = setTimeout(() => {
      try {
        process.kill(-child.pid!, 'SIGKILL');
      } catch {
        // gone meanwhile
      }
    }, 5_000);
    await exited;
    clearTimeout(timeout);
  };

  const deadline = Date.now() + 60_000;
  for (;;) {
    if (child.exitCode !== null) throw new Error(`code-server exited with ${child.exitCode}:\n${output}`);
    try {
      const res = await fetch(`${origin}/healthz`);
      if (res.ok) break;
    } catch {
      // not listening yet
    }
    if (Date.now() > deadline) {
      await stop();
      throw new Error(`code-server did not answer /healthz within 60 s:\n${output}`);
    }
    await new Promise((r) => setTimeout(r, 250));
  }
  return { port, origin, output: () => output, stop };
}

/** The text of the extension's "IaC Review" output channel, as code-server logged it (empty if none yet). */
export function outputChannelLog(sandbox: Sandbox, channel = 'IaC Review'): string {
  const found: string[] = [];
  const walk = (dir: string) => {
    if (!existsSync(dir)) return;
    for (const entry of readdirSync(dir, { withFileTypes: true })) {
      const p = join(dir, entry.name);
      if (entry.isDirectory()) walk(p);
      else if (entry.name === `${channel}.log`) found.push(readFileSync(p, 'utf8'));
    }
  };
  walk(join(sandbox.userDataDir, 'logs'));
  return found.join('\n');
}
