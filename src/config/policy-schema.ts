/**
 * The policy file's JSON Schema (examples/policy.schema.json, for editors)
 * and the Policy as the file writes it (for `npm run policy -- check`), both
 * made from the reader's own schema in policy-file.ts: its keys (spelled by
 * fileKeyOf), its nesting, and each leaf's JSON Schema and unit registered in
 * POLICY_LEAVES. A key added to the reader is in the schema at once; a leaf
 * that neither has its JSON Schema registered nor is one zod can describe
 * stops the generation with its key (and so the drift test).
 */
import { z } from 'zod';
import { DEFAULT_POLICY, type Policy } from '../core/policy.ts';
import { fileKeyOf, type JsonSchema, OverridesSchema, POLICY_LEAVES, type PolicyLeaf, PolicySchema, policyKeyPath } from './policy-file.ts';

type Path = (string | number)[];

const isPlainObject = (v: unknown): v is Record<string, unknown> =>
  typeof v === 'object' && v !== null && !Array.isArray(v);

/**
 * A leaf's JSON Schema and unit: as registered in POLICY_LEAVES, else, for a
 * plain zod schema with no transform (say z.string().min(1)), what zod says
 * of it, in the same units. A transform zod cannot describe stops here.
 */
const leafOf = (schema: z.ZodType, path: Path): PolicyLeaf => {
  const leaf = POLICY_LEAVES.get(schema);
  if (leaf) return leaf;
  const unknown = new Error(
    `policy schema: ${policyKeyPath(path)}: a ${schema.def.type} with no JSON Schema; register its leaf in POLICY_LEAVES (policy-file.ts)`,
  );
  // zod describes a transform by its input, often z.unknown(): that would let an editor accept anything.
  if (schema instanceof z.ZodPipe || schema instanceof z.ZodTransform) throw unknown;
  let described: JsonSchema;
  try {
    described = z.toJSONSchema(schema, { target: 'draft-7', io: 'input' }) as JsonSchema;
  } catch {
    throw unknown;
  }
  const { $schema: _dialect, ...json } = described;
  void _dialect;
  if (Object.keys(json).length === 0) throw unknown;
  return { json };
};

/**
 * A schema of the reader as JSON Schema. `defaults` is the Policy's value at
 * that place, shown to editors in the file's units. A mapping may also be
 * null: the reader takes `leads:` with every key commented out as no overrides.
 */
function toJsonSchema(schema: z.ZodType, defaults: unknown, path: Path): JsonSchema {
  if (schema instanceof z.ZodOptional) return toJsonSchema(schema.unwrap() as z.ZodType, defaults, path);
  if (schema instanceof z.ZodObject) {
    const properties: Record<string, JsonSchema> = {};
    const required: string[] = [];
    for (const [key, inner] of Object.entries(schema.shape as Record<string, z.ZodType>)) {
      const innerDefaults = isPlainObject(defaults) ? defaults[key] : undefined;
      const property = toJsonSchema(inner, innerDefaults, [...path, key]);
      properties[fileKeyOf(key)] =
        property.type === 'object' ? { ...property, type: ['object', 'null'] } : property;
      if (!(inner instanceof z.ZodOptional)) required.push(fileKeyOf(key));
    }
    return { type: 'object', properties, ...(required.length > 0 && { required }), additionalProperties: false };
  }
  if (schema instanceof z.ZodArray) {
    // The default is the whole list's: an item has none of its own.
    return {
      type: 'array',
      items: toJsonSchema(schema.element as z.ZodType, undefined, [...path, 0]),
      ...(Array.isArray(defaults) && { default: inFileUnits(schema, defaults, path) }),
    };
  }
  if (schema instanceof z.ZodRecord) {
    return { type: 'object', additionalProperties: toJsonSchema(schema.valueType as z.ZodType, undefined, [...path, '*']) };
  }
  const { json } = leafOf(schema, path);
  return { ...json, ...(defaults !== undefined && { default: inFileUnits(schema, defaults, path) }) };
}

/** A value of the Policy (at `path`, read by `schema`) in the file's keys and units: fen as yuan, basis points as percent. */
function inFileUnits(schema: z.ZodType, value: unknown, path: Path): unknown {
  if (schema instanceof z.ZodOptional) return inFileUnits(schema.unwrap() as z.ZodType, value, path);
  if (schema instanceof z.ZodObject && isPlainObject(value)) {
    const shape = schema.shape as Record<string, z.ZodType>;
    return Object.fromEntries(
      Object.entries(value).map(([key, v]) => [fileKeyOf(key), shape[key] ? inFileUnits(shape[key], v, [...path, key]) : v]),
    );
  }
  if (schema instanceof z.ZodArray && Array.isArray(value)) {
    return value.map((v, i) => inFileUnits(schema.element as z.ZodType, v, [...path, i]));
  }
  if (schema instanceof z.ZodRecord && isPlainObject(value)) {
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, inFileUnits(schema.valueType as z.ZodType, v, [...path, k])]));
  }
  const { toFile } = leafOf(schema, path);
  return toFile ? (toFile as (v: unknown) => unknown)(value) : value;
}

/** The Policy as a policy file would write it in full: file keys, yuan, percents. */
export function policyAsWritten(policy: Policy): Record<string, unknown> {
  return inFileUnits(PolicySchema, policy, []) as Record<string, unknown>;
}

/** The JSON Schema (draft-07) of a policy file, as published in examples/policy.schema.json. */
export function policyJsonSchema(): JsonSchema {
  const body = toJsonSchema(OverridesSchema, DEFAULT_POLICY, []);
  return {
    $schema: 'http://json-schema.org/draft-07/schema#',
    title: 'policy-bot policy file (POLICY_FILE)',
    description:
      'Overrides of the policy defaults (docs/policy.md); every key is optional. Money in whole yuan, percents 0 to 100, ' +
      'times "HH:MM". Made by `npm run policy -- schema` from the reader; `npm run policy -- check FILE` checks a file in full.',
    ...body,
    // An empty file (or one of comments only) is the defaults.
    type: ['object', 'null'],
  };
}
