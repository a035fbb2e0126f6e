import type { Actor, CoreDeps, CoreResult } from '../ports.ts';
import { ok, refuse } from '../result.ts';
import { localDate, type IsoDate } from '../time.ts';
import type { Contract, Payment } from './types.ts';

export interface RecordPaymentCommand {
  contractId: number;
  amountFen: number;
  /** Null: today. */
  paidOn: IsoDate | null;
}

export interface RecordedPayment {
  payment: Payment;
  contract: Contract;
  receivedFen: number;
  outstandingFen: number;
  paidInFull: boolean;
}

/**
 * `/payment <contract> amount:… [date:…]` (CON-3): recorded by finance or the
 * contract's owner, against a signed contract only; never dated before its
 * signing, in the future or in a month finance has locked (KPI-3), never
 * above what is outstanding.
 * Finance tells the owner, the owner tells finance, through the outbox.
 */
export async function recordPayment(deps: CoreDeps, actor: Actor, cmd: RecordPaymentCommand): Promise<CoreResult<RecordedPayment>> {
  const now = deps.clock.now();
  const today = localDate(now, deps.timezone);
  const paidOn = cmd.paidOn ?? today;
  if (paidOn > today) return refuse('payment_date_future', { date: paidOn, today });
  return deps.store.transaction(async (tx) => {
    // Locked: two payments recorded at once cannot both fit in what is outstanding.
    const contract = await tx.contracts.byId(cmd.contractId, 'for update');
    if (!contract) return refuse('contract_not_found', { id: cmd.contractId });
    const byFinance = actor.person.role === 'finance';
    if (!byFinance && actor.person.id !== contract.ownerId) {
      const owner = await tx.directory.personById(contract.ownerId);
      return refuse('not_payment_recorder', { id: contract.id, owner: owner?.name ?? contract.ownerId });
    }
    if (contract.status !== 'signed') return refuse('contract_not_signed', { id: contract.id, status: contract.status });
    const signedOn = contract.signedAt ? localDate(contract.signedAt, deps.timezone) : null;
    if (signedOn && paidOn < signedOn) return refuse('payment_before_signing', { id: contract.id, date: paidOn, signed: signedOn });
    const month = paidOn.slice(0, 7);
    // Held until commit: finance cannot lock the month between this check and the insert (KPI-3).
    await tx.payments.holdMonth(month);
    if (await tx.payments.isLocked(month)) return refuse('month_locked', { month });
    const before = await tx.payments.receivedFor(contract.id);
    const outstandingBefore = contract.amountFen - before;
    if (cmd.amountFen > outstandingBefore) return refuse('payment_over_amount', { id: contract.id, outstandingFen: outstandingBefore, amountFen: cmd.amountFen });

    const payment = await tx.payments.insert({ contractId: contract.id, amountFen: cmd.amountFen, paidOn, recordedBy: actor.person.id, recordedAt: now });
    const receivedFen = before + cmd.amountFen;
    const outstandingFen = contract.amountFen - receivedFen;
    const tell = byFinance ? [contract.ownerId] : (await tx.directory.withRole('finance')).map((p) => p.id);
    for (const personId of tell.filter((id) => id !== actor.person.id)) {
      await tx.outbox.enqueue(
        {
          dedupeKey: `payment:${payment.id}:to:${personId}`,
          personId,
          notice: {
            kind: 'payment_recorded',
            contractId: contract.id,
            company: contract.companyName,
            amountFen: cmd.amountFen,
            paidOn,
            receivedFen,
            contractFen: contract.amountFen,
            by: actor.person.name,
            paidInFull: outstandingFen === 0,
          },
        },
        now,
      );
    }
    await tx.audit.record({
      at: now,
      actorId: actor.person.id,
      action: 'payment.record',
      subjectType: 'contract',
      subjectId: String(contract.id),
      platform: actor.platform,
      details: { payment: payment.id, amountFen: cmd.amountFen, paidOn },
    });
    return ok({ payment, contract, receivedFen, outstandingFen, paidInFull: outstandingFen === 0 });
  });
}
