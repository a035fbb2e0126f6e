import type { ColumnType, Generated, Insertable, Selectable } from 'kysely';

/**
 * Table types for Kysely. `bigint` columns come back as numbers and `date`
 * columns as 'YYYY-MM-DD' strings on both drivers (see connect.ts).
 */
type Timestamp = ColumnType<Date, Date | string, Date | string>;

export interface RegionsTable {
  name: string;
  active: Generated<boolean>;
}

export interface PeopleTable {
  id: string;
  name: string;
  role: string;
  region: string;
  manager_id: string | null;
  slack_id: string | null;
  feishu_id: string | null;
  locale: string | null;
  monthly_salary_fen: number | null;
  /** IANA zone of the person's reminders; null: the company's. */
  timezone: ColumnType<string | null, string | null | undefined, string | null>;
  active: Generated<boolean>;
  updated_at: ColumnType<Date, Date | string | undefined, Date | string>;
}

export interface SettingsTable {
  key: string;
  value: string;
}

export interface CompaniesTable {
  id: Generated<number>;
  name: string;
  norm_name: string;
  credit_code: string | null;
  region: string;
  owner_id: string;
  size: string;
  position: string;
  source: string | null;
  account_manager_id: string | null;
  annual_purchase_fen: number | null;
  grade: string | null;
  grade_overridden: Generated<boolean>;
  customer_since: Timestamp | null;
  created_at: Timestamp;
  /** LEAD-2: set on a company kept beside the one holding its normalised name (allowed, existing or re-keyed). */
  duplicate_of: ColumnType<number | null, number | null | undefined, number | null>;
  duplicate_flag: ColumnType<'allowed' | 'existing' | 'rekeyed' | null, 'allowed' | 'existing' | 'rekeyed' | null | undefined, 'allowed' | 'existing' | 'rekeyed' | null>;
}

/** LEAD-2: a report refused as a likely duplicate, held until a manager allows or refuses it. */
export interface HeldLeadsTable {
  id: Generated<number>;
  reporter_id: string;
  name: string;
  norm_name: string;
  credit_code: string;
  region: string;
  size: string;
  position: string;
  source: string | null;
  name_enc: string;
  phone_enc: string | null;
  email_enc: string | null;
  phone_bidx: string | null;
  email_bidx: string | null;
  key_id: string;
  work_date: string;
  reported_at: Timestamp;
  duplicate_of: number;
  status: Generated<'pending' | 'allowed' | 'refused'>;
  decided_by: string | null;
  decided_at: Timestamp | null;
  reason: string | null;
  company_id: number | null;
}

export interface ContactsTable {
  id: Generated<number>;
  company_id: number;
  name_enc: string;
  phone_enc: string | null;
  email_enc: string | null;
  phone_bidx: string | null;
  email_bidx: string | null;
  key_id: string;
  created_at: Timestamp;
}

export interface LeadsTable {
  id: Generated<number>;
  company_id: number;
  reporter_id: string;
  work_date: string;
  reported_at: Timestamp;
}

export interface GradeHistoryTable {
  id: Generated<number>;
  company_id: number;
  grade: string;
  source: 'purchase' | 'override';
  annual_purchase_fen: number | null;
  reason: string | null;
  changed_by: string;
  changed_at: Timestamp;
  /** CLI-1: 'pending' waits for the regional manager; 'confirmed' or 'kept' once decided; 'superseded' by a newer figure. */
  status: Generated<'effective' | 'pending' | 'confirmed' | 'kept' | 'superseded'>;
  previous_grade: string | null;
  decided_by: string | null;
  decided_at: Timestamp | null;
}

export interface VisitsTable {
  id: Generated<number>;
  company_id: number;
  visitor_id: string;
  method: 'phone' | 'onsite';
  note: string | null;
  visit_date: string;
  recorded_at: Timestamp;
}

export interface AuditLogTable {
  id: Generated<number>;
  at: Timestamp;
  actor_id: string;
  action: string;
  subject_type: string;
  subject_id: string;
  platform: string;
  details: ColumnType<Record<string, unknown>, string, never>;
}

export interface DeliveryReceiptsTable {
  source: string;
  delivery_id: string;
  received_at: ColumnType<Date, Date | string | undefined, Date | string>;
}

export interface LeadCelebrationsTable {
  person_id: string;
  work_date: string;
}

