import { Disposable, EventEmitter, window, workspace, type Event, type ExtensionContext, type LogOutputChannel } from 'vscode';
import { State, type LanguageClient, type Middleware } from 'vscode-languageclient/node';
import { CLIENT_ID, createLanguageClient } from './language-client';

/** What a command that needs the server says when it is not running. */
export const SERVER_NOT_RUNNING = 'IaC Review is not running (see the iacReview.enable setting).';

/**
 * Owns the language client: runs it while `iacReview.enable` is true, stops it
 * when the setting turns false, and tells the features which client is current.
 */
export class ServerController implements Disposable {
  private client: LanguageClient | undefined;
  /** Serialises starts and stops: a setting toggled twice quickly must not leave two servers. */
  private transition: Promise<void> = Promise.resolve();
  private readonly changed = new EventEmitter<LanguageClient | undefined>();
  private readonly configListener: Disposable;
  private readonly middlewares: Middleware[] = [this.noConfigurationSyncWhileDisabled()];
  private readonly clientCommands: string[] = [];

  /** Fires with the running client after a start, `undefined` after a stop. */
  readonly onDidChangeClient: Event<LanguageClient | undefined> = this.changed.event;

  constructor(
    private readonly context: ExtensionContext,
    private readonly output: LogOutputChannel,
  ) {
    this.configListener = Disposable.from(
      workspace.onDidChangeConfiguration((e) => {
        if (e.affectsConfiguration(`${CLIENT_ID}.enable`)) void this.applyEnableSetting();
      }),
      // The server learns at initialize whether it may run git (the change checks); trust granted later
      // (it is never taken back without a reload) starts a server that knows.
      workspace.onDidGrantWorkspaceTrust(() => void this.restartTrusted()),
    );
  }

  private restartTrusted(): Promise<void> {
    if (!this.client) return this.transition;
    this.output.info('Workspace trusted: restarting the server so that the change checks can run.');
    return this.enqueue(async () => {
      await this.stop();
      if (isEnabled()) await this.start();
    });
  }

  /** The running client, if any. */
  get current(): LanguageClient | undefined {
    return this.client;
  }

  /** The running client; when there is none, the user is told why a command did nothing. */
  currentOrWarn(): LanguageClient | undefined {
    if (!this.client) void window.showWarningMessage(SERVER_NOT_RUNNING);
    return this.client;
  }

  /** Features add their middleware before the first start. */
  addMiddleware(middleware: Middleware): void {
    this.middlewares.push(middleware);
  }

  /** Tells the server (at initialize) that it may offer code actions running this command. */
  advertiseCommand(command: string): void {
    this.clientCommands.push(command);
  }

  /** Starts or stops the server to match `iacReview.enable`. */
  applyEnableSetting(): Promise<void> {
    return this.enqueue(() => (isEnabled() ? this.start() : this.stop()));
  }

  /**
   * Turning `iacReview.enable` off stops the server; the client's own settings
   * sync would meanwhile try to send the change to a stopping server.
   */
  private noConfigurationSyncWhileDisabled(): Middleware {
    return {
      workspace: {
        didChangeConfiguration: async (sections, next) => {
          if (isEnabled()) await next(sections);
        },
      },
    };
  }

  dispose(): Promise<void> {
    this.configListener.dispose();
    const stopped = this.enqueue(() => this.stop());
    this.changed.dispose();
    return stopped;
  }

  private enqueue(step: () => Promise<void>): Promise<void> {
    this.transition = this.transition.then(step, step);
    return this.transition;
  }

  private async start(): Promise<void> {
    if (this.client) return;
    const started = performance.now();
    const client = createLanguageClient(this.context, this.output, mergeMiddleware(this.middlewares), this.clientCommands);
    this.client = client;
    try {
      await startedOrFailed(client);
    } catch (error) {
      this.client = undefined;
      this.output.error(`The IaC Review server did not start: ${String(error)}`);
      return;
    }
    this.output.info(`Server ready ${Math.round(performance.now() - started)} ms after start was requested.`);
    this.changed.fire(client);
  }

  private async stop(): Promise<void> {
    const client = this.client;
    if (!client) return;
    this.client = undefined;
    this.changed.fire(undefined);
    try {
      await client.stop();
    } catch (error) {
      this.output.warn(`The IaC Review server did not stop cleanly: ${String(error)}`);
    }
    this.output.info('Server stopped.');
  }
}

/**
 * client.start(), except that it also fails when the server exits before it is
 * ready: the client then ends in StartFailed while start() itself never settles.
 */
function startedOrFailed(client: LanguageClient): Promise<void> {
  return new Promise((resolve, reject) => {
    const watch = client.onDidChangeState(({ newState }) => {
      if (newState === State.StartFailed || newState === State.Stopped) {
        watch.dispose();
        reject(new Error('the server exited before it was ready'));
      }
    });
    client.start().then(
      () => {
        watch.dispose();
        resolve();
      },
      (error: unknown) => {
        watch.dispose();
        reject(error);
      },
    );
  });
}

/** `iacReview.enable`, default true. */
export function isEnabled(): boolean {
  return workspace.getConfiguration(CLIENT_ID).get<boolean>('enable', true);
}

/** One middleware from several features; two features wrapping the same hook is a wiring mistake. */
function mergeMiddleware(parts: Middleware[]): Middleware {
  const merged: Record<string, unknown> = {};
  for (const part of parts) {
    for (const [hook, fn] of Object.entries(part)) {
      if (hook in merged) throw new Error(`Two features wrap the language client's ${hook}`);
      merged[hook] = fn;
    }
  }
  return merged as Middleware;
}
