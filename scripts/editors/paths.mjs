// Where the editor tests keep what they install: outside the project, so `npm ci` stays fast.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';

export const CODE_SERVER_VERSION = '4.100.3'; // newest code-server that runs on Node 20

export function editorsCache() {
  return process.env.TFJS_LINT_EDITORS_CACHE || path.join(os.homedir(), '.cache', 'tfjs-lint-editors');
}

export function codeServerDir() {
  return path.join(editorsCache(), `code-server-${CODE_SERVER_VERSION}`);
}

export function codeServerBin() {
  return path.join(codeServerDir(), 'node_modules', '.bin', 'code-server');
}

export function findExecutable(name) {
  for (const dir of (process.env.PATH || '').split(path.delimiter)) {
    const candidate = path.join(dir, name);
    try {
      fs.accessSync(candidate, fs.constants.X_OK);
      return candidate;
    } catch {
      // not here
    }
  }
  return null;
}
