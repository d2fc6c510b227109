// Shared helpers for the auth forms: client-side checks and mapping API errors to fields.
import { ApiError, kNetworkErrorCode } from "../api";
import type { MessageKey } from "../i18n";

export type FieldErrors = Record<string, string>;

/** A loose email check (the server has the final word). */
export function LooksLikeEmail(email: string): boolean {
  return /^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(email.trim());
}

/**
 * Splits an error into a form-level message and field errors: an ApiError with a known
 * field highlights that field (and also shows its message at the form level).
 */
export function ErrorsFrom(
  e: unknown,
  fields: readonly string[],
  t: (k: MessageKey) => string,
): { message: string; fieldErrors: FieldErrors } {
  if (e instanceof ApiError) {
    if (e.code === kNetworkErrorCode) return { message: t("errNetwork"), fieldErrors: {} };
    if (e.field && fields.includes(e.field)) {
      return { message: e.message, fieldErrors: { [e.field]: e.message } };
    }
    return { message: e.message, fieldErrors: {} };
  }
  return { message: e instanceof Error ? e.message : String(e), fieldErrors: {} };
}

/** Focuses the first invalid input of a form (by field order), or the form error. */
export function FocusFirstError(fields: readonly string[], fieldErrors: FieldErrors, formErrorId: string): void {
  requestAnimationFrame(() => {
    const first = fields.find((f) => fieldErrors[f]);
    const el = first ? document.getElementById(first) : null;
    if (el) {
      el.focus();
    } else {
      const fe = document.getElementById(formErrorId);
      if (fe) {
        fe.tabIndex = -1;
        fe.focus();
      }
    }
  });
}
