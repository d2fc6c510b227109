// Log in with email and password.
import type { JSX } from "preact";
import { useEffect, useState } from "preact/hooks";
import { Field, FormError } from "../components/Field";
import { PageTitle } from "../components/PageTitle";
import { useApp } from "../context";
import { HashFor } from "../router";
import { ErrorsFrom, FocusFirstError, type FieldErrors } from "./forms";

const kFields = ["email", "password"] as const;

export function LoginPage(): JSX.Element {
  const { t, api, signIn, notice, clearNotice } = useApp();
  const [email, setEmail] = useState("");
  const [password, setPassword] = useState("");
  const [busy, setBusy] = useState(false);
  const [message, setMessage] = useState<string | null>(null);
  const [fieldErrors, setFieldErrors] = useState<FieldErrors>({});
  useEffect(() => clearNotice, []);  // the notice is for this visit only

  const onSubmit = async (e: Event) => {
    e.preventDefault();
    const errs: FieldErrors = {};
    if (!email.trim()) errs.email = t("errRequired");
    if (!password) errs.password = t("errRequired");
    if (Object.keys(errs).length > 0) {
      setFieldErrors(errs);
      setMessage(null);
      FocusFirstError(kFields, errs, "login-error");
      return;
    }
    setBusy(true);
    setMessage(null);
    setFieldErrors({});
    try {
      signIn(await api.login({ email: email.trim(), password }));
    } catch (err) {
      const r = ErrorsFrom(err, kFields, t);
      setMessage(r.message);
      setFieldErrors(r.fieldErrors);
      FocusFirstError(kFields, r.fieldErrors, "login-error");
    } finally {
      setBusy(false);
    }
  };

  return (
    <div class="card auth">
      <PageTitle>{t("loginTitle")}</PageTitle>
      {notice && <p class="notice" role="status">{t(notice)}</p>}
      <form onSubmit={onSubmit} noValidate aria-describedby="login-error">
        <FormError id="login-error" message={message} />
        <Field id="email" label={t("email")} type="email" autoComplete="email" value={email}
          onInput={setEmail} error={fieldErrors.email} required />
        <Field id="password" label={t("password")} type="password" autoComplete="current-password"
          value={password} onInput={setPassword} error={fieldErrors.password} required />
        <button type="submit" class="btn btn--primary btn--block" disabled={busy}>
          {busy ? t("loggingIn") : t("loginButton")}
        </button>
      </form>
      <p class="auth__switch">
        {t("noAccount")} <a href={HashFor("signup")}>{t("signupInstead")}</a>
      </p>
    </div>
  );
}
