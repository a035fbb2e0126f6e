import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

/**
 * The bot's real entry points (`npm start`, `npm run job`, …) as an operator
 * runs them: a child process with only the variables given, typed into on
 * stdin, read on stdout and stderr.
 */

export const ROOT = fileURLToPath(new URL('../..', import.meta.url));
/** PGlite boots in a few seconds; a slow CI machine gets plenty more. */
export const PROCESS_TIMEOUT = 60_000;

export interface Finished {
  code: number | null;
  signal: NodeJS.Signals | null;
  stdout: string;
  stderr: string;
}

export interface Started {
  child: ChildProcess;
  finished: Promise<Finished>;
  /** What the process printed so far. */
  output(): { stdout: string; stderr: string };
  /** Resolves once stdout contains `text` (rejects if the process ends first or the time runs out). */
  printed(text: string, timeoutMs?: number): Promise<void>;
  type(lines: string[]): void;
  endInput(): void;
}

/** A TypeScript entry point of the project (`src/main.ts` is `npm start`), with only the variables given. */
export function startScript(script: string, env: Record<string, string>, args: string[] = []): Started {
  const child = spawn(process.execPath, ['--import', 'tsx', script, ...args], {
    cwd: ROOT,
    env: { PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? tmpdir(), TMPDIR: tmpdir(), ...env },
    stdio: ['pipe', 'pipe', 'pipe'],
  });
  let stdout = '';
  let stderr = '';
  let ended = false;
  const waiters: (() => void)[] = [];
  const wake = () => waiters.splice(0).forEach((w) => w());
  child.stdout!.on('data', (chunk: Buffer) => ((stdout += chunk.toString('utf8')), wake()));
  child.stderr!.on('data', (chunk: Buffer) => (stderr += chunk.toString('utf8')));
  child.stdin!.on('error', () => {}); // a process that stops early closes its stdin under us
  const finished = new Promise<Finished>((resolve, reject) => {
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      reject(new Error(`${script} did not finish in ${PROCESS_TIMEOUT} ms\nstdout:\n${stdout}\nstderr:\n${stderr}`));
    }, PROCESS_TIMEOUT);
    child.on('error', reject);
    child.on('close', (code, signal) => {
      clearTimeout(timer);
      ended = true;
      wake();
      resolve({ code, signal, stdout, stderr });
    });
  });
  const printed = (text: string, timeoutMs = PROCESS_TIMEOUT) =>
    new Promise<void>((resolve, reject) => {
      const deadline = Date.now() + timeoutMs;
      const check = () => {
        if (stdout.includes(text)) return resolve();
        if (ended || Date.now() > deadline) return reject(new Error(`${script} never printed ${JSON.stringify(text)}\nstdout:\n${stdout}\nstderr:\n${stderr}`));
        waiters.push(check);
        setTimeout(check, Math.max(0, Math.min(1000, deadline - Date.now())));
      };
      check();
    });
  return {
    child,
    finished,
    output: () => ({ stdout, stderr }),
    printed,
    type: (lines) => void child.stdin!.write(lines.map((l) => `${l}\n`).join('')),
    endInput: () => void child.stdin!.end(),
  };
}

/** `npm start` (= src/main.ts) with only the variables given. */
export const startBot = (env: Record<string, string>, args: string[] = []): Started => startScript('src/main.ts', env, args);

/** Types the lines, ends the input and waits for the process to leave. */
export function runScript(script: string, env: Record<string, string>, lines: string[] = [], args: string[] = []): Promise<Finished> {
  const started = startScript(script, env, args);
  started.type(lines);
  started.endInput();
  return started.finished;
}

/** A folder of the test's own, removed by `removeTempDirs()` (call it in afterAll). */
const temps: string[] = [];
export function tempDir(prefix = 'bot-process-'): string {
  const dir = mkdtempSync(join(tmpdir(), prefix));
  temps.push(dir);
  return dir;
}
export function removeTempDirs(): void {
  for (const dir of temps.splice(0)) rmSync(dir, { recursive: true, force: true });
}

export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      server.close(() => resolve(port));
    });
  });
}

/** Polls until /healthz answers (the database boots first), or gives up. */
export async function healthz(port: number, exited: () => boolean): Promise<{ status: number; body: string }> {
  const deadline = Date.now() + PROCESS_TIMEOUT;
  let lastError: unknown;
  while (Date.now() < deadline && !exited()) {
    try {
      const response = await fetch(`http://127.0.0.1:${port}/healthz`);
      return { status: response.status, body: await response.text() };
    } catch (error) {
      lastError = error;
      await new Promise((resolve) => setTimeout(resolve, 200));
    }
  }
  throw new Error(`/healthz on port ${port} never answered: ${String(lastError)}`);
}

/** The non-blank lines of an output. */
export const lines = (text: string): string[] => text.split('\n').filter((l) => l.trim() !== '');
