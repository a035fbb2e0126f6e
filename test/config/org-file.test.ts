import { describe, expect, it } from 'vitest';
import { ConfigError } from '../../src/config/config-error.ts';
import { loadOrgFile, parseOrgFile } from '../../src/config/org-file.ts';

/** A small valid directory; tests change one thing at a time. */
interface P {
  id?: unknown;
  name?: unknown;
  role?: unknown;
  region?: unknown;
  manager?: unknown;
  slack?: unknown;
  feishu?: unknown;
  locale?: unknown;
  monthly_salary?: unknown;
  [key: string]: unknown;
}
const base = (): P[] => [
  { id: 'zhangsan', name: '张三', role: 'sales', region: '华东', manager: 'lisi' },
  { id: 'lisi', name: '李四', role: 'regional_manager', region: '华东', manager: 'wangwu' },
  { id: 'wangwu', name: '王五', role: 'department_manager', region: '华东' },
];
const yamlOf = (people: P[], extra: Record<string, unknown> = {}): string =>
  JSON.stringify({ timezone: 'Asia/Shanghai', regions: ['华东', '华南', '华北'], people, ...extra });

/** The ConfigError message a bad org text produces. */
const errorOf = (text: string): string => {
  try {
    parseOrgFile(text, 'org.yaml');
  } catch (err) {
    expect(err).toBeInstanceOf(ConfigError);
    return (err as ConfigError).message;
  }
  throw new Error('expected the org file to be refused');
};
/** The problems of the one-line message, without the header. */
const problemsOf = (text: string): string[] => {
  const message = errorOf(text);
  expect(message).not.toContain('\n');
  expect(message.startsWith('ORG_FILE org.yaml: ')).toBe(true);
  return message.slice('ORG_FILE org.yaml: '.length).split(' | ').map((p) => `- ${p}`);
};

