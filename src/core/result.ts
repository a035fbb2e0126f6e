/**
 * Expected refusals are values, not exceptions (design.md): a use case returns
 * `ok(value)` or `refuse(code, details)`, and adapters map the code to a
 * sentence through i18n with an exhaustive switch.
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