export interface OutboxTable {
  id: Generated<number>;
  dedupe_key: string;
  person_id: string;
  notice: ColumnType<Record<string, unknown>, string, string>;
  created_at: Timestamp;
  status: ColumnType<'pending' | 'sending' | 'sent' | 'failed', 'pending' | undefined, 'pending' | 'sending' | 'sent' | 'failed'>;
  attempts: ColumnType<number, number | undefined, number>;
  next_attempt_at: Timestamp;
  lease_until: Timestamp | null;
  sent_at: Timestamp | null;
  platform: string | null;
  ref: ColumnType<Record<string, string> | null, string | null, string | null>;
  update_of: number | null;
  last_error: string | null;
}

export interface ApprovalRequestsTable {
  id: Generated<number>;
  kind: 'expense' | 'promotion' | 'contract';
  requester_id: string;
  subject: string;
  amount_fen: number | null;
  event: string | null;
  /** EXP-1: the event's comparison key (eventKey), so a split event is judged on its total. */
  event_key: string | null;
  /** The event's running total this request was judged on, itself included. */
  event_total_fen: number | null;
  product: string | null;
  on_date: string | null;
  over_benchmark: boolean;
  status: 'pending' | 'approved' | 'rejected' | 'withdrawn' | 'expired';
  current_step: number;
  version: ColumnType<number, number | undefined, number>;
  reason: string | null;
  created_at: Timestamp;
  decided_at: Timestamp | null;
}

export interface ApprovalStepsTable {
  request_id: number;
  seq: number;
  role: string;
  approver_id: string;
  status: 'waiting' | 'pending' | 'approved' | 'rejected' | 'cancelled';
  pending_since: Timestamp | null;
  decided_by: string | null;
  decided_at: Timestamp | null;
  reason: string | null;
}

export interface DelegationsTable {
  id: Generated<number>;
  person_id: string;
  delegate_id: string;
  until: string;
  created_at: Timestamp;
  /** When an ended (or replaced) delegation's cards went back to the delegator. */
  returned_at: Timestamp | null;
}

export interface LeavesTable {
  id: Generated<number>;
  person_id: string;
  from_date: string;
  to_date: string;
  created_at: Timestamp;
}

export interface ReminderPrefsTable {
  person_id: string;
  muted: boolean;
  updated_at: Timestamp;
}

/**
 * People matched by e-mail or mobile (org file): the platform id the platform
 * answered, and a keyed fingerprint (HMAC) of the contact data it was matched
 * by, so a changed address in the file is never matched with the old answer.
 */
export interface PeopleMatchesTable {
  person_id: string;
  platform: string;
  platform_id: string;
  contact_fingerprint: string;
  matched_at: Timestamp;
}

/** TRN-1: one row per person, rule (or 'confidentiality') and version acknowledged. */
export interface PolicyAcksTable {
  person_id: string;
  item: string;
  version: string;
  acknowledged_at: Timestamp;
}

/** One planned moment of a scheduled job, taken by the one instance that runs it. */
export interface JobRunsTable {
  job: string;
  planned_at: Timestamp;
  started_at: Timestamp;
  finished_at: Timestamp | null;
  queued: number | null;
}

/** A sending budget shared by every process: the times (ms, the database's clock) of its last messages. */
export interface SendBudgetsTable {
  scope: string;
  taken: Generated<number>;
  second_ring: Generated<(number | null)[]>;
  minute_ring: Generated<(number | null)[]>;
}

export interface DealsTable {
  id: Generated<number>;
  company_id: number;
  owner_id: string;
  region: string;
  stage: number;
  status: string;
  amount_fen: number | null;
  /** A JSON array of the checklist's answers, in question order. */
  needs_answers: ColumnType<string[] | null, string | null, string | null>;
  needs_method: string | null;
  needs_recorded_at: Timestamp | null;
  proposal_products: string | null;
  proposal_pricing: string | null;
  proposal_service: string | null;
  proposal_recorded_at: Timestamp | null;
  lost_reason: string | null;
  version: Generated<number>;
  created_at: Timestamp;
  updated_at: Timestamp;
  closed_at: Timestamp | null;
}

