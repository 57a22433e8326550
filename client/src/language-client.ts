import * as path from 'node:path';
import { workspace, type ExtensionContext, type LogOutputChannel } from 'vscode';
import {
  CloseAction,
  LanguageClient,
  TransportKind,
  type DocumentSelector,
  type ErrorHandler,
  type LanguageClientOptions,
  type Middleware,
  type ServerOptions,
} from 'vscode-languageclient/node';

/**
 * Terraform and OpenTofu files on disk. The language ids cover HashiCorp's and
 * the OpenTofu extension's ids (and ours, contributed in package.json); the
 * pattern catches the files when another extension maps them to a different
 * language, and the JSON syntax forms, which are ordinary `json` documents.
 */
export const DOCUMENT_SELECTOR: DocumentSelector = [
  { scheme: 'file', language: 'terraform' },
  { scheme: 'file', language: 'terraform-vars' },
  { scheme: 'file', language: 'opentofu' },
  { scheme: 'file', pattern: '**/*.{tf,tofu,tfvars,tf.json,tofu.json,tfvars.json}' },
  // Policy files (SPEC §11): the server reports their problems with line and column, unsaved edits included.
  { scheme: 'file', pattern: '**/*.policy.json' },
  // An open configuration is checked from its buffer, whatever the file watcher saw: VS Code's watcher can miss a
  // file created together with its folder (parcel-bundler/watcher#97), and unsaved edits are checked as typed.
  { scheme: 'file', pattern: '**/.iac-review.json' },
];

/** The client id doubles as the settings prefix: `iacReview.trace.server` works through it. */
export const CLIENT_ID = 'iacReview';
export const CLIENT_NAME = 'IaC Review';

/** A client for the language server bundled in the extension (`dist/cli.js lsp --stdio`). */
export function createLanguageClient(
  context: ExtensionContext,
  outputChannel: LogOutputChannel,
  middleware: Middleware,
  clientCommands: readonly string[],
): LanguageClient {
  const serverModule = context.asAbsolutePath(path.join('dist', 'cli.js'));
  // The stdio transport appends `--stdio` to the arguments.
  const serverOptions: ServerOptions = {
    module: serverModule,
    args: ['lsp'],
    transport: TransportKind.stdio,
  };
  const clientOptions: LanguageClientOptions = {
    documentSelector: DOCUMENT_SELECTOR,
    synchronize: { configurationSection: CLIENT_ID },
    // Commands the server's code actions may name (other editors have none of them).
    // Workspace trust decides whether the server may run git (the editor's change checks, SPEC §7).
    // VS Code's JSON service reports syntax errors in .iac-review.json (it is a jsonc document): the server leaves those out.
    initializationOptions: { clientCommands, trusted: workspace.isTrusted, jsonSyntaxErrors: 'client', configSchemaErrors: 'client' },
    outputChannel,
    middleware,
    errorHandler: noRestartBeforeReady(() => client),
  };
  const client = new LanguageClient(CLIENT_ID, CLIENT_NAME, serverOptions, clientOptions);
  return client;
}

/**
 * A server that exits before it ever answered `initialize` would fail the same
 * way again: it is not restarted (and the client's start() fails instead of
 * waiting through the restarts). A server that crashes later gets the default
 * restarts.
 */
function noRestartBeforeReady(client: () => LanguageClient): ErrorHandler {
  let defaults: ErrorHandler | undefined;
  const fallback = () => (defaults ??= client().createDefaultErrorHandler());
  return {
    error: (error, message, count) => fallback().error(error, message, count),
    closed: () =>
      client().initializeResult === undefined
        ? { action: CloseAction.DoNotRestart, message: 'The IaC Review server exited before it was ready; see the lines above.' }
        : fallback().closed(),
  };
}
