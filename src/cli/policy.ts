import { readFileSync } from 'node:fs';
import { ConfigError } from '../config/config-error.ts';
import { DEFAULT_ORG_FILE } from '../config/env.ts';
import { loadEnvFile } from '../config/env-file.ts';
import { loadOrgFile } from '../config/org-file.ts';
import { showDifference, policyDifferences } from '../config/policy-diff.ts';
import { policyProblemsWithOrg, readPolicyText } from '../config/policy-file.ts';
import { policyJsonSchema } from '../config/policy-schema.ts';
import { exitWith } from './run.ts';

const USAGE = 'usage: npm run policy -- check <policy.yaml>   (or: npm run -s policy -- schema > examples/policy.schema.json)';

/**
 * `npm run policy -- check FILE`: checks a policy file as the bot does at
 * start (the same sentences, each naming its key, one a line) and says how it
 * differs from the defaults, in the file's yuan and percents. Exit 0 when the
 * bot would start with it, 1 otherwise. A top approver it names is looked up
 * in ORG_FILE (the environment or .env, else the sample), as at start.
 * Opens no database, so it is safe beside a running bot.
 *
 * `npm run -s policy -- schema`: prints the file's JSON Schema, made from
 * the reader (examples/policy.schema.json is this output; a test compares).
 */
function main(args: string[]): void {
  const [verb, file] = args;
  if (verb === 'schema' && file === undefined) {
    process.stdout.write(`${JSON.stringify(policyJsonSchema(), null, 2)}\n`);
    return;
  }
  if (verb !== 'check' || !file) throw new ConfigError(USAGE);

  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (err) {
    throw new ConfigError(`POLICY_FILE ${file}: cannot read the file (${(err as Error).message})`);
  }
  const reading = readPolicyText(text);
  const out: string[] = [];
  let problems = reading.ok ? [] : reading.problems;
  if (reading.ok && reading.policy.expenses.topApprover !== null) {
    loadEnvFile();
    const orgFile = process.env.ORG_FILE?.trim() || DEFAULT_ORG_FILE;
    const org = loadOrgFile(orgFile);
    problems = policyProblemsWithOrg(reading.policy, org.people.map((p) => p.id), orgFile);
    if (problems.length === 0) out.push(`expenses.top_approver: a person of ORG_FILE ${orgFile}`);
  }
  if (!reading.ok || problems.length > 0) {
    const count = problems.length === 1 ? '1 problem' : `${problems.length} problems`;
    process.stderr.write(`POLICY_FILE ${file}: ${count}; the bot would not start with this file:\n${problems.map((p) => `  ${p}\n`).join('')}`);
    process.exitCode = 1;
    return;
  }

  const changed = policyDifferences(reading.policy);
  const summary =
    changed.length === 0
      ? 'the same as the defaults'
      : `${changed.length === 1 ? '1 key differs' : `${changed.length} keys differ`} from the defaults (default → this file):`;
  process.stdout.write(
    [`POLICY_FILE ${file}: valid; ${summary}`, ...changed.map((d) => `  ${showDifference(d)}`), ...out].join('\n') + '\n',
  );
}

try {
  main(process.argv.slice(2));
} catch (error) {
  exitWith(error);
}
