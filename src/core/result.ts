/**
 * Expected refusals are values, not exceptions: a use case returns
 * `ok(value)` or `refuse(code, details)`, and the views put the code in
 * words through i18n (refusalView in src/views/problem-views.ts).
 */
export type Ok<T> = { ok: true; value: T };
export type Refusal<C extends string = string> = {
  ok: false;
  code: C;
  details: Record<string, string | number>;
};
export type Result<T, C extends string = string> = Ok<T> | Refusal<C>;

export const ok = <T>(value: T): Ok<T> => ({ ok: true, value });

export const refuse = <C extends string>(
  code: C,
  details: Record<string, string | number> = {},
): Refusal<C> => ({ ok: false, code, details });
