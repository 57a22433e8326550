// A real LSP client for tests: spawns `iac-review lsp --stdio` and talks JSON-RPC to it.
import { spawn, type ChildProcess } from 'node:child_process';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import {
  createProtocolConnection,
  StreamMessageReader,
  StreamMessageWriter,
  type ProtocolConnection,
} from 'vscode-languageserver-protocol/node';
import type {
  ClientCapabilities,
  CodeAction,
  Diagnostic,
  Hover,
  InitializeResult,
  PublishDiagnosticsParams,
  Range,
  TextDocumentContentChangeEvent,
} from 'vscode-languageserver-protocol';

export const CLI = join(import.meta.dirname, '..', '..', 'dist', 'cli.js');

export const CLIENT_CAPABILITIES: ClientCapabilities = {
  workspace: { configuration: false, workspaceEdit: { documentChanges: true }, didChangeWatchedFiles: { dynamicRegistration: false } },
  window: { workDoneProgress: true },
  textDocument: { publishDiagnostics: { relatedInformation: true, versionSupport: true }, hover: { contentFormat: ['markdown'] } },
};

export interface StartOptions {
  root: string;
  initializationOptions?: Record<string, unknown>;
  capabilities?: ClientCapabilities;
  /** Answers `workspace/configuration` (section iacReview). */
  settings?: Record<string, unknown>;
  /** The server process's environment (default: this process's). */
  env?: NodeJS.ProcessEnv;
}

type Waiter = { uri: string; test: (p: PublishDiagnosticsParams) => boolean; resolve: (p: PublishDiagnosticsParams) => void };

export class LspTestClient {
  /** Latest diagnostics per URI. */
  readonly diagnostics = new Map<string, Diagnostic[]>();
  /** Every publishDiagnostics, in order, with the time it arrived. */
  readonly published: Array<PublishDiagnosticsParams & { at: number }> = [];
  readonly progress: unknown[] = [];
  readonly log: string[] = [];
  /** window/logMessage notifications with their type (1 error … 4 log), in order. */
  readonly logMessages: Array<{ type: number; message: string }> = [];
  /** Messages the server asked the editor to show (window/showMessage, window/showMessageRequest), in order. */
  readonly shownMessages: Array<{ type: number; message: string }> = [];
  private waiters: Waiter[] = [];
  private readonly versions = new Map<string, number>();
  private exited: Promise<number | null>;

  private constructor(
    readonly connection: ProtocolConnection,
    readonly process: ChildProcess,
  ) {
    this.exited = new Promise((resolve) => process.on('exit', (code) => resolve(code)));
    connection.onNotification('textDocument/publishDiagnostics', (p: PublishDiagnosticsParams) => {
      this.diagnostics.set(p.uri, p.diagnostics);
      this.published.push({ ...p, at: performance.now() });
      const ready = this.waiters.filter((w) => w.uri === p.uri && w.test(p));
      this.waiters = this.waiters.filter((w) => !ready.includes(w));
      for (const w of ready) w.resolve(p);
    });
    connection.onNotification('window/logMessage', (p: { type: number; message: string }) => {
      this.log.push(p.message);
      this.logMessages.push({ type: p.type, message: p.message });
    });
    connection.onNotification('$/progress', (p: { value?: { kind?: string } }) => {
      this.progress.push(p);
      if (p.value?.kind === 'end') {
        this.progressEnds++;
        for (const resolve of this.progressWaiters.splice(0)) resolve();
      }
    });
    // window/showMessage and window/showMessageRequest (no actions chosen): what the editor would pop up.
    connection.onNotification('window/showMessage', (p: { type: number; message: string }) => void this.shownMessages.push(p));
    connection.onRequest('window/showMessageRequest', (p: { type: number; message: string }) => (this.shownMessages.push(p), null));
    connection.onRequest('window/workDoneProgress/create', () => null);
    connection.onRequest('client/registerCapability', () => null);
  }

