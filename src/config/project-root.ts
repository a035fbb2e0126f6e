import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

/**
 * The project's folder (the one holding package.json), the same whether this
 * file runs as TypeScript from src/ (tests, `npm run dev`) or compiled from
 * dist/src/ (`npm start`): files shipped beside the code, such as the sample
 * org in examples/, are found from here.
 */
export const PROJECT_ROOT = findUp(dirname(fileURLToPath(import.meta.url)));

function findUp(from: string): string {
  for (let dir = from; ; dir = dirname(dir)) {
    if (existsSync(join(dir, 'package.json'))) return dir;
    if (dirname(dir) === dir) throw new Error(`no package.json above ${from}`);
  }
}
