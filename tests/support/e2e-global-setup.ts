import { useOwnTmpdir } from './global-setup.js';

/** The end-to-end run's temporary folders (code-server's profiles, Neovim's) go under one folder, removed at the end. */
export default function setup(): () => void {
  return useOwnTmpdir();
}