export interface ContractsTable {
  id: Generated<number>;
  deal_id: number;
  company_id: number;
  owner_id: string;
  amount_fen: number;
  delivery_date: string;
  payment_method: string;
  term_days: number;
  penalty_bp: number;
  sign_method: string;
  status: string;
  approval_id: number | null;
  review_comment: string | null;
  due_date: string;
  signed_at: Timestamp | null;
  new_client: boolean | null;
  reward_fen: number | null;
  /** PIPE-4: the e-signature reference or paper contract number it was signed under. */
  sign_ref: ColumnType<string | null, string | null | undefined, string | null>;
  version: Generated<number>;
  created_at: Timestamp;
  updated_at: Timestamp;
}

export interface PaymentsTable {
  id: Generated<number>;
  contract_id: number;
  amount_fen: number;
  paid_on: string;
  recorded_by: string;
  recorded_at: Timestamp;
}

export interface FinanceLocksTable {
  /** 'YYYY-MM' */
  month: string;
  locked_by: string;
  locked_at: Timestamp;
}

export interface TicketsTable {
  id: Generated<number>;
  company_id: number;
  opened_by: string;
  owner_id: string;
  problem: string;
  opened_at: Timestamp;
  respond_by: Timestamp;
  first_response_at: Timestamp | null;
  first_responder_id: string | null;
  closed_at: Timestamp | null;
  closed_by: string | null;
  version: Generated<number>;
  /** When the sla job queued the overdue notices (CLI-4); it skips the ticket from then on. */
  overdue_notified_at: Timestamp | null;
}

export interface TicketResponsesTable {
  id: Generated<number>;
  ticket_id: number;
  responder_id: string;
  text: string;
  at: Timestamp;
}

export interface MonthlyGoalsTable {
  person_id: string;
  /** 'YYYY-MM' */
  month: string;
  sales_target_fen: number;
  new_clients_target: number;
  note: string | null;
  set_by: string;
  set_at: Timestamp;
  agreed_at: Timestamp | null;
}

export interface QuarterReviewsTable {
  id: Generated<number>;
  person_id: string;
  /** 'YYYY"Q"N' */
  quarter: string;
  sales_fen: number;
  new_clients: number;
  collection_rate_bp: number | null;
  attainment_bp: number;
  passed: boolean;
  /** Standing among those who passed; null for a failed review. */
  rank: number | null;
  bonus_multiple: number;
  computed_at: Timestamp;
}

/** KPI-5: the year-end bonus ranking, once a year after the fourth quarter's review. */
export interface YearBonusesTable {
  person_id: string;
  year: number;
  quarters: number;
  sales_fen: number;
  attainment_bp: number;
  rank: number;
  bonus_multiple: number;
  computed_at: Timestamp;
}

export interface ImprovementPlansTable {
  person_id: string;
  quarter: string;
  text: string;
  submitted_at: Timestamp;
  due_by: string;
}

export interface Database {
  regions: RegionsTable;
  people: PeopleTable;
  settings: SettingsTable;
  companies: CompaniesTable;
  contacts: ContactsTable;
  held_leads: HeldLeadsTable;
  leads: LeadsTable;
  grade_history: GradeHistoryTable;
  visits: VisitsTable;
  audit_log: AuditLogTable;
  delivery_receipts: DeliveryReceiptsTable;
  lead_celebrations: LeadCelebrationsTable;
  outbox: OutboxTable;
  approval_requests: ApprovalRequestsTable;
  approval_steps: ApprovalStepsTable;
  delegations: DelegationsTable;
  leaves: LeavesTable;
  reminder_prefs: ReminderPrefsTable;
  policy_acks: PolicyAcksTable;
  people_matches: PeopleMatchesTable;
  deals: DealsTable;
  contracts: ContractsTable;
  payments: PaymentsTable;
  finance_locks: FinanceLocksTable;
  tickets: TicketsTable;
  ticket_responses: TicketResponsesTable;
  monthly_goals: MonthlyGoalsTable;
  quarter_reviews: QuarterReviewsTable;
  year_bonuses: YearBonusesTable;
  improvement_plans: ImprovementPlansTable;
  job_runs: JobRunsTable;
  send_budgets: SendBudgetsTable;
}

export type PersonRow = Selectable<PeopleTable>;
export type NewPerson = Insertable<PeopleTable>;
export type CompanyRow = Selectable<CompaniesTable>;
export type ContactRow = Selectable<ContactsTable>;
