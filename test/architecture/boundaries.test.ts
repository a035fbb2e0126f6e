import { readdirSync, readFileSync } from 'node:fs';
import { posix } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

/**
 * design.md: "a reader must see from the folders where a thing lives and
 * which way the imports run", and "every sentence a user reads comes from
 * i18n". These tests read the source files and fail when a line is crossed.
 * Each rule is a plain function of in-memory files, so it is also run on a
 * small bad example to show that it can fail.
 */

interface SourceFile {
  /** Repository-relative, with forward slashes: `src/core/ports.ts`. */
  path: string;
  text: string;
}

interface Violation {
  file: string;
  line: number;
  what: string;
}

const ROOT = fileURLToPath(new URL('../../', import.meta.url));

function walk(folder: string): SourceFile[] {
  return readdirSync(posix.join(ROOT, folder), { withFileTypes: true }).flatMap((entry) => {
    const path = posix.join(folder, entry.name);
    if (entry.isDirectory()) return walk(path);
    if (!/\.(ts|mts|cts|tsx|js|mjs)$/.test(entry.name) || entry.name.endsWith('.d.ts')) return [];
    return [{ path, text: readFileSync(posix.join(ROOT, path), 'utf8') }];
  });
}

// ---------------------------------------------------------------- the scanner

interface Literal {
  text: string;
  line: number;
}

const REGEX_AFTER_WORD = new Set(['return', 'typeof', 'case', 'do', 'else', 'in', 'of', 'void', 'yield', 'await', 'delete', 'instanceof', 'new', 'throw']);

/**
 * One pass over TypeScript source that knows strings, template literals
 * (with `${…}` nested to any depth), regular expression literals and
 * comments. It returns the code with every comment blanked out (line breaks
 * kept, so line numbers still hold) and the string literals with their line.
 */
