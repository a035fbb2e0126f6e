import type { PolicyErrorCode } from '../core/errors.ts';

/**
 * Platform-neutral replies. Every string in a View is already in the reader's
 * language; adapters only lay it out (Block Kit, Feishu card, terminal text).
 */
export type Tone = 'info' | 'success' | 'warning' | 'danger';

export interface Button {
  label: string;
  /** The command text the button runs, as if the person had typed it. */
  command: string;
  style?: 'primary' | 'danger';
}

export type Block =
  | { type: 'text'; text: string }
  | { type: 'fields'; fields: { label: string; value: string }[] }
  | { type: 'progress'; label: string; current: number; target: number }
  | { type: 'list'; items: string[] }
  | { type: 'note'; text: string }
  | { type: 'actions'; buttons: Button[] }
  | TableBlock
  | ChartBlock;

/** A column of a table: its heading, and how its cells line up (numbers and money to the right). */
export interface TableColumn {
  label: string;
  align?: 'left' | 'right' | 'center';
}

/**
 * Rows of cells under headed columns (`/deals`, `/kpi team`, `/leads`, `/approvals`):
 * a Slack table block, a Feishu table component, aligned columns in the terminal,
 * and lines where a platform has no table to offer. Every row has one cell per
 * column; an empty cell is ''. The views page long lists, so a table holds one page.
 */
export interface TableBlock {
  type: 'table';
  columns: TableColumn[];
  rows: string[][];
}

/**
 * A chart, said as data so each platform draws it its own way (a Feishu card
 * chart, a PNG on Slack, text lines in the console): one value per category
 * in every series, in `unit` ('%': percent of a target, 100 = met).
 */
export interface ChartBlock {
  type: 'chart';
  kind: 'bar' | 'line';
  title: string;
  categories: string[];
  series: { name: string; values: number[] }[];
  unit: string;
}

export interface FormFieldView {
  key: string;
  label: string;
  required: boolean;
  /** 'date', 'person' and 'company' are pickers where the platform has them (see FormField), text in the console. */
  kind: 'text' | 'multiline' | 'choice' | 'date' | 'person' | 'company';
  /**
   * A choice's values; a person field's people (value: the directory id, with
   * their platform ids, for pickers that list platform users); a company
   * field's companies (value: the name), as many as a static list may hold.
   */
  options?: FormOption[];
  value?: string;
  error?: string;
}

export interface FormOption {
  value: string;
  label: string;
  /** A person's ids on the platforms (Slack user id, Feishu open_id), for person pickers. */
  platformIds?: { slack?: string; feishu?: string };
}

export interface FormView {
  /** The form's name in the command registry: the adapter hands it back with the values when the form is submitted. */
  name: string;
  title: string;
  submitLabel: string;
  cancelLabel: string;
  fields: FormFieldView[];
  /**
   * Lines shown above the fields, inside the form itself (a Slack modal, a
   * Feishu form card): what a paste read that has no field of its own.
   */
  notes?: string[];
}

/**
 * A file the reply sends along (the refused rows of an import, an export):
 * CSV text, or the bytes of a workbook or a picture. The adapter uploads it
 * beside the message (Slack, Feishu) or writes it to disk (the console).
 */
export interface FileToSend {
  name: string;
  mime: FileMime;
  /** The whole file: text (a UTF-8 BOM first where Excel needs one to read UTF-8) or bytes. */
  content: string | Uint8Array;
}

export type FileMime = 'text/csv' | 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet' | 'image/png';

/** The bytes to upload: text as UTF-8. */
export const fileBytes = (file: FileToSend): Uint8Array => (typeof file.content === 'string' ? new TextEncoder().encode(file.content) : file.content);

export interface View {
  tone: Tone;
  title?: string;
  blocks: Block[];
  /** Set when the reply is a form to fill in. */
  form?: FormView;
  /** A file sent with the reply, to the person who asked only (like `sensitive`). */
  file?: FileToSend;
  /**
   * Holds client contact data in full (SEC-2): an adapter shows it only to
   * the person who asked, never in a group chat or a channel.
   */
  sensitive?: boolean;
  /** The platform delivered this command again after it had its effect: nothing new to say. */
  repeated?: boolean;
  /**
   * Set when the reply is a refusal of the policy core: its code. Adapters
   * do not show it (the words are in the blocks); it lets tests tell which
   * rule answered without reading sentences.
   */
  refusal?: PolicyErrorCode;
}
