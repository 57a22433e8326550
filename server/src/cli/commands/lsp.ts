import { LSP_HELP } from '../help.js';
import type { CliIO } from '../io.js';
import { EXIT_OK, parseCommandArgs, UsageError } from '../usage.js';

/** `iac-review lsp --stdio`: starts the language server; the process then lives as long as the connection. */
export function runLsp(args: string[], io: CliIO, start: () => void): number {
  const { values, positionals } = parseCommandArgs('lsp', args, {
    stdio: { type: 'boolean' },
    // LSP clients (vscode-languageclient) pass the editor's process id; vscode-languageserver watches it and exits with the editor.
    clientProcessId: { type: 'string' },
    help: { type: 'boolean', short: 'h' },
  });
  if (values.help) {
    io.stdout(LSP_HELP);
    return EXIT_OK;
  }
  if (positionals.length) throw new UsageError(`unexpected argument "${positionals[0]}".`, 'lsp');
  if (!values.stdio) throw new UsageError('the language server talks over stdio only: run `iac-review lsp --stdio`.', 'lsp');
  start();
  return EXIT_OK;
}