function scan(source: string): { code: string; literals: Literal[]; balanced: boolean } {
  const out: string[] = [];
  const literals: Literal[] = [];
  let line = 1;
  let i = 0;
  /** Open template literals, innermost last: their text so far, first line, and the brace depth of their open `${`. */
  const templates: { text: string; line: number; depth: number }[] = [];
  let braces = 0;
  let lastSignificant = '';

  const take = (n = 1) => {
    for (let k = 0; k < n && i < source.length; k++, i++) {
      const c = source[i] ?? '';
      if (c === '\n') line++;
      out.push(c);
    }
  };
  const blank = (n = 1) => {
    for (let k = 0; k < n && i < source.length; k++, i++) {
      const c = source[i] ?? '';
      if (c === '\n') line++;
      out.push(c === '\n' ? '\n' : ' ');
    }
  };
  const regexMayStart = () => {
    if (lastSignificant === '' || /[(,=:[!&|?{};+\-*%<>~^]$/.test(lastSignificant)) return true;
    return REGEX_AFTER_WORD.has(lastSignificant);
  };
  /**
   * Reads the innermost open template's text up to its closing backtick (one
   * literal, with `${…}` standing for each expression) or up to its next `${`.
   */
  const templateText = () => {
    const template = templates[templates.length - 1];
    if (!template) return;
    while (i < source.length) {
      const c = source[i];
      if (c === '\\') {
        template.text += source.slice(i, i + 2);
        take(2);
      } else if (c === '`') {
        take();
        templates.pop();
        literals.push({ text: template.text, line: template.line });
        lastSignificant = '`';
        return;
      } else if (c === '$' && source[i + 1] === '{') {
        take(2);
        template.text += '${…}';
        template.depth = braces;
        braces++;
        lastSignificant = '{';
        return;
      } else {
        template.text += c;
        take();
      }
    }
  };

  while (i < source.length) {
    const c = source[i] ?? '';
    const next = source[i + 1];
    if (c === '/' && next === '/') {
      while (i < source.length && source[i] !== '\n') blank();
    } else if (c === '/' && next === '*') {
      blank(2);
      while (i < source.length && !(source[i] === '*' && source[i + 1] === '/')) blank();
      blank(2);
    } else if (c === "'" || c === '"') {
      const start = line;
      take();
      let text = '';
      while (i < source.length && source[i] !== c && source[i] !== '\n') {
        if (source[i] === '\\') {
          text += source.slice(i, i + 2);
          take(2);
        } else {
          text += source[i];
          take();
        }
      }
      take();
      literals.push({ text, line: start });
      lastSignificant = c;
    } else if (c === '`') {
      templates.push({ text: '', line, depth: -1 });
      take();
      templateText();
    } else if (c === '/' && regexMayStart()) {
      take();
      let inClass = false;
      while (i < source.length && source[i] !== '\n') {
        const r = source[i];
        if (r === '/' && !inClass) break;
        if (r === '[') inClass = true;
        if (r === ']') inClass = false;
        take(r === '\\' ? 2 : 1);
      }
      take();
      while (i < source.length && /[a-z]/i.test(source[i] ?? '')) take();
      lastSignificant = '/regex/';
    } else if (c === '{') {
      braces++;
      take();
      lastSignificant = '{';
    } else if (c === '}') {
      braces--;
      if (braces === templates[templates.length - 1]?.depth) {
        take();
        templateText();
      } else {
        take();
        lastSignificant = '}';
      }
    } else if (/\s/.test(c)) {
      take();
    } else if (/[\w$]/.test(c)) {
      let word = '';
      while (i < source.length && /[\w$]/.test(source[i] ?? '')) {
        word += source[i];
        take();
      }
      lastSignificant = word;
    } else {
      take();
      lastSignificant = c;
    }
  }
  return { code: out.join(''), literals, balanced: braces === 0 && templates.length === 0 };
}

const stripComments = (source: string): string => scan(source).code;

/** Every module a file imports or re-exports, statically or with `import()`, with its line. */
function importsOf(source: string): { specifier: string; line: number }[] {
  const code = stripComments(source);
  const found: { specifier: string; line: number }[] = [];
  const patterns = [
    /\b(?:import|export)\s[^'"`;]*?\bfrom\s*(['"])([^'"]+)\1/g,
    /\bimport\s*(['"])([^'"]+)\1/g,
    /\bimport\s*\(\s*(['"])([^'"]+)\1\s*\)/g,
    /\brequire\s*\(\s*(['"])([^'"]+)\1\s*\)/g,
  ];
  for (const pattern of patterns) {
    for (const m of code.matchAll(pattern)) {
      const specifier = m[2] ?? '';
      const at = (m.index ?? 0) + m[0].lastIndexOf(specifier);
      found.push({ specifier, line: code.slice(0, at).split('\n').length });
    }
  }
  return found.sort((a, b) => a.line - b.line);
}

/** A relative specifier as a repository path (`src/store/database.ts`); a package name stays as it is. */
function target(from: string, specifier: string): string {
  return specifier.startsWith('.') ? posix.normalize(posix.join(posix.dirname(from), specifier)) : specifier;
}

const isPackage = (specifier: string, name: string) => specifier === name || specifier.startsWith(`${name}/`);
const isUnder = (path: string, folder: string) => path === folder || path.startsWith(`${folder}/`);

// ---------------------------------------------------------------- the rules

type Rule = (files: SourceFile[]) => Violation[];

function importRule(applies: (path: string) => boolean, forbidden: (file: string, specifier: string) => string | null): Rule {
  return (files) =>
    files
      .filter((f) => applies(f.path))
      .flatMap((f) =>
        importsOf(f.text).flatMap(({ specifier, line }) => {
          const why = forbidden(f.path, specifier);
          return why ? [{ file: f.path, line, what: `imports '${specifier}' (${why})` }] : [];
        }),
      );
}

const CORE_FORBIDDEN_PACKAGES = ['@slack', '@larksuiteoapi', 'kysely', 'pg', 'node-cron', 'pino', '@electric-sql/pglite'];

/** src/core knows no platform, no SQL, no scheduler, no logger, and nothing outside itself. */
const coreRule: Rule = importRule(
  (path) => isUnder(path, 'src/core'),
  (file, specifier) => {
    const name = CORE_FORBIDDEN_PACKAGES.find((p) => isPackage(specifier, p) || specifier.startsWith(`${p}-`));
    if (name) return `src/core must not use ${name}`;
    if (specifier.startsWith('.')) {
      const path = target(file, specifier);
      if (!isUnder(path, 'src/core')) return `resolves to ${path}, outside src/core`;
    }
    return null;
  },
);

/** Adapters talk to the bot, never to the database. */
const adapterRule: Rule = importRule(
  (path) => isUnder(path, 'adapters'),
  (file, specifier) => {
    if (isPackage(specifier, 'kysely') || specifier.startsWith('kysely-')) return 'adapters never use kysely';
    if (isPackage(specifier, 'pg')) return 'adapters never use pg';
    if (specifier.startsWith('.') && isUnder(target(file, specifier), 'src/store')) return 'adapters never reach into src/store';
    return null;
  },
);

/** The grammar and the views are pure: no storage. */
const commandsAndViewsRule: Rule = importRule(
  (path) => isUnder(path, 'src/commands') || isUnder(path, 'src/views'),
  (file, specifier) => {
    if (isPackage(specifier, 'kysely') || specifier.startsWith('kysely-')) return 'commands and views never use kysely';
    if (specifier.startsWith('.') && isUnder(target(file, specifier), 'src/store')) return 'commands and views never reach into src/store';
    return null;
  },
);

/** SQL lives in the store (and the migrations): nothing else of the house imports kysely or pg. */
const sqlOnlyInStoreRule: Rule = importRule(
  (path) => !isUnder(path, 'src/store') && !isUnder(path, 'migrations'),
  (_file, specifier) => {
    if (isPackage(specifier, 'kysely') || specifier.startsWith('kysely-')) return 'only src/store and migrations use kysely';
    if (isPackage(specifier, 'pg')) return 'only src/store and migrations use pg';
    return null;
  },
);

/**
 * No import cycles in src/core: each feature keeps its types and its port in
 * its folder, and ports.ts assembles them, so the imports run one way. Type
 * imports count as well. Answers each cycle's files (a strongly connected
 * group of the import graph), sorted, as `a <-> b <-> c`.
 */
function coreCycles(files: SourceFile[]): string[] {
  const core = files.filter((f) => isUnder(f.path, 'src/core'));
  const paths = new Set(core.map((f) => f.path));
  const edges = new Map(
    core.map((f) => [f.path, [...new Set(importsOf(f.text).map((i) => target(f.path, i.specifier)))].filter((t) => paths.has(t))]),
  );
  // Tarjan's algorithm: one pass, every group found once.
  let counter = 0;
  const index = new Map<string, number>();
  const low = new Map<string, number>();
  const stack: string[] = [];
  const cycles: string[] = [];
  const visit = (v: string) => {
    index.set(v, counter);
    low.set(v, counter++);
    stack.push(v);
    for (const w of edges.get(v) ?? []) {
      if (!index.has(w)) {
        visit(w);
        low.set(v, Math.min(low.get(v) ?? 0, low.get(w) ?? 0));
      } else if (stack.includes(w)) low.set(v, Math.min(low.get(v) ?? 0, index.get(w) ?? 0));
    }
    if (low.get(v) !== index.get(v)) return;
    const group: string[] = [];
    let w: string | undefined;
    do {
      w = stack.pop();
      if (w !== undefined) group.push(w);
    } while (w !== undefined && w !== v);
    if (group.length > 1 || (edges.get(v) ?? []).includes(v)) cycles.push(group.sort().join(' <-> '));
  };
  for (const f of core) if (!index.has(f.path)) visit(f.path);
  return cycles.sort();
}

/**
 * Where Chinese may stand in a string literal: the catalogs, and the tables
 * of words people type (command words, keys, choice words, amount units,
 * legal-form suffixes of company names).
 */
const CHINESE_ALLOWED: ((path: string) => boolean)[] = [
  (p) => isUnder(p, 'src/i18n'),
  // A family's command words (its module), the spellings of its keys, and the words its readers know.
  (p) => /^src\/commands\/[^/]+\/([^/]+-family|[^/]+-keys|read-[^/]+)\.ts$/.test(p),
  (p) => p === 'src/commands/grammar/keys.ts',
  (p) => isUnder(p, 'src/commands/values'),
  (p) => p === 'src/core/leads/company-name.ts',
  // The table of traditional and simplified characters LEAD-2 compares names with: data, never shown.
  (p) => p === 'src/core/leads/traditional-chinese.ts',
];

/** Han ideographs, kana, Hangul and CJK punctuation such as 。「」、. */
const CJK = /[\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}\p{Script=Hangul}\u3001-\u303f]/u;

/** No user-facing Chinese is hard-coded outside src/i18n: any string literal holding CJK is reported. */
const hardCodedChineseRule: Rule = (files) =>
  files
    .filter((f) => (isUnder(f.path, 'src') || isUnder(f.path, 'adapters')) && !CHINESE_ALLOWED.some((allowed) => allowed(f.path)))
    .flatMap((f) =>
      scan(f.text)
        .literals.filter((l) => CJK.test(l.text))
        .map((l) => ({ file: f.path, line: l.line, what: `string literal ${JSON.stringify(l.text.slice(0, 80))}` })),
    );

const report = (violations: Violation[]) => violations.map((v) => `${v.file}:${v.line} ${v.what}`);

// ---------------------------------------------------------------- the tests

const SOURCES = [...walk('src'), ...walk('adapters')];
const file = (path: string, text: string): SourceFile => ({ path, text });

describe('the scanner', () => {
  it('finds the source files of the core, the adapters and the i18n catalogs', () => {
    const paths = SOURCES.map((f) => f.path);
    expect(paths).toEqual(expect.arrayContaining(['src/core/ports.ts', 'src/i18n/zh-CN.ts', 'adapters/console/console-chat.ts']));
    expect(paths.filter((p) => isUnder(p, 'src/core')).length).toBeGreaterThan(5);
  });

  it('reads the imports of a real file', () => {
    const bot = SOURCES.find((f) => f.path === 'src/bot/bot.ts');
    const targets = importsOf(bot?.text ?? '').map((i) => target('src/bot/bot.ts', i.specifier));
    expect(targets).toEqual(expect.arrayContaining(['pino', 'src/commands/registry.ts', 'src/views/view.ts']));
  });

  it('finds static, side-effect, type-only, re-exported, multi-line and dynamic imports with their lines', () => {
    const text = [
      "import { a } from './a.ts';",
      "import type { B } from 'kysely';",
      "import 'pino';",
      'import {',
      '  c,',
      "} from '../c.ts';",
      "export { d } from \"pg\";",
      "const e = await import('node-cron');",
    ].join('\n');
    expect(importsOf(text)).toEqual([
      { specifier: './a.ts', line: 1 },
      { specifier: 'kysely', line: 2 },
      { specifier: 'pino', line: 3 },
      { specifier: '../c.ts', line: 6 },
      { specifier: 'pg', line: 7 },
      { specifier: 'node-cron', line: 8 },
    ]);
  });

  it('ignores imports and Chinese inside comments, and keeps line numbers', () => {
    const text = "// import x from 'kysely';\n/* '中文'\n import 'pg' */\nconst s = '中文';";
    expect(importsOf(text)).toEqual([]);
    expect(scan(text).literals).toEqual([{ text: '中文', line: 4 }]);
    expect(stripComments(text).split('\n')).toHaveLength(4);
  });

  it('reads strings that hold comment markers and regular expressions that hold quotes', () => {
    const text = [
      "const url = 'http://example.com'; const a = '甲';",
      "const re = /['\"`]+\\/*/u; const b = \"乙\";",
      'const t = `丙 ${x ? `丁${y}` : "戊"} 己`; // 庚',
      "const q = a / b / c; const d = '辛';",
    ].join('\n');
    expect(scan(text).literals.filter((l) => CJK.test(l.text))).toEqual([
      { text: '甲', line: 1 },
      { text: '乙', line: 2 },
      { text: '丁${…}', line: 3 },
      { text: '戊', line: 3 },
      { text: '丙 ${…} 己', line: 3 },
      { text: '辛', line: 4 },
    ]);
  });

  it('reads every real source file to its end with its braces and templates balanced', () => {
    expect(SOURCES.filter((f) => !scan(f.text).balanced).map((f) => f.path)).toEqual([]);
  });

  it('finds the Chinese words in a real command family that the Chinese rule lets through', () => {
    const leads = SOURCES.find((f) => f.path === 'src/commands/leads/leads-family.ts');
    expect(scan(leads?.text ?? '').literals.map((l) => l.text)).toEqual(expect.arrayContaining(['线索', '今日线索', '线索列表']));
  });
});

describe('import boundaries', () => {
  it('keeps src/core free of platforms, SQL, cron, logging and every folder outside src/core', () => {
    expect(report(coreRule(SOURCES))).toEqual([]);
  });

  it('would catch src/core importing kysely, a platform SDK, pino, an adapter or another src folder', () => {
    const bad = file(
      'src/core/leads/bad.ts',
      [
        "import type { Kysely } from 'kysely';",
        "import { App } from '@slack/bolt';",
        "import * as lark from '@larksuiteoapi/node-sdk';",
        "import cron from 'node-cron';",
        "import { pino } from 'pino';",
        "import pg from 'pg';",
        "import { render } from '../../../adapters/console/render-text.ts';",
        "import { zhCN } from '../../i18n/zh-CN.ts';",
        "import { db } from '../../store/connect.ts';",
        "import { ok } from '../result.ts';",
        "import { DateTime } from 'luxon';",
      ].join('\n'),
    );
    expect(report(coreRule([bad]))).toEqual([
      "src/core/leads/bad.ts:1 imports 'kysely' (src/core must not use kysely)",
      "src/core/leads/bad.ts:2 imports '@slack/bolt' (src/core must not use @slack)",
      "src/core/leads/bad.ts:3 imports '@larksuiteoapi/node-sdk' (src/core must not use @larksuiteoapi)",
      "src/core/leads/bad.ts:4 imports 'node-cron' (src/core must not use node-cron)",
      "src/core/leads/bad.ts:5 imports 'pino' (src/core must not use pino)",
      "src/core/leads/bad.ts:6 imports 'pg' (src/core must not use pg)",
      "src/core/leads/bad.ts:7 imports '../../../adapters/console/render-text.ts' (resolves to adapters/console/render-text.ts, outside src/core)",
      "src/core/leads/bad.ts:8 imports '../../i18n/zh-CN.ts' (resolves to src/i18n/zh-CN.ts, outside src/core)",
      "src/core/leads/bad.ts:9 imports '../../store/connect.ts' (resolves to src/store/connect.ts, outside src/core)",
    ]);
  });

  it('keeps adapters away from kysely, pg and src/store', () => {
    expect(report(adapterRule(SOURCES))).toEqual([]);
  });

  it('would catch an adapter importing kysely, pg or src/store', () => {
    const bad = file(
      'adapters/slack/bad.ts',
      [
        "import { sql } from 'kysely';",
        "import pg from 'pg';",
        "import type { Database } from '../../src/store/database.ts';",
        "import type { Bot } from '../../src/bot/bot.ts';",
      ].join('\n'),
    );
    expect(report(adapterRule([bad]))).toEqual([
      "adapters/slack/bad.ts:1 imports 'kysely' (adapters never use kysely)",
      "adapters/slack/bad.ts:2 imports 'pg' (adapters never use pg)",
      "adapters/slack/bad.ts:3 imports '../../src/store/database.ts' (adapters never reach into src/store)",
    ]);
  });

  it('keeps src/commands and src/views away from src/store and kysely', () => {
    expect(report(commandsAndViewsRule(SOURCES))).toEqual([]);
  });

  it('would catch a command or a view importing src/store or kysely', () => {
    const bad = [
      file('src/commands/leads/bad.ts', "import { companiesRepo } from '../../store/companies-repo.ts';"),
      file('src/views/bad.ts', "import type { Selectable } from 'kysely';\nimport type { View } from './view.ts';"),
    ];
    expect(report(commandsAndViewsRule(bad))).toEqual([
      "src/commands/leads/bad.ts:1 imports '../../store/companies-repo.ts' (commands and views never reach into src/store)",
      "src/views/bad.ts:1 imports 'kysely' (commands and views never use kysely)",
    ]);
  });
});

describe('no import cycles in src/core', () => {
  it('has none', () => {
    expect(coreCycles(SOURCES)).toEqual([]);
  });

  it('would catch a type-only cycle, a longer one and a file importing itself, but not a shared import', () => {
    const bad = [
      file('src/core/ports.ts', "import type { PerformancePort } from './performance/types.ts';\nimport type { Policy } from './policy.ts';"),
      file('src/core/performance/types.ts', "import type { Grade } from '../ports.ts';\nimport type { IsoDate } from '../time.ts';"),
      file('src/core/policy.ts', 'export interface Policy {}'),
      file('src/core/time.ts', 'export type IsoDate = string;'),
      file('src/core/a.ts', "import { b } from './leads/b.ts';"),
      file('src/core/leads/b.ts', "export { c } from '../c.ts';"),
      file('src/core/c.ts', "import { a } from './a.ts';\nimport type { IsoDate } from './time.ts';"),
      file('src/core/self.ts', "import type { Self } from './self.ts';"),
      file('src/bot/outside.ts', "import type { Tx } from '../core/ports.ts';"),
    ];
    expect(coreCycles(bad)).toEqual([
      'src/core/a.ts <-> src/core/c.ts <-> src/core/leads/b.ts',
      'src/core/performance/types.ts <-> src/core/ports.ts',
      'src/core/self.ts',
    ]);
  });
});

describe('SQL only in the store', () => {
  it('has no kysely or pg import outside src/store and migrations', () => {
    expect(report(sqlOnlyInStoreRule(SOURCES))).toEqual([]);
  });

  it('would catch a job or the bot importing kysely or pg', () => {
    const bad = [
      file('src/jobs/bad.ts', "import { sql } from 'kysely';"),
      file('src/bot/bad.ts', "import pg from 'pg';\nimport type { View } from '../views/view.ts';"),
      file('src/store/fine.ts', "import { sql } from 'kysely';"),
      file('migrations/2026_01_01_000000_fine.ts', "import { type Kysely } from 'kysely';"),
    ];
    expect(report(sqlOnlyInStoreRule(bad))).toEqual([
      "src/jobs/bad.ts:1 imports 'kysely' (only src/store and migrations use kysely)",
      "src/bot/bad.ts:1 imports 'pg' (only src/store and migrations use pg)",
    ]);
  });
});

describe('sentences come from i18n', () => {
  it('has no string literal with Chinese in src/ or adapters/ outside i18n and the word tables', () => {
    expect(report(hardCodedChineseRule(SOURCES))).toEqual([]);
  });

  it('would catch a Chinese sentence hard-coded in an adapter or a view, but not in a comment or a catalog', () => {
    const bad = [
      file(
        'adapters/feishu/bad.ts',
        "// 这是注释\nconst ok = 'ok';\n/* 多行\n注释 */ const reply = { text: '已保存' };\nconst t = `共 ${n} 家`;",
      ),
      file('src/views/bad.ts', 'export const title = "「客户」";'),
      file('src/i18n/zh-CN.ts', "export const zhCN = { 'a': '中文' };"),
      file('src/commands/leads/leads-family.ts', "export const leadsFamily = { commands: { lead: { words: { en: ['lead'], 'zh-CN': ['线索'] } } } };"),
    ];
    expect(report(hardCodedChineseRule(bad))).toEqual([
      'adapters/feishu/bad.ts:4 string literal "已保存"',
      'adapters/feishu/bad.ts:5 string literal "共 ${…} 家"',
      'src/views/bad.ts:1 string literal "「客户」"',
    ]);
  });
});
