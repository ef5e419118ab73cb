// code-server (VS Code 1.100 served to a browser) with all of its state in one work folder.
import fs from 'node:fs';
import net from 'node:net';
import path from 'node:path';
import { isolatedEnv } from './env';
import { Background, delay, run, startBackground } from './processes';

export interface CodeServer {
  url: string;
  host: string;
  port: number;
  extensionsDir: string;
  log(): string;
  stop(): Promise<void>;
}

export interface CodeServerDirs {
  work: string;
  userDataDir: string;
  extensionsDir: string;
  env: NodeJS.ProcessEnv;
}

/** The user settings that keep the workbench quiet and the screenshots about tfjs-lint. */
const userSettings = {
  'workbench.startupEditor': 'none',
  'workbench.tips.enabled': false,
  'workbench.enableExperiments': false,
  'workbench.welcomePage.walkthroughs.openOnInstall': false,
  'workbench.colorTheme': 'Default Light Modern',
  'workbench.secondarySideBar.defaultVisibility': 'hidden',
  'chat.commandCenter.enabled': false,
  'telemetry.telemetryLevel': 'off',
  'extensions.autoUpdate': false,
  'extensions.autoCheckUpdates': false,
  'extensions.ignoreRecommendations': true,
  'update.mode': 'none',
  'security.workspace.trust.enabled': false,
  'editor.minimap.enabled': false,
  'editor.fontSize': 15,
  'files.autoSave': 'off',
  'git.enabled': false,
};

export function codeServerDirs(work: string, extraEnv: Record<string, string> = {}): CodeServerDirs {
  const userDataDir = path.join(work, 'user-data');
  const extensionsDir = path.join(work, 'extensions');
  fs.mkdirSync(path.join(userDataDir, 'User'), { recursive: true });
  fs.mkdirSync(extensionsDir, { recursive: true });
  fs.writeFileSync(path.join(userDataDir, 'User', 'settings.json'), JSON.stringify(userSettings, null, 2));
  return { work, userDataDir, extensionsDir, env: isolatedEnv(work, extraEnv) };
}

function commonArgs(dirs: CodeServerDirs): string[] {
  return ['--user-data-dir', dirs.userDataDir, '--extensions-dir', dirs.extensionsDir];
}

/** `code-server --install-extension file.vsix`; returns the folder it was unpacked to. */
export async function installExtension(bin: string, dirs: CodeServerDirs, vsix: string): Promise<string> {
  const before = new Set(fs.readdirSync(dirs.extensionsDir));
  const done = await run(bin, [...commonArgs(dirs), '--install-extension', vsix, '--force'], {
    env: dirs.env,
    cwd: dirs.work,
    timeoutMs: 120_000,
  });
  if (done.code !== 0 || done.timedOut) {
    throw new Error(`--install-extension ${vsix} failed (code ${done.code}${done.timedOut ? ', timed out' : ''}):\n${done.stdout}\n${done.stderr}`);
  }
  const added = fs.readdirSync(dirs.extensionsDir).filter((d) => !before.has(d) && !d.startsWith('.') && d !== 'extensions.json');
  if (added.length !== 1) throw new Error(`expected one new extension folder, got [${added.join(', ')}]:\n${done.stdout}`);
  return path.join(dirs.extensionsDir, added[0]);
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.on('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as net.AddressInfo;
      server.close(() => resolve(port));
    });
  });
}

export async function startCodeServer(bin: string, dirs: CodeServerDirs, timeoutMs = 60_000): Promise<CodeServer> {
  const host = '127.0.0.1';
  const port = await freePort();
  const config = path.join(dirs.work, 'code-server.yaml');
  fs.writeFileSync(config, `bind-addr: ${host}:${port}\nauth: none\ncert: false\n`);
  const proc: Background = startBackground(
    bin,
    ['--config', config, ...commonArgs(dirs), '--disable-telemetry', '--disable-update-check', '--disable-workspace-trust',
      '--disable-getting-started-override'],
    { env: dirs.env, cwd: dirs.work },
  );
  const url = `http://${host}:${port}`;
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    if (proc.child.exitCode !== null) throw new Error(`code-server exited (${proc.child.exitCode}):\n${proc.output()}`);
    try {
      const res = await fetch(`${url}/healthz`, { signal: AbortSignal.timeout(2000) });
      if (res.ok) break;
    } catch {
      // not listening yet
    }
    if (Date.now() > deadline) {
      await proc.stop();
      throw new Error(`code-server did not answer /healthz within ${timeoutMs} ms:\n${proc.output()}`);
    }
    await delay(250);
  }
  return { url, host, port, extensionsDir: dirs.extensionsDir, log: proc.output, stop: proc.stop };
}
