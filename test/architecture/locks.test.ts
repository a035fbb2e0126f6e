import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import ts from 'typescript';
import { describe, expect, it } from 'vitest';

/**
 * "Locks are only possible on a transaction's repositories, by type":
 * fixtures/locks-by-type.ts asks for every lock the store has, outside a
 * transaction (each marked `@ts-expect-error`) and inside one. These tests
 * type-check that file with the project's compiler options, as `npx tsc`
 * does, and once more with the markers taken out, to see that each marked
 * line fails for the reason it claims (too many arguments, or no such
 * method) and nothing else does.
 */

const ROOT = fileURLToPath(new URL('../../', import.meta.url));
const FIXTURE = fileURLToPath(new URL('./fixtures/locks-by-type.ts', import.meta.url));

function compilerOptions(): ts.CompilerOptions {
  const config = ts.readConfigFile(`${ROOT}tsconfig.json`, ts.sys.readFile);
  return ts.parseJsonConfigFileContent(config.config, ts.sys, ROOT).options;
}

/** The fixture's diagnostics, as `line: code text`, when its text is `text`. */
function diagnosticsOf(text: string): string[] {
  const options = compilerOptions();
  const host = ts.createCompilerHost(options);
  const original = host.getSourceFile.bind(host);
  host.getSourceFile = (fileName, language, ...rest) =>
    ts.sys.resolvePath(fileName) === ts.sys.resolvePath(FIXTURE) ? ts.createSourceFile(fileName, text, language) : original(fileName, language, ...rest);
  const program = ts.createProgram([FIXTURE], options, host);
  return ts
    .getPreEmitDiagnostics(program)
    .map((d) => {
      const where = d.file && d.start !== undefined ? `${d.file.fileName === FIXTURE ? '' : `${d.file.fileName}:`}${d.file.getLineAndCharacterOfPosition(d.start).line + 1}` : '?';
      return `${where}: TS${d.code} ${ts.flattenDiagnosticMessageText(d.messageText, ' ').slice(0, 80)}`;
    });
}

const text = readFileSync(FIXTURE, 'utf8');
const lines = text.split('\n');
const MARKER = /^\s*\/\/ @ts-expect-error /;

describe('locks by type', () => {
  it('type-checks the fixture cleanly: every lock outside a transaction is refused, every one inside accepted', () => {
    expect(diagnosticsOf(text)).toEqual([]);
  });

  it('refuses each marked lock for the reason it claims, and only those', () => {
    const unmarked = lines.map((l) => (MARKER.test(l) ? '' : l)).join('\n');
    const expected = lines.flatMap((l, i) => {
      if (!MARKER.test(l)) return [];
      // The call on the next line: too many arguments for a read without its lock, no such method at all, or
      // (findClient with a lock) repositories that are not a transaction's.
      const call = lines[i + 1] ?? '';
      const code = /\.hold\w+\(/.test(call) ? 'TS2339' : /findClient\(/.test(call) ? 'TS2345' : 'TS2554';
      return [`${i + 2}: ${code}`];
    });
    expect(expected).toHaveLength(13);
    expect(diagnosticsOf(unmarked).map((d) => d.split(' ', 2).join(' '))).toEqual(expected);
  });
});
