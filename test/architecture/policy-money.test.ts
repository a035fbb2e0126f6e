import { readdirSync, readFileSync } from 'node:fs';
import { posix } from 'node:path';
import { fileURLToPath } from 'node:url';
import ts from 'typescript';
import { describe, expect, it } from 'vitest';

/**
 * The Policy carries money in fen and the percents the core compares in
 * basis points, converted once when the policy file is read (src/config).
 * A `* 100` anywhere else is a second conversion waiting to happen: on a
 * policy value it makes a rule 100 times off without a sound. So this reads
 * src/ and adapters/ (with the TypeScript parser, so comments and strings
 * do not count) and reports every multiplication by 100:
 * - on a value read from a `policy`, anywhere but where the policy is
 *   converted (src/config, and yuanToFen / percentToBp in src/core/policy.ts);
 * - on anything in src/, but for the edges that read units people write:
 *   those two, and src/commands (amounts typed in chat). The core, the views,
 *   the jobs and the bot only ever see fen and basis points, so this also
 *   catches a policy value multiplied through an alias
 *   (`const kpi = deps.policy.kpi; kpi.quarterlySalesTargetFen * 100`).
 *   Adapters count bytes and pixels (`100 * 1024`), so only the first rule
 *   holds there.
 */

interface SourceFile {
  path: string;
  text: string;
}

const ROOT = fileURLToPath(new URL('../../', import.meta.url));

function walk(folder: string): SourceFile[] {
  return readdirSync(posix.join(ROOT, folder), { withFileTypes: true }).flatMap((entry) => {
    const path = posix.join(folder, entry.name);
    if (entry.isDirectory()) return walk(path);
    if (!/\.(ts|mts|cts|tsx)$/.test(entry.name) || entry.name.endsWith('.d.ts')) return [];
    return [{ path, text: readFileSync(posix.join(ROOT, path), 'utf8') }];
  });
}

const isUnder = (path: string, folder: string) => path.startsWith(`${folder}/`);
/** Where the policy file's yuan and percents become the Policy's fen and basis points. */
const convertsPolicy = (path: string) => isUnder(path, 'src/config') || path === 'src/core/policy.ts';
/** The files of src/ that may multiply by 100 at all: where units people write are read. */
const isEdge = (path: string) => convertsPolicy(path) || isUnder(path, 'src/commands');

const isHundred = (node: ts.Node): boolean => {
  while (ts.isParenthesizedExpression(node)) node = node.expression;
  return ts.isNumericLiteral(node) && Number(node.text) === 100;
};
const MULTIPLY = new Set([ts.SyntaxKind.AsteriskToken, ts.SyntaxKind.AsteriskEqualsToken]);

/** Every `x * 100`, `100 * x` and `x *= 100` the rule above refuses, as `path:line expression (why)`. */
function timesHundred(files: SourceFile[]): string[] {
  const found: string[] = [];
  for (const file of files) {
    if (convertsPolicy(file.path)) continue;
    const source = ts.createSourceFile(file.path, file.text, ts.ScriptTarget.Latest, true, ts.ScriptKind.TS);
    const visit = (node: ts.Node): void => {
      if (ts.isBinaryExpression(node) && MULTIPLY.has(node.operatorToken.kind)) {
        const other = isHundred(node.right) ? node.left : isHundred(node.left) ? node.right : null;
        if (other) {
          const onPolicy = /\bpolicy\b/.test(other.getText(source));
          if (onPolicy || (isUnder(file.path, 'src') && !isEdge(file.path))) {
            const line = source.getLineAndCharacterOfPosition(node.getStart(source)).line + 1;
            const why = onPolicy ? 'a policy value is already in fen or basis points' : 'only src/config and src/commands convert units';
            found.push(`${file.path}:${line} ${node.getText(source)} (${why})`);
          }
        }
      }
      ts.forEachChild(node, visit);
    };
    visit(source);
  }
  return found;
}

const SOURCES = [...walk('src'), ...walk('adapters')];
const file = (path: string, text: string): SourceFile => ({ path, text });

describe('policy money is converted once', () => {
  it('reads the core, the views and the policy reader', () => {
    const paths = SOURCES.map((f) => f.path);
    expect(paths).toEqual(expect.arrayContaining(['src/core/clients/grade.ts', 'src/core/approvals/chain.ts', 'src/views/approval-views.ts', 'src/config/policy-file.ts']));
  });

  it('has no multiplication by 100 outside the edges, and none on a policy value outside its conversion', () => {
    expect(timesHundred(SOURCES)).toEqual([]);
  });

  it('would catch a policy value, or an alias of one, multiplied by 100 in the core, a view or a command', () => {
    const bad = [
      file('src/core/clients/bad.ts', 'if (fen > policy.clients.gradeAAboveFen * 100) return "A";'),
      file('src/core/performance/bad.ts', 'const kpi = deps.policy.kpi;\nconst target = kpi.quarterlySalesTargetFen*100;\nlet x = 1; x *= 100;'),
      file('src/views/bad.ts', 'const shown = money(100 * (ctx.policy.expenses.eventBenchmarkFen));'),
      file('src/commands/build/bad.ts', 'const limit = deps.policy.expenses.regionalManagerUpToFen * 1e2;'),
      file('adapters/console/bad.ts', 'const shown = bot.policy.kpi.quarterlySalesTargetFen * 100;'),
    ];
    expect(timesHundred(bad)).toEqual([
      'src/core/clients/bad.ts:1 policy.clients.gradeAAboveFen * 100 (a policy value is already in fen or basis points)',
      'src/core/performance/bad.ts:2 kpi.quarterlySalesTargetFen*100 (only src/config and src/commands convert units)',
      'src/core/performance/bad.ts:3 x *= 100 (only src/config and src/commands convert units)',
      'src/views/bad.ts:1 100 * (ctx.policy.expenses.eventBenchmarkFen) (a policy value is already in fen or basis points)',
      'src/commands/build/bad.ts:1 deps.policy.expenses.regionalManagerUpToFen * 1e2 (a policy value is already in fen or basis points)',
      'adapters/console/bad.ts:1 bot.policy.kpi.quarterlySalesTargetFen * 100 (a policy value is already in fen or basis points)',
    ]);
  });

  it('lets through the edges, other factors, divisions, comments and strings', () => {
    const fine = [
      file('src/config/fine.ts', 'const fen = yuanToFen(v); const salary = yuan * 100;'),
      file('src/core/policy.ts', 'const out = Math.round(value * 100);'),
      file('src/commands/build/fine.ts', 'return ok(Number(m[1]) * 100 + cents);'),
      file('adapters/slack/fine.ts', 'const MAX_BODY = 100 * 1024;'),
      file(
        'src/core/fine.ts',
        [
          '// policy.clients.gradeAAboveFen * 100 in a comment',
          '/* x * 100 */ const bp = (fen * 10_000) / total;',
          "const text = 'policy.x * 100';",
          'const percent = bp / 100; const big = n * 1000; const share = (n * policy.kpi.bonusTopPercent) / 100;',
        ].join('\n'),
      ),
    ];
    expect(timesHundred(fine)).toEqual([]);
  });
});
