import { exportsRepo } from './exports-repo.ts';
import type { Kysely } from 'kysely';
import type { Repositories, Store, Tx } from '../core/ports.ts';
import type { Refusal } from '../core/result.ts';
import type { Keyring } from '../crypto/keyring.ts';
import { approvalsRepo } from './approvals-repo.ts';
import { auditRepo } from './audit-repo.ts';
import { availabilityRepo } from './availability-repo.ts';
import { delegationsRepo } from './delegations-repo.ts';
import { dealsRepo } from './deals-repo.ts';
import { companiesRepo } from './companies-repo.ts';
import { contractsRepo } from './contracts-repo.ts';
import { paymentsRepo } from './payments-repo.ts';
import type { Database } from './database.ts';
import { cachedDirectory } from './directory-cache.ts';
import { deliveryReceiptsRepo } from './delivery-receipts-repo.ts';
import { directoryRepo } from './directory-repo.ts';
import { leadsRepo } from './leads-repo.ts';
import { heldLeadsRepo } from './held-leads-repo.ts';
import { outboxRepo } from './outbox-repo.ts';
import { performanceRepo } from './performance-repo.ts';
import { policyAcksRepo } from './policy-acks-repo.ts';
import { visitsRepo } from './visits-repo.ts';
import { clientArchiveRepo } from './client-archive-repo.ts';
import { ticketsRepo } from './tickets-repo.ts';

/** Carries a refusal out of Kysely's transaction callback so that it rolls back. */
class RollbackForRefusal extends Error {
  constructor(readonly refusal: Refusal<any>) {
    super('rolled back for a refusal');
  }
}

/**
 * Every repository on one executor. On `db` they serve `direct` as
 * Repositories, the type without the locks: a lock taken outside a
 * transaction would end with its own statement.
 */
export function repositories(db: Kysely<Database>, keyring: Keyring): Tx {
  return {
    deals: dealsRepo(db),
    availability: availabilityRepo(db),
    delegations: delegationsRepo(db),
    approvals: approvalsRepo(db),
    outbox: outboxRepo(db),
    deliveries: deliveryReceiptsRepo(db),
    directory: directoryRepo(db),
    companies: companiesRepo(db, keyring),
    leads: leadsRepo(db, keyring),
    heldLeads: heldLeadsRepo(db, keyring),
    visits: visitsRepo(db),
    archive: clientArchiveRepo(db),
    audit: auditRepo(db),
    tickets: ticketsRepo(db),
    contracts: contractsRepo(db),
    payments: paymentsRepo(db),
    performance: performanceRepo(db),
    policyAcks: policyAcksRepo(db),
    exports: exportsRepo(db, keyring),
  };
}

/**
 * The core's Store on Kysely. Repositories are built on the transaction, so
 * every query of a use case runs on its one connection (PGlite has only one:
 * a query on `db` inside the transaction would wait forever).
 */
export function kyselyStore(db: Kysely<Database>, keyring: Keyring, options: { directoryTtlMs?: number } = {}): Store {
  // Inside a transaction the directory is read fresh; outside, lookups may come from the cache.
  const directory = cachedDirectory(options.directoryTtlMs ?? 0);
  let outside: Repositories | undefined;
  return {
    async transaction(work) {
      try {
        return await db.transaction().execute(async (trx) => {
          const result = await work(repositories(trx, keyring));
          if (!result.ok) throw new RollbackForRefusal(result);
          return result;
        });
      } catch (error) {
        if (error instanceof RollbackForRefusal) return error.refusal;
        throw error;
      }
    },
    direct(work) {
      // Repositories on `db` are built once, not on every command, so what one remembers lasts as
      // long as the store (the leads repository's targets already celebrated); a transaction's are its own.
      outside ??= (() => {
        const repos = repositories(db, keyring);
        return { ...repos, directory: directory.wrap(repos.directory) };
      })();
      return work(outside);
    },
  };
}
