import type { RecordPaymentCommand } from '../../core/contracts/record-payment.ts';
import type { CommandFamily } from '../family.ts';
import { dateField, textField, wordsField } from '../../grammar/form-field.ts';
import { CONTRACT_KEYS, type ContractKey } from './contract-keys.ts';
import { buildContract, buildPayment, type ContractAction } from './read-contract.ts';
import { runContract, runPayment } from './run-contract.ts';

export type ContractsCommand = { kind: 'contract'; input: ContractAction } | { kind: 'payment'; input: RecordPaymentCommand };

/** `/contract` and `/payment` (CON-1..3): draft a deal's contract within the policy's terms, legal's approval, signing, payments. */
export const contractsFamily = {
  name: 'contracts',
  keys: CONTRACT_KEYS,
  commands: {
    contract: {
      words: { en: ['contract'], 'zh-CN': ['合同'] },
      keys: ['amount', 'delivery', 'method', 'term', 'penalty', 'sign', 'sign_ref'],
      read: (raw, ctx) => {
        const contract = buildContract(raw, ctx);
        return contract.ok ? { ok: true, value: { kind: 'contract', input: contract.value } } : contract;
      },
    },
    payment: {
      words: { en: ['payment'], 'zh-CN': ['回款'] },
      keys: ['amount', 'date'],
      read: (raw, ctx) => {
        const payment = buildPayment(raw, ctx);
        return payment.ok ? { ok: true, value: { kind: 'payment', input: payment.value } } : payment;
      },
    },
  },
  forms: {
    /** `/contract` alone: draft a deal's contract (CON-1), mapped back as `/contract <deal> amount:… …`. */
    contract: {
      command: 'contract',
      fields: [
        { ...wordsField('deal_id'), issueField: 'contract_deal' },
        textField('amount', true),
        dateField('delivery', true),
        { ...textField('method', true), issueField: 'payment_method' },
        textField('term', true),
        textField('penalty', true),
        { key: 'sign', required: true, kind: 'choice', options: ['esign', 'paper'] },
      ],
    },
    /** `/payment` alone: record a payment (CON-3), mapped back as `/payment <contract> amount:… date:…`. */
    payment: { command: 'payment', fields: [wordsField('contract_id'), textField('amount', true), dateField('date')] },
  },
  kinds: ['contract', 'payment'],
  run: (command, env) => (command.kind === 'contract' ? runContract(command.input, env) : runPayment(command.input, env)),
} satisfies CommandFamily<ContractsCommand, ContractKey>;
