// A labelled form input whose hint and error are tied to it with aria-describedby; an
// error also sets aria-invalid.
import type { JSX } from "preact";

interface FieldProps {
  id: string;
  label: string;
  value: string;
  onInput: (value: string) => void;
  type?: "text" | "email" | "password";
  autoComplete?: string;
  hint?: string;
  error?: string | null;
  required?: boolean;
  minLength?: number;
  inputRef?: (el: HTMLInputElement | null) => void;
}

export function Field(props: FieldProps): JSX.Element {
  const hintId = props.hint ? `${props.id}-hint` : null;
  const errorId = props.error ? `${props.id}-error` : null;
  const describedBy = [errorId, hintId].filter(Boolean).join(" ") || undefined;
  return (
    <div class={"field" + (props.error ? " field--invalid" : "")}>
      <label for={props.id}>{props.label}</label>
      {props.hint && (
        <p class="field__hint" id={hintId!}>
          {props.hint}
        </p>
      )}
      <input
        id={props.id}
        name={props.id}
        // Preact 11 types each input type separately; all three share the text-like attributes.
        type={(props.type ?? "text") as "text"}
        value={props.value}
        autoComplete={props.autoComplete}
        required={props.required}
        minLength={props.minLength}
        aria-invalid={props.error ? "true" : undefined}
        aria-describedby={describedBy}
        ref={props.inputRef}
        onInput={(e) => props.onInput((e.currentTarget as HTMLInputElement).value)}
      />
      {props.error && (
        <p class="field__error" id={errorId!}>
          {props.error}
        </p>
      )}
    </div>
  );
}

/** A form-level message (role=alert so screen readers announce it when it appears). */
export function FormError(props: { id: string; message: string | null }): JSX.Element {
  return (
    <div id={props.id} class={props.message ? "form-error" : "form-error form-error--empty"} role="alert">
      {props.message}
    </div>
  );
}
