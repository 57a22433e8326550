/** What the CLI needs from its process: injected so tests can run it in-process. */
export interface CliIO {
  cwd: string;
  env: Readonly<Record<string, string | undefined>>;
  /** Whether stdout is a terminal (colour in the text format). */
  stdoutIsTTY: boolean;
  stdout(text: string): void;
  stderr(text: string): void;
}

export function processIO(): CliIO {
  return {
    cwd: process.cwd(),
    env: process.env,
    stdoutIsTTY: process.stdout.isTTY === true,
    stdout: (text) => void process.stdout.write(text),
    stderr: (text) => void process.stderr.write(text),
  };
}
