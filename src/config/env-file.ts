import { existsSync } from 'node:fs';
import { resolve } from 'node:path';

/**
 * Loads `.env` from the folder the bot is started in, when there is one, as
 * `npm start` promises. A variable already set in the environment wins over
 * the file (a service manager's settings override a forgotten .env).
 */
export function loadEnvFile(folder = process.cwd()): void {
  const path = resolve(folder, '.env');
  if (existsSync(path)) process.loadEnvFile(path);
}
