import { readFile, stat, writeFile } from 'node:fs/promises';
import { basename, dirname, join, resolve } from 'node:path';
import { MAX_IMPORT_BYTES, fileBytes, type AttachedFile, type FileToSend } from '../../src/bot/face.ts';

/**
 * The console's files: what `/import leads <path>` names, read from this
 * machine (no larger than the bot takes: a larger one is handed over by its
 * size only, and refused by it), and a reply's file written beside it.
 */
export async function readLocalFile(path: string): Promise<AttachedFile> {
  const full = resolve(path);
  const { size } = await stat(full);
  return { name: basename(full), size, bytes: size > MAX_IMPORT_BYTES ? null : new Uint8Array(await readFile(full)) };
}

/** Writes the reply's file into `folder` (the imported file's), and says where. */
export async function writeLocalFile(folder: string, file: FileToSend): Promise<string> {
  const path = join(folder, basename(file.name));
  await writeFile(path, fileBytes(file));
  return path;
}

export const folderOf = (path: string): string => dirname(resolve(path));
