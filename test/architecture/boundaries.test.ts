import { readdirSync, readFileSync } from 'node:fs';
import { posix } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

/**
 * design.md: "a reader must see from the folders where a thing lives and
 * which way the imports run", and "every sentence a user reads comes from
 * i18n". These tests read the source files and fail when a line is crossed;
 * what each folder may import is the table HOUSE below, with its reasons.
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

interface Import {
  specifier: string;
  line: number;
  /** `import type …` or `export type … from`: erased from the JavaScript, so no code of the module runs. */
  typeOnly: boolean;
  /** `import('…')`: the module loads when that line runs, not with the file. */
  dynamic: boolean;
}

/** Every module a file imports or re-exports, statically or with `import()`, with its line. */
function importsOf(source: string): Import[] {
  const code = stripComments(source);
  const found: Import[] = [];
  const patterns = [
    /\b(?:import|export)\s[^'"`;]*?\bfrom\s*(['"])([^'"]+)\1/g,
    /\bimport\s*(['"])([^'"]+)\1/g,
    /\bimport\s*\(\s*(['"])([^'"]+)\1\s*\)/g,
    /\brequire\s*\(\s*(['"])([^'"]+)\1\s*\)/g,
  ];
  for (const [index, pattern] of patterns.entries()) {
    for (const m of code.matchAll(pattern)) {
      const specifier = m[2] ?? '';
      const at = (m.index ?? 0) + m[0].lastIndexOf(specifier);
      // `import { type A }` is not type-only: with verbatimModuleSyntax the module is still loaded.
      found.push({ specifier, line: code.slice(0, at).split('\n').length, typeOnly: /^(?:import|export)\s+type\s/.test(m[0]), dynamic: index === 2 });
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

function importRule(applies: (path: string) => boolean, forbidden: (file: string, specifier: string, imported: Import) => string | null): Rule {
  return (files) =>
    files
      .filter((f) => applies(f.path))
      .flatMap((f) =>
        importsOf(f.text).flatMap((imported) => {
          const why = forbidden(f.path, imported.specifier, imported);
          return why ? [{ file: f.path, line: imported.line, what: `imports '${imported.specifier}' (${why})` }] : [];
        }),
      );
}

/**
 * Packages a bot at rest should not pay for (the Lark SDK alone some 70 MB,
 * Bolt 35, exceljs 28, ECharts and resvg 20): each is loaded with `import()`
 * where it is first needed, so a start loads only what its settings use.
 */
const LOADED_WHEN_USED = ['@slack/bolt', '@larksuiteoapi/node-sdk', 'exceljs', 'echarts', '@resvg/resvg-js'];

/**
 * What loads at once when a start loads `entry`: src/main.ts always, a
 * platform's adapter when its settings are given (with its own SDK, `allowed`).
 */
const STARTS = [
  { entry: 'src/main.ts', allowed: [] },
  { entry: 'adapters/slack/slack-adapter.ts', allowed: ['@slack/bolt'] },
  { entry: 'adapters/feishu/feishu-adapter.ts', allowed: ['@larksuiteoapi/node-sdk'] },
];

/** Every import of those packages (but `allowed`) that `entry` reaches through imports neither dynamic nor type-only. */
function loadedAtStart(files: SourceFile[], entry = 'src/main.ts', allowed: string[] = []): Violation[] {
  const byPath = new Map(files.map((f) => [f.path, f]));
  const seen = new Set<string>();
  const queue = [entry];
  const found: Violation[] = [];
  while (queue.length) {
    const path = queue.shift()!;
    if (seen.has(path)) continue;
    seen.add(path);
    for (const imported of importsOf(byPath.get(path)?.text ?? '')) {
      if (imported.typeOnly || imported.dynamic) continue;
      if (imported.specifier.startsWith('.')) queue.push(target(path, imported.specifier));
      else if (LOADED_WHEN_USED.some((name) => isPackage(imported.specifier, name) && !allowed.includes(name))) {
        found.push({ file: path, line: imported.line, what: `imports '${imported.specifier}' at start (load it with import() where it is first needed)` });
      }
    }
  }
  return found;
}

const CORE_FORBIDDEN_PACKAGES = ['@slack', '@larksuiteoapi', 'kysely', 'pg', 'node-cron', 'pino', '@electric-sql/pglite'];

/** src/core knows no platform, no SQL, no scheduler, no logger (what of ours it may import is in HOUSE). */
const coreRule: Rule = importRule(
  (path) => isUnder(path, 'src/core'),
  (_file, specifier) => {
    const name = CORE_FORBIDDEN_PACKAGES.find((p) => isPackage(specifier, p) || specifier.startsWith(`${p}-`));
    return name ? `src/core must not use ${name}` : null;
  },
);

/**
 * What each folder of the house may import of ours, besides its own files.
 * A file follows the most specific entry that holds it (src/bot/face.ts, not
 * src/bot). Packages are free here; the package rules below say where the
 * platform SDKs, the logger, the scheduler and SQL may be used.
 */
interface FolderRule {
  /** A folder (`src/views`) or a single file (`src/bot/face.ts`). */
  folder: string;
  /** Folders or files of ours it may import; '*' for anything (the composition root). */
  may: string[];
  /** Of those, the ones it may take types from only (`import type`), never code. */
  typesOnly?: string[];
  /** Inside what it may, what it still may not, and why. */
  not?: { path: string; why: string }[];
  /** Each subfolder is a world apart (adapters/slack may not import adapters/feishu). */
  subfoldersApart?: true;
  /** Why: the reader's reason for the line, reported with each crossing. */
  because: string;
}

const HOUSE: FolderRule[] = [
  { folder: 'src/core', may: [], because: 'the policy knows nothing outside itself' },
  {
    folder: 'src/grammar',
    may: ['src/core'],
    because: "the grammar turns text into the core's commands (their types, Result, the person-id pattern), and knows no store, bot, views, words of i18n or platform",
  },
  {
    folder: 'src/commands',
    may: ['src/core', 'src/grammar', 'src/views'],
    because: "a command family reads what was typed with the grammar, runs the core's use case and answers with its views; it knows no store, bot, jobs or platform",
  },
  {
    folder: 'src/views',
    may: ['src/core', 'src/grammar', 'src/i18n'],
    because: "a view puts the core's results, and the grammar's forms and input issues, in the words of i18n; it knows no store, bot, jobs or platform",
  },
  { folder: 'src/i18n', may: ['src/core'], because: "the catalogs know the core's languages and nothing else" },
  { folder: 'src/calendar', may: ['src/core'], because: "the China calendar implements the core's WorkCalendar port" },
  {
    folder: 'src/bot',
    may: ['src/core', 'src/commands', 'src/grammar', 'src/views', 'src/i18n', 'src/logger.ts'],
    typesOnly: ['src/logger.ts'],
    because: "the bot hands what was typed or submitted to the command registry and answers with its views, logging with the logger it is given; it knows no store, jobs or platform",
  },
  {
    folder: 'src/bot/face.ts',
    may: ['src/core', 'src/commands', 'src/grammar', 'src/views', 'src/i18n', 'src/bot', 'src/logger.ts', 'src/jobs/outbox-dispatcher.ts', 'src/server.ts', 'src/config/env.ts', 'src/config/config-error.ts'],
    typesOnly: ['src/logger.ts', 'src/jobs/outbox-dispatcher.ts', 'src/server.ts', 'src/config/env.ts'],
    because: "the face gathers what adapters need: the bot's, and the types of the outbox's Deliverer, the server's Handler and the platforms' settings, and ConfigError",
  },
  {
    folder: 'src/store',
    may: ['src/core', 'src/crypto', 'src/config/config-error.ts'],
    because: "the store implements the core's ports, sealing contact data with src/crypto; a data folder another bot holds is a ConfigError",
  },
  {
    folder: 'src/jobs',
    may: ['src/core', 'src/views', 'src/i18n', 'src/logger.ts', 'src/store'],
    typesOnly: ['src/logger.ts', 'src/store'],
    because: "the jobs run the core's reminders on a schedule and send the outbox's notices as views, through the queue and logger they are given; they open no database",
  },
  { folder: 'src/config', may: ['src/core'], because: "the settings and files are checked against the core's types and constants (roles, languages, the default policy)" },
  {
    folder: 'src/crypto',
    may: ['src/config/config-error.ts'],
    because: 'field encryption knows nothing of ours; a malformed DATA_KEY is a ConfigError',
  },
  { folder: 'src/logger.ts', may: [], because: 'the logger wraps pino and nothing of ours' },
  { folder: 'src/server.ts', may: [], because: 'the HTTP server mounts the handlers it is given' },
  { folder: 'src/metrics.ts', may: [], because: 'the metrics wrap prom-client; the places that count are handed plain callbacks' },
  {
    folder: 'adapters',
    may: ['src/bot/face.ts', 'src/views', 'src/i18n'],
    not: [{ path: 'src/views/view.ts', why: 'the view model comes through the face' }],
    subfoldersApart: true,
    because: "an adapter uses the bot's face, the view renderers' helpers and i18n, and its own folder; never the store, the core, the jobs, another adapter",
  },
  { folder: 'migrations', may: [], because: 'a migration is frozen once landed: no app code may change under it' },
  // The composition root puts the house together: it may import anything, and by the entries above nothing imports it.
  { folder: 'src/main.ts', may: ['*'], because: 'composition root' },
  { folder: 'src/compose.ts', may: ['*'], because: 'composition root' },
  { folder: 'src/platforms.ts', may: ['*'], because: 'composition root' },
  { folder: 'src/cli', may: ['*'], because: 'composition root: the operator commands' },
];

/** The most specific entry of HOUSE that holds `path`, or undefined. */
const ruleOf = (path: string): FolderRule | undefined =>
  HOUSE.filter((r) => isUnder(path, r.folder)).sort((a, b) => b.folder.length - a.folder.length)[0];

/** The folder a file counts as its own: its entry's, or its subfolder of it when subfolders are apart. */
function ownFolder(path: string, rule: FolderRule): string {
  if (!rule.subfoldersApart) return rule.folder;
  const [sub] = path.slice(rule.folder.length + 1).split('/');
  return sub && sub !== posix.basename(path) ? `${rule.folder}/${sub}` : rule.folder;
}

/** Every relative import must land in the importing file's own folder or in what its entry of HOUSE allows. */
const houseRule: Rule = importRule(
  (path) => ruleOf(path) !== undefined,
  (file, specifier, { typeOnly }) => {
    if (!specifier.startsWith('.')) return null;
    const rule = ruleOf(file)!;
    const path = target(file, specifier);
    if (rule.may.includes('*') || isUnder(path, ownFolder(file, rule))) return null;
    const refused = rule.not?.find((n) => isUnder(path, n.path));
    if (refused) return `resolves to ${path}: ${refused.why}`;
    const allowed = rule.may.find((m) => isUnder(path, m));
    if (!allowed) return `resolves to ${path}, which ${rule.folder} may not import: ${rule.because}`;
    if (rule.typesOnly?.some((t) => isUnder(path, t)) && !typeOnly) return `resolves to ${path}, of which ${rule.folder} may import types only: ${rule.because}`;
    return null;
  },
);

/** Where a package may be used, for those that tie the house to a platform, a logger or a scheduler. */
const PACKAGE_HOMES: Record<string, string[]> = {
  '@slack': ['adapters/slack'],
  '@larksuiteoapi': ['adapters/feishu'],
  'prom-client': ['src/metrics.ts'],
  pino: ['src/logger.ts'],
  'node-cron': ['src/jobs'],
  '@electric-sql/pglite': ['src/store'],
};

const packageHomesRule: Rule = importRule(
  () => true,
  (file, specifier) => {
    const name = Object.keys(PACKAGE_HOMES).find((p) => isPackage(specifier, p));
    if (!name) return null;
    const homes = PACKAGE_HOMES[name] ?? [];
    return homes.some((home) => isUnder(file, home)) ? null : `only ${homes.join(', ')} use ${name}`;
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
  (p) => p === 'src/grammar/keys.ts',
  (p) => isUnder(p, 'src/grammar/values'),
  (p) => p === 'src/core/leads/company-name.ts',
  // The table of traditional and simplified characters LEAD-2 compares names with: data, never shown.
  (p) => p === 'src/core/leads/traditional-chinese.ts',
  // The paste reader's tables: the labels, company endings and surnames of the pages, cards and signatures it reads, never shown.
  (p) => isUnder(p, 'src/grammar/paste'),
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

const SOURCES = [...walk('src'), ...walk('adapters'), ...walk('migrations')];
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
    expect(targets).toEqual(expect.arrayContaining(['src/logger.ts', 'src/commands/registry.ts', 'src/views/view.ts']));
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
      { specifier: './a.ts', line: 1, typeOnly: false, dynamic: false },
      { specifier: 'kysely', line: 2, typeOnly: true, dynamic: false },
      { specifier: 'pino', line: 3, typeOnly: false, dynamic: false },
      { specifier: '../c.ts', line: 6, typeOnly: false, dynamic: false },
      { specifier: 'pg', line: 7, typeOnly: false, dynamic: false },
      { specifier: 'node-cron', line: 8, typeOnly: false, dynamic: true },
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
  it('keeps src/core free of platforms, SQL, cron and logging', () => {
    expect(report(coreRule(SOURCES))).toEqual([]);
  });

  it('would catch src/core importing kysely, a platform SDK, cron, pino or pg, but not luxon', () => {
    const bad = file(
      'src/core/leads/bad.ts',
      [
        "import type { Kysely } from 'kysely';",
        "import { App } from '@slack/bolt';",
        "import * as lark from '@larksuiteoapi/node-sdk';",
        "import cron from 'node-cron';",
        "import { pino } from 'pino';",
        "import pg from 'pg';",
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
    ]);
  });

  it('gives every source file of src/, adapters/ and migrations/ a rule of the house', () => {
    expect(SOURCES.filter((f) => !ruleOf(f.path)).map((f) => f.path)).toEqual([]);
  });

  it('would find a new folder that has no rule yet', () => {
    expect(ruleOf('src/registry/families.ts')).toBeUndefined();
    expect(ruleOf('src/bot/face.ts')?.folder).toBe('src/bot/face.ts');
    expect(ruleOf('src/bot/bot.ts')?.folder).toBe('src/bot');
  });

  it('keeps every folder to what its rule lets it import', () => {
    expect(report(houseRule(SOURCES))).toEqual([]);
  });

  const why = (folder: string) => HOUSE.find((r) => r.folder === folder)?.because ?? '';
  const refused = (at: string, specifier: string, path: string, folder: string) => `${at} imports '${specifier}' (resolves to ${path}, which ${folder} may not import: ${why(folder)})`;
  const typesOnly = (at: string, specifier: string, path: string, folder: string) => `${at} imports '${specifier}' (resolves to ${path}, of which ${folder} may import types only: ${why(folder)})`;

  /** For each rule, a small bad file: what it may import passes, what it may not is caught. */
  const EXAMPLES: { folder: string; file: SourceFile; caught: string[] }[] = [
    {
      folder: 'src/core',
      file: file('src/core/leads/bad.ts', ["import { ok } from '../result.ts';", "import { zhCN } from '../../i18n/zh-CN.ts';", "import { db } from '../../store/connect.ts';", "import { render } from '../../../adapters/console/render-text.ts';"].join('\n')),
      caught: [
        refused('src/core/leads/bad.ts:2', '../../i18n/zh-CN.ts', 'src/i18n/zh-CN.ts', 'src/core'),
        refused('src/core/leads/bad.ts:3', '../../store/connect.ts', 'src/store/connect.ts', 'src/core'),
        refused('src/core/leads/bad.ts:4', '../../../adapters/console/render-text.ts', 'adapters/console/render-text.ts', 'src/core'),
      ],
    },
    {
      folder: 'src/grammar',
      file: file(
        'src/grammar/bad.ts',
        ["import { ok } from '../core/result.ts';", "import { SHARED_KEYS } from './keys.ts';", "import { companiesRepo } from '../store/companies-repo.ts';", "import type { Bot } from '../bot/bot.ts';", "import type { View } from '../views/view.ts';", "import { translator } from '../i18n/translate.ts';", "import { COMMAND_NAMES } from '../commands/registry.ts';"].join('\n'),
      ),
      caught: [
        refused('src/grammar/bad.ts:3', '../store/companies-repo.ts', 'src/store/companies-repo.ts', 'src/grammar'),
        refused('src/grammar/bad.ts:4', '../bot/bot.ts', 'src/bot/bot.ts', 'src/grammar'),
        refused('src/grammar/bad.ts:5', '../views/view.ts', 'src/views/view.ts', 'src/grammar'),
        refused('src/grammar/bad.ts:6', '../i18n/translate.ts', 'src/i18n/translate.ts', 'src/grammar'),
        refused('src/grammar/bad.ts:7', '../commands/registry.ts', 'src/commands/registry.ts', 'src/grammar'),
      ],
    },
    {
      folder: 'src/commands',
      file: file(
        'src/commands/leads/bad.ts',
        ["import { reportLead } from '../../core/leads/report-lead.ts';", "import { parsed } from '../../grammar/fields.ts';", "import { leadSavedView } from '../../views/lead-views.ts';", "import { companiesRepo } from '../../store/companies-repo.ts';", "import type { Bot } from '../../bot/bot.ts';", "import { JOBS } from '../../jobs/registry.ts';", "import { translator } from '../../i18n/translate.ts';"].join('\n'),
      ),
      caught: [
        refused('src/commands/leads/bad.ts:4', '../../store/companies-repo.ts', 'src/store/companies-repo.ts', 'src/commands'),
        refused('src/commands/leads/bad.ts:5', '../../bot/bot.ts', 'src/bot/bot.ts', 'src/commands'),
        refused('src/commands/leads/bad.ts:6', '../../jobs/registry.ts', 'src/jobs/registry.ts', 'src/commands'),
        refused('src/commands/leads/bad.ts:7', '../../i18n/translate.ts', 'src/i18n/translate.ts', 'src/commands'),
      ],
    },
    {
      folder: 'src/views',
      file: file(
        'src/views/bad.ts',
        ["import type { View } from './view.ts';", "import type { Person } from '../core/people.ts';", "import type { InputIssue } from '../grammar/issues.ts';", "import type { Translate } from '../i18n/translate.ts';", "import type { Database } from '../store/database.ts';", "import type { Bot } from '../bot/bot.ts';", "import { cut } from '../../adapters/slack/block-kit.ts';", "import { JOBS } from '../jobs/registry.ts';", "import { FORMS } from '../commands/registry.ts';"].join('\n'),
      ),
      caught: [
        refused('src/views/bad.ts:5', '../store/database.ts', 'src/store/database.ts', 'src/views'),
        refused('src/views/bad.ts:6', '../bot/bot.ts', 'src/bot/bot.ts', 'src/views'),
        refused('src/views/bad.ts:7', '../../adapters/slack/block-kit.ts', 'adapters/slack/block-kit.ts', 'src/views'),
        refused('src/views/bad.ts:8', '../jobs/registry.ts', 'src/jobs/registry.ts', 'src/views'),
        refused('src/views/bad.ts:9', '../commands/registry.ts', 'src/commands/registry.ts', 'src/views'),
      ],
    },
    {
      folder: 'src/i18n',
      file: file('src/i18n/bad.ts', ["import type { Locale } from '../core/people.ts';", "import { cut } from '../views/format.ts';", "import type { Env } from '../config/env.ts';"].join('\n')),
      caught: [refused('src/i18n/bad.ts:2', '../views/format.ts', 'src/views/format.ts', 'src/i18n'), refused('src/i18n/bad.ts:3', '../config/env.ts', 'src/config/env.ts', 'src/i18n')],
    },
    {
      folder: 'src/calendar',
      file: file('src/calendar/bad.ts', ["import type { Policy } from '../core/policy.ts';", "import { loadPolicy } from '../config/policy-file.ts';"].join('\n')),
      caught: [refused('src/calendar/bad.ts:2', '../config/policy-file.ts', 'src/config/policy-file.ts', 'src/calendar')],
    },
    {
      folder: 'src/bot',
      file: file(
        'src/bot/bad.ts',
        [
          "import type { Actor } from '../core/ports.ts';",
          "import { parseCommand } from '../commands/registry.ts';",
          "import { faultView } from '../views/problem-views.ts';",
          "import type { Logger } from '../logger.ts';",
          "import { replyWithin } from './reply-within.ts';",
          "import { createLogger } from '../logger.ts';",
          "import { kyselyStore } from '../store/kysely-store.ts';",
          "import type { Deliverer } from '../jobs/outbox-dispatcher.ts';",
          "import { createSlackAdapter } from '../../adapters/slack/slack-adapter.ts';",
          "import { createAdapters } from '../platforms.ts';",
        ].join('\n'),
      ),
      caught: [
        typesOnly('src/bot/bad.ts:6', '../logger.ts', 'src/logger.ts', 'src/bot'),
        refused('src/bot/bad.ts:7', '../store/kysely-store.ts', 'src/store/kysely-store.ts', 'src/bot'),
        refused('src/bot/bad.ts:8', '../jobs/outbox-dispatcher.ts', 'src/jobs/outbox-dispatcher.ts', 'src/bot'),
        refused('src/bot/bad.ts:9', '../../adapters/slack/slack-adapter.ts', 'adapters/slack/slack-adapter.ts', 'src/bot'),
        refused('src/bot/bad.ts:10', '../platforms.ts', 'src/platforms.ts', 'src/bot'),
      ],
    },
    {
      folder: 'src/bot/face.ts',
      file: file(
        'src/bot/face.ts',
        [
          "export type { Bot } from './bot.ts';",
          "export type { Deliverer } from '../jobs/outbox-dispatcher.ts';",
          "export type { Handler } from '../server.ts';",
          "export { ConfigError } from '../config/config-error.ts';",
          "export { createOutboxDispatcher } from '../jobs/outbox-dispatcher.ts';",
          "export { startHttpServer } from '../server.ts';",
          "export type { OutboxQueue } from '../store/outbox-queue.ts';",
          "export { readEnv } from '../config/env.ts';",
        ].join('\n'),
      ),
      caught: [
        typesOnly('src/bot/face.ts:5', '../jobs/outbox-dispatcher.ts', 'src/jobs/outbox-dispatcher.ts', 'src/bot/face.ts'),
        typesOnly('src/bot/face.ts:6', '../server.ts', 'src/server.ts', 'src/bot/face.ts'),
        refused('src/bot/face.ts:7', '../store/outbox-queue.ts', 'src/store/outbox-queue.ts', 'src/bot/face.ts'),
        typesOnly('src/bot/face.ts:8', '../config/env.ts', 'src/config/env.ts', 'src/bot/face.ts'),
      ],
    },
    {
      folder: 'src/store',
      file: file(
        'src/store/bad.ts',
        [
          "import type { Store } from '../core/ports.ts';",
          "import type { Keyring } from '../crypto/keyring.ts';",
          "import { ConfigError } from '../config/config-error.ts';",
          "import type { DeliveryLog } from '../bot/deliveries.ts';",
          "import type { View } from '../views/view.ts';",
          "import { parseCommand } from '../commands/registry.ts';",
          "import { readEnv } from '../config/env.ts';",
          "import { renderText } from '../../adapters/console/render-text.ts';",
        ].join('\n'),
      ),
      caught: [
        refused('src/store/bad.ts:4', '../bot/deliveries.ts', 'src/bot/deliveries.ts', 'src/store'),
        refused('src/store/bad.ts:5', '../views/view.ts', 'src/views/view.ts', 'src/store'),
        refused('src/store/bad.ts:6', '../commands/registry.ts', 'src/commands/registry.ts', 'src/store'),
        refused('src/store/bad.ts:7', '../config/env.ts', 'src/config/env.ts', 'src/store'),
        refused('src/store/bad.ts:8', '../../adapters/console/render-text.ts', 'adapters/console/render-text.ts', 'src/store'),
      ],
    },
    {
      folder: 'src/jobs',
      file: file(
        'src/jobs/bad.ts',
        [
          "import type { OutboxQueue } from '../store/outbox-queue.ts';",
          "import { noticeView } from '../views/notice-view.ts';",
          "import { slaJob } from '../core/reminders/sla-reminders.ts';",
          "import { outboxQueue } from '../store/outbox-queue.ts';",
          "import type { Bot } from '../bot/bot.ts';",
          "import { parseCommand } from '../commands/registry.ts';",
          "import { consoleDeliverer } from '../../adapters/console/console-deliverer.ts';",
          "import { startCore } from '../compose.ts';",
        ].join('\n'),
      ),
      caught: [
        typesOnly('src/jobs/bad.ts:4', '../store/outbox-queue.ts', 'src/store/outbox-queue.ts', 'src/jobs'),
        refused('src/jobs/bad.ts:5', '../bot/bot.ts', 'src/bot/bot.ts', 'src/jobs'),
        refused('src/jobs/bad.ts:6', '../commands/registry.ts', 'src/commands/registry.ts', 'src/jobs'),
        refused('src/jobs/bad.ts:7', '../../adapters/console/console-deliverer.ts', 'adapters/console/console-deliverer.ts', 'src/jobs'),
        refused('src/jobs/bad.ts:8', '../compose.ts', 'src/compose.ts', 'src/jobs'),
      ],
    },
    {
      folder: 'src/config',
      file: file(
        'src/config/bad.ts',
        ["import { LOCALES } from '../core/people.ts';", "import { ConfigError } from './config-error.ts';", "import { openDatabase } from '../store/connect.ts';", "import { Keyring } from '../crypto/keyring.ts';", "import type { View } from '../views/view.ts';"].join('\n'),
      ),
      caught: [
        refused('src/config/bad.ts:3', '../store/connect.ts', 'src/store/connect.ts', 'src/config'),
        refused('src/config/bad.ts:4', '../crypto/keyring.ts', 'src/crypto/keyring.ts', 'src/config'),
        refused('src/config/bad.ts:5', '../views/view.ts', 'src/views/view.ts', 'src/config'),
      ],
    },
    {
      folder: 'src/crypto',
      file: file(
        'src/crypto/bad.ts',
        ["import { Keyring } from './keyring.ts';", "import { ConfigError } from '../config/config-error.ts';", "import { readEnv } from '../config/env.ts';", "import type { Contact } from '../core/ports.ts';", "import type { Database } from '../store/database.ts';"].join('\n'),
      ),
      caught: [
        refused('src/crypto/bad.ts:3', '../config/env.ts', 'src/config/env.ts', 'src/crypto'),
        refused('src/crypto/bad.ts:4', '../core/ports.ts', 'src/core/ports.ts', 'src/crypto'),
        refused('src/crypto/bad.ts:5', '../store/database.ts', 'src/store/database.ts', 'src/crypto'),
      ],
    },
    {
      folder: 'src/logger.ts',
      file: file('src/logger.ts', ["import { pino } from 'pino';", "import type { Env } from './config/env.ts';"].join('\n')),
      caught: [refused('src/logger.ts:2', './config/env.ts', 'src/config/env.ts', 'src/logger.ts')],
    },
    {
      folder: 'src/server.ts',
      file: file('src/server.ts', ["import { createServer } from 'node:http';", "import type { Core } from './compose.ts';"].join('\n')),
      caught: [refused('src/server.ts:2', './compose.ts', 'src/compose.ts', 'src/server.ts')],
    },
    {
      folder: 'src/metrics.ts',
      file: file('src/metrics.ts', ["import { Registry } from 'prom-client';", "import { outboxQueue } from './store/outbox-queue.ts';"].join('\n')),
      caught: [refused('src/metrics.ts:2', './store/outbox-queue.ts', 'src/store/outbox-queue.ts', 'src/metrics.ts')],
    },
    {
      folder: 'adapters',
      file: file(
        'adapters/slack/bad.ts',
        [
          "import { replyWithin, type Bot, type View } from '../../src/bot/face.ts';",
          "import { progressBar } from '../../src/views/format.ts';",
          "import { translator } from '../../src/i18n/translate.ts';",
          "import { cut } from './block-kit.ts';",
          "import { App } from '@slack/bolt';",
          "import type { Block } from '../../src/views/view.ts';",
          "import type { Bot as B } from '../../src/bot/bot.ts';",
          "import type { Actor } from '../../src/core/ports.ts';",
          "import type { Database } from '../../src/store/database.ts';",
          "import type { Deliverer } from '../../src/jobs/outbox-dispatcher.ts';",
          "import { isFormName } from '../../src/commands/registry.ts';",
          "import type { Env } from '../../src/config/env.ts';",
          "import { renderCard } from '../feishu/card.ts';",
        ].join('\n'),
      ),
      caught: [
        "adapters/slack/bad.ts:6 imports '../../src/views/view.ts' (resolves to src/views/view.ts: the view model comes through the face)",
        refused('adapters/slack/bad.ts:7', '../../src/bot/bot.ts', 'src/bot/bot.ts', 'adapters'),
        refused('adapters/slack/bad.ts:8', '../../src/core/ports.ts', 'src/core/ports.ts', 'adapters'),
        refused('adapters/slack/bad.ts:9', '../../src/store/database.ts', 'src/store/database.ts', 'adapters'),
        refused('adapters/slack/bad.ts:10', '../../src/jobs/outbox-dispatcher.ts', 'src/jobs/outbox-dispatcher.ts', 'adapters'),
        refused('adapters/slack/bad.ts:11', '../../src/commands/registry.ts', 'src/commands/registry.ts', 'adapters'),
        refused('adapters/slack/bad.ts:12', '../../src/config/env.ts', 'src/config/env.ts', 'adapters'),
        refused('adapters/slack/bad.ts:13', '../feishu/card.ts', 'adapters/feishu/card.ts', 'adapters'),
      ],
    },
    {
      folder: 'migrations',
      file: file('migrations/2026_01_01_000000_bad.ts', ["import { type Kysely, sql } from 'kysely';", "import { DEFAULT_POLICY } from '../src/core/policy.ts';"].join('\n')),
      caught: [refused('migrations/2026_01_01_000000_bad.ts:2', '../src/core/policy.ts', 'src/core/policy.ts', 'migrations')],
    },
  ];

  it('has a bad example for every rule but the composition root, which may import anything', () => {
    const exemplified = new Set(EXAMPLES.map((e) => e.folder));
    expect(HOUSE.filter((r) => !r.may.includes('*') && !exemplified.has(r.folder)).map((r) => r.folder)).toEqual([]);
  });

  it.each(EXAMPLES)('would catch $folder importing what its rule does not let it', ({ file: bad, caught }) => {
    expect(report(houseRule([bad]))).toEqual(caught);
  });

  it('lets the composition root import anything, and catches anyone else importing it (see the jobs, the bot and the server above)', () => {
    const root = file('src/main.ts', ["import { createConsoleAdapter } from '../adapters/console/console-adapter.ts';", "import { openDatabase } from './store/connect.ts';"].join('\n'));
    expect(report(houseRule([root]))).toEqual([]);
  });

  it('uses the platform SDKs, pino, node-cron and PGlite only where they live', () => {
    expect(report(packageHomesRule(SOURCES))).toEqual([]);
  });

  it('would catch the bot using pino, a view or the Feishu adapter using Slack, the store using cron', () => {
    const bad = [
      file('src/bot/bad.ts', "import type { Logger } from 'pino';\nimport type { Logger as L } from '../logger.ts';"),
      file('src/views/bad.ts', "import type { types } from '@slack/bolt';"),
      file('adapters/feishu/bad.ts', "import { App } from '@slack/bolt';\nimport { Client } from '@larksuiteoapi/node-sdk';"),
      file('src/store/bad.ts', "import cron from 'node-cron';\nimport { PGlite } from '@electric-sql/pglite';"),
      file('src/logger.ts', "import { pino } from 'pino';"),
      file('src/jobs/bad.ts', "import { Counter } from 'prom-client';"),
    ];
    expect(report(packageHomesRule(bad))).toEqual([
      "src/bot/bad.ts:1 imports 'pino' (only src/logger.ts use pino)",
      "src/views/bad.ts:1 imports '@slack/bolt' (only adapters/slack use @slack)",
      "adapters/feishu/bad.ts:1 imports '@slack/bolt' (only adapters/slack use @slack)",
      "src/store/bad.ts:1 imports 'node-cron' (only src/jobs use node-cron)",
      "src/jobs/bad.ts:1 imports 'prom-client' (only src/metrics.ts use prom-client)",
    ]);
  });
});

describe('heavy packages load when first used', () => {
  it.each(STARTS)('loads none of them (but $allowed) with $entry', ({ entry, allowed }) => {
    expect(SOURCES.some((f) => f.path === entry)).toBe(true);
    expect(report(loadedAtStart(SOURCES, entry, allowed))).toEqual([]);
  });

  it('would catch one reached through static imports, but not through import() or a type', () => {
    const files = [
      file('src/main.ts', "import { a } from './a.ts';\nconst slack = await import('../adapters/slack/x.ts');"),
      file('src/a.ts', "import type { Workbook } from 'exceljs';\nimport { b } from './views/b.ts';"),
      file('src/views/b.ts', "import * as echarts from 'echarts';"),
      file('adapters/slack/x.ts', "import { App } from '@slack/bolt';"),
    ];
    expect(report(loadedAtStart(files))).toEqual(["src/views/b.ts:1 imports 'echarts' at start (load it with import() where it is first needed)"]);
    expect(report(loadedAtStart(files, 'adapters/slack/x.ts', ['@slack/bolt']))).toEqual([]);
    expect(report(loadedAtStart(files, 'adapters/slack/x.ts'))).toEqual(["adapters/slack/x.ts:1 imports '@slack/bolt' at start (load it with import() where it is first needed)"]);
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
