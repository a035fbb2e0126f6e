import { readFileSync } from 'node:fs';
import { Ajv } from 'ajv';
import { parse as parseYaml } from 'yaml';
import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { ConfigError } from '../../src/config/config-error.ts';
import { fileKeyOf, OverridesSchema, parsePolicyFile } from '../../src/config/policy-file.ts';
import { policyAsWritten, policyJsonSchema } from '../../src/config/policy-schema.ts';
import { DEFAULT_POLICY } from '../../src/core/policy.ts';

type Json = { [keyword: string]: unknown };
const PUBLISHED = 'examples/policy.schema.json';

// An editor's validator in all but the editor: draft-07, union types as the schema writes them.
const ajv = new Ajv({ allErrors: true, allowUnionTypes: true, strict: true });
const published = JSON.parse(readFileSync(PUBLISHED, 'utf8')) as Json;
const validate = ajv.compile(published);

/** The problems the reader finds in a policy text; [] when it starts with it. */
const readerProblems = (text: string): string[] => {
  try {
    parsePolicyFile(text, 'p');
    return [];
  } catch (err) {
    if (!(err instanceof ConfigError)) throw err;
    return err.message.replace(/^POLICY_FILE p: /, '').split(' | ');
  }
};

/** The keys the schema names at `path`, as `a.b`, `a.list[].c` (a record's entries as `*`). */
const schemaLeafKeys = (schema: Json, path = ''): string[] => {
  if (schema.properties) {
    return Object.entries(schema.properties as Record<string, Json>).flatMap(([k, s]) => schemaLeafKeys(s, path === '' ? k : `${path}.${k}`));
  }
  if (schema.items) return schemaLeafKeys(schema.items as Json, `${path}[]`);
  if (typeof schema.additionalProperties === 'object') return schemaLeafKeys(schema.additionalProperties as Json, `${path}.*`);
  return [path];
};

/**
 * The keys the reader accepts: toPolicyKeys spells them from DEFAULT_POLICY
 * with fileKeyOf (a list's item by its first default item), and the
 * reader's schema says which mappings are maps of any key (a record).
 */
const readerLeafKeys = (value: unknown, schema: z.ZodType, path = ''): string[] => {
  if (schema instanceof z.ZodOptional) return readerLeafKeys(value, schema.unwrap() as z.ZodType, path);
  if (schema instanceof z.ZodRecord) return readerLeafKeys(undefined, schema.valueType as z.ZodType, `${path}.*`);
  if (Array.isArray(value) && schema instanceof z.ZodArray) return readerLeafKeys(value[0], schema.element as z.ZodType, `${path}[]`);
  if (typeof value === 'object' && value !== null && schema instanceof z.ZodObject) {
    const shape = schema.shape as Record<string, z.ZodType>;
    return Object.entries(value).flatMap(([k, v]) => {
      expect(shape[k], `${path}.${k} is in DEFAULT_POLICY but not in the reader's schema`).toBeDefined();
      return readerLeafKeys(v, shape[k]!, path === '' ? fileKeyOf(k) : `${path}.${fileKeyOf(k)}`);
    });
  }
  return [path];
};

/** Each leaf of the reader's schema with its key, found the way the schema generator finds them. */
const readerLeaves = (schema: z.ZodType, path = ''): { key: string; leaf: z.ZodType }[] => {
  if (schema instanceof z.ZodOptional) return readerLeaves(schema.unwrap() as z.ZodType, path);
  if (schema instanceof z.ZodObject) {
    return Object.entries(schema.shape as Record<string, z.ZodType>).flatMap(([k, s]) =>
      readerLeaves(s, path === '' ? fileKeyOf(k) : `${path}.${fileKeyOf(k)}`),
    );
  }
  if (schema instanceof z.ZodArray) return readerLeaves(schema.element as z.ZodType, `${path}[]`);
  if (schema instanceof z.ZodRecord) return readerLeaves(schema.valueType as z.ZodType, `${path}.*`);
  return [{ key: path, leaf: schema }];
};

/** The published schema's subschema at a key of schemaLeafKeys. */
const schemaAt = (key: string): Json => {
  let node = published;
  for (const part of key.split('.')) {
    const [name, ...lists] = part.split('[]');
    node = name === '*' ? (node.additionalProperties as Json) : ((node.properties as Record<string, Json>)[name!] as Json);
    for (const _ of lists) node = node.items as Json;
  }
  return node;
};

/** Values of every JSON kind near every leaf's limits. */
const PROBES: unknown[] = [
  0, 1, -1, 2, 10, 11, 2.5, 2.55, 2.555, 1.5, 99.99, 100, 100.01, 101, 1e20,
  90071992547409, 90071992547410, Number.MAX_SAFE_INTEGER,
  '', 'five', '5', '16:30', '09:00', '9:00', '24:00', '23:59', 'floor', 'nearest', 'ceil', 'round',
  '2027-01-01', '2027-02-30', '2027-1-1', 'wangwu', 'Wang Wu', 'zong.jing-li_2',
  null, true, false, [], {}, [1], { a: 1 },
];

