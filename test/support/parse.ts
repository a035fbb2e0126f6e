import type { InputIssue } from '../../src/grammar/issues.ts';
import { parseCommand, type Command, type ParseContext } from '../../src/commands/registry.ts';

/** The command, or the test fails showing the issues that stopped it. */
export function command(text: string, ctx?: ParseContext): Command {
  const parsed = parseCommand(text, ctx);
  if (!parsed.ok) throw new Error(`expected ${JSON.stringify(text)} to parse, got ${JSON.stringify(parsed.issues)}`);
  return parsed.value;
}

/** The issues, or the test fails showing the command that was accepted. */
export function issues(text: string, ctx?: ParseContext): InputIssue[] {
  const parsed = parseCommand(text, ctx);
  if (parsed.ok) throw new Error(`expected ${JSON.stringify(text)} to be refused, got ${JSON.stringify(parsed.value)}`);
  return parsed.issues;
}