describe('the org file', () => {
  it('examples/org.yaml loads, with a salesperson first', () => {
    const org = loadOrgFile('examples/org.yaml');
    expect(org.timezone).toBe('Asia/Shanghai');
    expect(org.regions).toEqual(['华东', '华南', '华北']);
    expect(org.people[0]).toMatchObject({ id: 'zhangsan', name: '张三', role: 'sales', region: '华东', managerId: 'lisi' });
    const byId = new Map(org.people.map((p) => [p.id, p]));
    expect(byId.get('wangwu')).toMatchObject({ role: 'department_manager', managerId: null });
    expect(byId.get('xxads')).toMatchObject({ role: 'partner', managerId: 'heyan' });
    expect(org.people.filter((p) => p.locale === 'en')).toHaveLength(1);
    expect(org.people.some((p) => p.slackId !== null)).toBe(true);
    expect(org.people.some((p) => p.feishuId?.match(/^ou_[0-9a-f]{32}$/))).toBe(true);
    // Every role of policy.md appears in the sample.
    expect(new Set(org.people.map((p) => p.role)).size).toBe(10);
  });

  it('a person becomes a Person with the salary in fen and empty fields as null', () => {
    const people = base();
    people[0] = { ...people[0], slack: 'U01ZHANGSAN', feishu: 'ou_7d8a6e6df7621556', locale: 'en', monthly_salary: 15000 };
    const org = parseOrgFile(yamlOf(people), 'org.yaml');
    expect(org.people[0]).toEqual({
      id: 'zhangsan',
      name: '张三',
      role: 'sales',
      region: '华东',
      managerId: 'lisi',
      slackId: 'U01ZHANGSAN',
      feishuId: 'ou_7d8a6e6df7621556',
      locale: 'en',
      monthlySalaryFen: 1_500_000,
    });
    expect(org.people[2]).toMatchObject({ managerId: null, slackId: null, feishuId: null, locale: null, monthlySalaryFen: null });
  });

  it('no timezone in the file means null, left to BOT_TIMEZONE', () => {
    const text = `regions: [华东]\npeople:\n  - {id: a, name: A, role: admin, region: 华东}\n`;
    expect(parseOrgFile(text, 'org.yaml').timezone).toBeNull();
  });

  it('a manager loop of three names the people in the loop', () => {
    const people = base();
    people[2] = { ...people[2], manager: 'zhangsan' };
    expect(problemsOf(yamlOf(people))).toEqual(['- manager loop: zhangsan -> lisi -> wangwu -> zhangsan']);
  });

  it('a manager loop is named from its first person in the file even when entered from outside', () => {
    const people: P[] = [
      { id: 'a', name: 'A', role: 'sales', region: '华东', manager: 'b' },
      { id: 'x', name: 'X', role: 'sales', region: '华东', manager: 'c' },
      { id: 'b', name: 'B', role: 'sales', region: '华东', manager: 'c' },
      { id: 'c', name: 'C', role: 'sales', region: '华东', manager: 'a' },
    ];
    expect(problemsOf(yamlOf(people))).toEqual(['- manager loop: a -> b -> c -> a']);
  });

  it('a person who is their own manager is named', () => {
    const people = base();
    people[2] = { ...people[2], manager: 'wangwu' };
    expect(problemsOf(yamlOf(people))).toEqual(['- person "wangwu": is their own manager']);
  });

  it('a duplicate Slack id names both people', () => {
    const people = base();
    people[0] = { ...people[0], slack: 'U01SAME' };
    people[1] = { ...people[1], slack: 'U01SAME' };
    expect(problemsOf(yamlOf(people))).toEqual(['- person "lisi": Slack id "U01SAME" is already person "zhangsan"\'s']);
  });

  it('a duplicate Feishu open_id names both people', () => {
    const people = base();
    people[0] = { ...people[0], feishu: 'ou_1' };
    people[2] = { ...people[2], feishu: 'ou_1' };
    expect(problemsOf(yamlOf(people))).toEqual([
      '- person "wangwu": Feishu open_id "ou_1" is already person "zhangsan"\'s',
    ]);
  });

  it('an unknown region names the person and lists the regions', () => {
    const people = base();
    people[0] = { ...people[0], region: '华中' };
    expect(problemsOf(yamlOf(people))).toEqual(['- person "zhangsan": unknown region "华中"; regions are 华东, 华南, 华北']);
  });

  it('an unknown role names the person and lists the roles', () => {
    const people = base();
    people[0] = { ...people[0], role: 'boss' };
    expect(problemsOf(yamlOf(people))).toEqual([
      '- person "zhangsan": unknown role "boss"; roles are sales, promotion, account_manager, regional_manager, department_manager, marketing_reviewer, legal, finance, partner, admin',
    ]);
  });

  it('a manager who is not in the file is named', () => {
    const people = base();
    people[0] = { ...people[0], manager: 'lisi2' };
    expect(problemsOf(yamlOf(people))).toEqual(['- person "zhangsan": manager "lisi2" is not a person in this file']);
  });

  it('a duplicate id is named with both places', () => {
    const people = [...base(), { id: 'lisi', name: '李四二', role: 'sales', region: '华南', manager: 'wangwu' }];
    expect(problemsOf(yamlOf(people))).toEqual(['- person "lisi": duplicate id; people #2 and #4 both use it']);
  });

  it('an id that cannot be typed as @id is refused', () => {
    const people = base();
    people[0] = { ...people[0], id: 'Zhang San' };
    const problems = problemsOf(yamlOf(people));
    expect(problems).toHaveLength(1);
    expect(problems[0]).toMatch(/^- person "Zhang San": id "Zhang San" must be 1 to 63 lowercase letters/);
    people[0] = { ...people[0], id: 'a'.repeat(64) };
    expect(problemsOf(yamlOf(people))[0]).toContain('must be 1 to 63');
  });

  it('a bad locale, a bad timezone and duplicate regions are refused', () => {
    const people = base();
    people[0] = { ...people[0], locale: 'fr' };
    expect(problemsOf(yamlOf(people))).toEqual(['- person "zhangsan": unknown locale "fr"; locales are zh-CN, en']);
    expect(problemsOf(yamlOf(base(), { timezone: 'Asia/Beijing' }))).toEqual([
      '- timezone: unknown time zone "Asia/Beijing"; use an IANA name such as Asia/Shanghai',
    ]);
    expect(problemsOf(yamlOf(base(), { regions: ['华东', '华南', '华东'] }))).toEqual([
      '- regions: region "华东" is listed more than once',
    ]);
  });

  it('an empty people list is refused', () => {
    expect(problemsOf(yamlOf([]))).toEqual(['- people: list at least one person; got a list']);
    expect(problemsOf('regions: [华东]\n')).toEqual(['- people: list at least one person; got nothing']);
  });

  it('a missing name or one over 50 characters is refused', () => {
    const people = base();
    delete people[0]!.name;
    people[1] = { ...people[1], name: '长'.repeat(51) };
    expect(problemsOf(yamlOf(people))).toEqual([
      '- person "zhangsan": name is missing',
      '- person "lisi": name is 51 characters; at most 50',
    ]);
    people[1] = { ...people[1], name: '长'.repeat(50) };
    expect(problemsOf(yamlOf(people))).toEqual(['- person "zhangsan": name is missing']);
  });

  it('all problems are reported together, each naming its person', () => {
    const people: P[] = [
      { id: 'zhangsan', name: '张三', role: 'boss', region: '华东', manager: 'lisi', slack: 'U01SAME' },
      { id: 'lisi', name: '李四', role: 'regional_manager', region: '华中', manager: 'wangwu', slack: 'U01SAME' },
      { id: 'wangwu', name: '王五', role: 'department_manager', region: '华东', manager: 'wangwu' },
      { id: 'zhaoliu', name: '赵六', role: 'sales', region: '华东', manager: 'nobody', locale: 'fr' },
      { id: 'a', name: 'A', role: 'sales', region: '华东', manager: 'b' },
      { id: 'b', name: 'B', role: 'sales', region: '华东', manager: 'a' },
    ];
    const problems = problemsOf(yamlOf(people));
    expect(problems).toEqual(
      expect.arrayContaining([
        expect.stringMatching(/^- person "zhangsan": unknown role "boss"/),
        expect.stringMatching(/^- person "lisi": unknown region "华中"/),
        '- person "lisi": Slack id "U01SAME" is already person "zhangsan"\'s',
        '- person "wangwu": is their own manager',
        '- person "zhaoliu": manager "nobody" is not a person in this file',
        expect.stringMatching(/^- person "zhaoliu": unknown locale "fr"/),
        '- manager loop: a -> b -> a',
      ]),
    );
    expect(problems).toHaveLength(7);
  });

  it('an unknown key in a person is named', () => {
    const people = base();
    people[0] = { ...people[0], mgr: 'lisi' };
    expect(problemsOf(yamlOf(people))[0]).toMatch(/^- person "zhangsan": unknown key "mgr"; known keys are id, name/);
  });

  it('a bad salary or malformed Slack id is refused', () => {
    const people = base();
    people[0] = { ...people[0], monthly_salary: '1.5万', slack: 'zhangsan@example.com' };
    expect(problemsOf(yamlOf(people))).toEqual([
      '- person "zhangsan": slack must be a Slack user id such as U01ABCDEF, got "zhangsan@example.com"',
      '- person "zhangsan": monthly_salary must be a whole number of yuan, 0 or more (e.g. 15000), got "1.5万"',
    ]);
  });

  it('a YAML syntax error names the line', () => {
    const message = errorOf('regions: [华东]\npeople:\n  - id: a\n   name: A\n');
    expect(message).toMatch(/^ORG_FILE org\.yaml: line 4, column \d+: YAML syntax error: /);
  });

  it('a file that cannot be read is named', () => {
    expect(() => loadOrgFile('/nonexistent/org.yaml')).toThrow(/^ORG_FILE \/nonexistent\/org\.yaml: cannot read/);
  });

  it('email and mobile are read into contacts in one spelling, for matching on the platforms', () => {
    const people = base();
    people[0] = { ...people[0], email: ' ZhangSan@Example.COM ', mobile: '+86 138-1234-5678' };
    people[1] = { ...people[1], mobile: 13912345678 };
    people[2] = { ...people[2], mobile: '+49 151 2345 6789' };
    const org = parseOrgFile(yamlOf(people), 'org.yaml');
    expect(org.contacts).toEqual([
      { personId: 'zhangsan', email: 'zhangsan@example.com', mobile: '+8613812345678' },
      { personId: 'lisi', email: null, mobile: '+8613912345678' },
      { personId: 'wangwu', email: null, mobile: '+4915123456789' },
    ]);
    expect(org.people[0]).not.toHaveProperty('email');
  });

  it('a bad email or mobile, or one two people share, is refused naming the person', () => {
    const people = base();
    people[0] = { ...people[0], email: 'zhangsan at example', mobile: '12345' };
    people[1] = { ...people[1], email: 'same@example.com', mobile: '138 1234 5678' };
    people[2] = { ...people[2], email: 'SAME@example.com', mobile: '13812345678' };
    expect(problemsOf(yamlOf(people))).toEqual([
      '- person "zhangsan": email must be a work e-mail address such as zhangsan@example.com, got "zhangsan at example"',
      '- person "zhangsan": mobile must be a mobile number such as 138 1234 5678 (another country\'s with + and its code), got "12345"',
      '- person "wangwu": email "same@example.com" is already person "lisi"\'s',
      '- person "wangwu": mobile "+8613812345678" is already person "lisi"\'s',
    ]);
  });
});