/**
 * Where an editor may accept what the reader refuses: JSON Schema cannot say
 * "at most 2 decimals" (validators compute multipleOf in floating point) nor
 * "a real calendar day". The other way round (the editor refusing what the
 * bot accepts) is never allowed.
 */
const READER_STRICTER: Record<string, (v: unknown) => boolean> = {
  'at most 2 decimals': (v) => typeof v === 'number' && Math.round(v * 100) / 100 !== v,
  'a real calendar day': (v) => v === '2027-02-30',
};

describe('the policy file JSON Schema', () => {
  it('is published as generated from the reader (regenerate with: npm run -s policy -- schema > examples/policy.schema.json)', () => {
    expect(readFileSync(PUBLISHED, 'utf8')).toBe(`${JSON.stringify(policyJsonSchema(), null, 2)}\n`);
  });

  it('names every key the reader accepts, and no other', () => {
    const reader = readerLeafKeys(DEFAULT_POLICY, OverridesSchema).sort();
    const schema = schemaLeafKeys(published).sort();
    expect(schema).toEqual(reader);
    expect(schema).toContain('kpi.bonus_tiers[].top_percent');
    expect(schema).toContain('expenses.event_benchmark');
  });

  it('gives every leaf the limits of the reader: both accept and refuse the same values, but where JSON Schema cannot say it', () => {
    const disagreements: string[] = [];
    const leaves = readerLeaves(OverridesSchema);
    expect(leaves.length).toBeGreaterThan(40);
    for (const { key, leaf } of leaves) {
      const check = ajv.compile(schemaAt(key));
      for (const probe of PROBES) {
        const editor = check(probe);
        const reader = leaf.safeParse(probe).success;
        if (editor === reader) continue;
        const why = Object.entries(READER_STRICTER).find(([, applies]) => applies(probe))?.[0];
        if (editor && !reader && why) continue;
        disagreements.push(`${key}: ${JSON.stringify(probe)}: editor ${editor ? 'accepts' : 'refuses'}, reader ${reader ? 'accepts' : 'refuses'}`);
      }
    }
    expect(disagreements).toEqual([]);
  });

  it('shows each default in the units of the file, and the reader reads it back as the default', () => {
    const asWritten = policyAsWritten(DEFAULT_POLICY);
    expect(schemaAt('expenses.event_benchmark').default).toBe(35000);
    expect(schemaAt('contracts.penalty_percent').default).toBe(5);
    // Each key outside a list has its default; a list has the whole list's.
    const keys = schemaLeafKeys(published).map((key) => key.replace(/\[\].*$/, ''));
    for (const key of new Set(keys)) {
      const value = key.split('.').reduce<unknown>((node, k) => (node as Record<string, unknown>)[k], asWritten);
      expect(schemaAt(key).default, key).toEqual(value);
    }
    // The whole default policy, written out as a file, reads back as itself and is valid for an editor.
    expect(validate(asWritten), JSON.stringify(validate.errors)).toBe(true);
    expect(parsePolicyFile(JSON.stringify(asWritten), 'p')).toEqual(DEFAULT_POLICY);
  });

  it('validates examples/policy.yaml, which points an editor at it', () => {
    const text = readFileSync('examples/policy.yaml', 'utf8');
    expect(text.split('\n')[0]).toBe('# yaml-language-server: $schema=./policy.schema.json');
    expect(validate(parseYaml(text)), JSON.stringify(validate.errors)).toBe(true);
    expect(readerProblems(text)).toEqual([]);
  });

  it('refuses at the same keys as the reader: unknown keys, wrong types, values out of range', () => {
    const text = [
      'leads: {dayly_target: 6, daily_target: five}',
      'clients: {grade_a_above: -1}',
      'kpi: {bonus_tiers: [{top_percent: 5}], bonus_rounding: round}',
      'reminders: {leads_nudge: "25:00"}',
      'leeds: {daily_target: 6}',
    ].join('\n');
    expect(validate(parseYaml(text))).toBe(false);
    const editorKeys = validate.errors!.map((e) => {
      const at = e.instancePath.replace(/^\//, '').replace(/\/(\d+)/g, '[$1]').replaceAll('/', '.');
      const extra = (e.params as { additionalProperty?: string; missingProperty?: string });
      const child = extra.additionalProperty ?? extra.missingProperty;
      return child ? (at === '' ? child : `${at}.${child}`) : at;
    });
    const readerKeys = readerProblems(text).map((p) => p.split(':')[0]);
    expect(new Set(editorKeys)).toEqual(new Set(readerKeys));
    expect(readerKeys).toEqual(
      expect.arrayContaining(['leads.dayly_target', 'leads.daily_target', 'clients.grade_a_above', 'kpi.bonus_tiers[0].salary_multiple', 'kpi.bonus_rounding', 'reminders.leads_nudge', 'leeds']),
    );
  });

  it('takes an empty section and an empty file as the defaults, as the reader does', () => {
    for (const text of ['', '# nothing\n', 'leads:\n  # daily_target: 6\n', 'incentives: {new_client_reward_percent: }']) {
      expect(validate(parseYaml(text)), text).toBe(true);
      expect(parsePolicyFile(text, 'p'), text).toEqual(DEFAULT_POLICY);
    }
  });
});
