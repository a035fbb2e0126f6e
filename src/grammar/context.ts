import { parseDate } from './values/date.ts';

export interface ParseContext {
  /** Today in the company's zone, for dates such as 明天 or 12月1日. */
  today: string;
}

/** A date parser for today's context; a date without a context is a bug in the caller. */
export const dateIn = (ctx: ParseContext | undefined) => (text: string) => {
  if (!ctx) throw new Error('a date was given but the parser has no today');
  return parseDate(text, ctx.today);
};
