// Sign up: email, password (≥ 10 characters), optional display name, language.
import type { JSX } from "preact";
import { useState } from "preact/hooks";
import { Field, FormError } from "../components/Field";
import { PageTitle } from "../components/PageTitle";
import { useApp } from "../context";
import { BrowserLocales, kLangs, LocaleForLang, type Lang } from "../i18n";
import { HashFor } from "../router";
import { ErrorsFrom, FocusFirstError, LooksLikeEmail, type FieldErrors } from "./forms";

const kFields = ["email", "password", "display_name", "locale"] as const;
export const kMinPasswordLength = 10;

export function SignupPage(): JSX.Element {
  const { t, lang, setLang, api, signIn } = useApp();
  const [email, setEmail] = useState("");
  const [password, setPassword] = useState("");
  const [displayName, setDisplayName] = useState("");
  const [busy, setBusy] = useState(false);
  const [message, setMessage] = useState<string | null>(null);
  const [fieldErrors, setFieldErrors] = useState<FieldErrors>({});

  const onSubmit = async (e: Event) => {
    e.preventDefault();
    const errs: FieldErrors = {};
    if (!LooksLikeEmail(email)) errs.email = t("errEmailInvalid");
    if (password.length < kMinPasswordLength) errs.password = t("errPasswordShort");
    if (Object.keys(errs).length > 0) {
      setFieldErrors(errs);
      setMessage(null);
      FocusFirstError(kFields, errs, "signup-error");
      return;
    }
    setBusy(true);
    setMessage(null);
    setFieldErrors({});
    try {
      const auth = await api.signup({
        email: email.trim(),
        password,
        display_name: displayName.trim() || undefined,
        locale: LocaleForLang(lang, BrowserLocales()),
      });
      signIn(auth);
    } catch (err) {
      const r = ErrorsFrom(err, kFields, t);
      setMessage(r.message);
      setFieldErrors(r.fieldErrors);
      FocusFirstError(kFields, r.fieldErrors, "signup-error");
    } finally {
      setBusy(false);
    }
  };

  return (
    <div class="card auth">
      <PageTitle>{t("signupTitle")}</PageTitle>
      <p class="lede">{t("signupIntro")}</p>
      <form onSubmit={onSubmit} noValidate aria-describedby="signup-error">
        <FormError id="signup-error" message={message} />
        <Field id="email" label={t("email")} type="email" autoComplete="email" value={email}
          onInput={setEmail} error={fieldErrors.email} required />
        <Field id="password" label={t("password")} type="password" autoComplete="new-password"
          value={password} onInput={setPassword} hint={t("passwordHint")}
          error={fieldErrors.password} required minLength={kMinPasswordLength} />
        <Field id="display_name" label={t("displayName")} autoComplete="nickname"
          value={displayName} onInput={setDisplayName} error={fieldErrors.display_name} />
        <div class={"field" + (fieldErrors.locale ? " field--invalid" : "")}>
          <label for="locale">{t("locale")}</label>
          <select id="locale" name="locale" value={lang}
            aria-invalid={fieldErrors.locale ? "true" : undefined}
            aria-describedby={fieldErrors.locale ? "locale-error" : undefined}
            onChange={(e) => setLang((e.currentTarget as HTMLSelectElement).value as Lang)}>
            {kLangs.map((l) => (
              <option key={l} value={l} lang={l}>{t(`langName_${l}`)}</option>
            ))}
          </select>
          {fieldErrors.locale && <p class="field__error" id="locale-error">{fieldErrors.locale}</p>}
        </div>
        <button type="submit" class="btn btn--primary btn--block" disabled={busy}>
          {busy ? t("signingUp") : t("signupButton")}
        </button>
      </form>
      <p class="auth__switch">
        {t("haveAccount")} <a href={HashFor("login")}>{t("loginInstead")}</a>
      </p>
    </div>
  );
}
