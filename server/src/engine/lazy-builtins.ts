/**
 * Node built-ins that only some commands use, loaded when first used (process.getBuiltinModule, Node
 * 20.16+; the package needs 20.19). An import at the top of a module loads them at every start of the CLI:
 * node:child_process (with net, stream, dgram) and node:crypto took ~7 ms, a tenth of a one-file `check`,
 * which runs no git and hashes nothing.
 */
export function nodeCrypto(): typeof import('node:crypto') {
  return process.getBuiltinModule('node:crypto');
}

export function nodeChildProcess(): typeof import('node:child_process') {
  return process.getBuiltinModule('node:child_process');
}