  static async start(options: StartOptions): Promise<LspTestClient> {
    // The arguments vscode-languageclient passes (it appends the editor's process id).
    const child = spawn(process.execPath, [CLI, 'lsp', '--stdio', `--clientProcessId=${process.pid}`], { cwd: options.root, stdio: ['pipe', 'pipe', 'pipe'], ...(options.env ? { env: options.env } : {}) });
    const connection = createProtocolConnection(new StreamMessageReader(child.stdout!), new StreamMessageWriter(child.stdin!));
    const client = new LspTestClient(connection, child);
    child.stderr!.on('data', (d) => client.log.push(String(d)));
    if (options.settings) connection.onRequest('workspace/configuration', () => [options.settings]);
    connection.listen();
    const result: InitializeResult = await connection.sendRequest('initialize', {
      processId: process.pid,
      rootUri: uri(options.root),
      workspaceFolders: [{ uri: uri(options.root), name: 'root' }],
      capabilities: options.capabilities ?? CLIENT_CAPABILITIES,
      initializationOptions: options.initializationOptions ?? {},
    });
    client.initializeResult = result;
    await connection.sendNotification('initialized', {});
    return client;
  }

  initializeResult?: InitializeResult;
  private progressEnds = 0;
  private progressWaiters: Array<() => void> = [];

  /** Resolves when `count` work-done progresses (workspace reviews) have ended in all. */
  async waitForProgressEnd(count = 1, timeoutMs = 20_000): Promise<void> {
    const deadline = Date.now() + timeoutMs;
    while (this.progressEnds < count) {
      if (Date.now() > deadline) throw new Error(`only ${this.progressEnds} of ${count} progress ends within ${timeoutMs} ms`);
      await new Promise<void>((resolve) => {
        this.progressWaiters.push(resolve);
        setTimeout(resolve, 50);
      });
    }
  }

  /** Resolves with the next publishDiagnostics for `uri` that passes `test` (the latest one, if it already passed and `fresh` is false). */
  waitForDiagnostics(
    path: string,
    test: (p: PublishDiagnosticsParams) => boolean = () => true,
    { timeoutMs = 10_000, fresh = true } = {},
  ): Promise<PublishDiagnosticsParams> {
    const u = uri(path);
    const current = this.diagnostics.get(u);
    if (!fresh && current && test({ uri: u, diagnostics: current })) return Promise.resolve({ uri: u, diagnostics: current });
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => {
        this.waiters = this.waiters.filter((w) => w !== waiter);
        reject(new Error(`no matching diagnostics for ${path} within ${timeoutMs} ms; latest: ${JSON.stringify(this.diagnostics.get(u))}\nserver log:\n${this.log.join('\n')}`));
      }, timeoutMs);
      const waiter: Waiter = {
        uri: u,
        test,
        resolve: (p) => {
          clearTimeout(timer);
          resolve(p);
        },
      };
      this.waiters.push(waiter);
    });
  }

  async open(path: string, text: string, languageId = 'terraform'): Promise<void> {
    this.versions.set(uri(path), 1);
    await this.connection.sendNotification('textDocument/didOpen', { textDocument: { uri: uri(path), languageId, version: 1, text } });
  }

  /** Sends an edit; returns the new version. */
  async change(path: string, changes: TextDocumentContentChangeEvent[]): Promise<number> {
    const version = (this.versions.get(uri(path)) ?? 1) + 1;
    this.versions.set(uri(path), version);
    await this.connection.sendNotification('textDocument/didChange', { textDocument: { uri: uri(path), version }, contentChanges: changes });
    return version;
  }

  async save(path: string): Promise<void> {
    await this.connection.sendNotification('textDocument/didSave', { textDocument: { uri: uri(path) } });
  }

  async close(path: string): Promise<void> {
    this.versions.delete(uri(path));
    await this.connection.sendNotification('textDocument/didClose', { textDocument: { uri: uri(path) } });
  }

  codeActions(path: string, range: Range, diagnostics: Diagnostic[] = []): Promise<CodeAction[] | null> {
    return this.connection.sendRequest('textDocument/codeAction', { textDocument: { uri: uri(path) }, range, context: { diagnostics } });
  }

  hover(path: string, line: number, character: number): Promise<Hover | null> {
    return this.connection.sendRequest('textDocument/hover', { textDocument: { uri: uri(path) }, position: { line, character } });
  }

  /** shutdown + exit; resolves with the process exit code. */
  async stop(): Promise<number | null> {
    await this.connection.sendRequest('shutdown');
    await this.connection.sendNotification('exit');
    const code = await this.exited;
    this.connection.dispose();
    return code;
  }

  kill(): void {
    this.process.kill();
    this.connection.dispose();
  }
}

export function uri(path: string): string {
  return pathToFileURL(path).href;
}
