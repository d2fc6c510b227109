// "Delete my account" with a modal confirm dialog (native <dialog>: focus is kept inside,
// Escape cancels). Focus starts on Cancel, the safe choice.
import type { JSX } from "preact";
import { useRef, useState } from "preact/hooks";
import { ApiError } from "../api";
import { useApp } from "../context";

export function DeleteAccount(): JSX.Element {
  const { t, api, signOut } = useApp();
  const dialogRef = useRef<HTMLDialogElement>(null);
  const openerRef = useRef<HTMLButtonElement>(null);
  const cancelRef = useRef<HTMLButtonElement>(null);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);

  const open = () => {
    setError(null);
    dialogRef.current?.showModal();
    cancelRef.current?.focus();
  };
  const close = () => {
    dialogRef.current?.close();
  };
  const confirm = async () => {
    setBusy(true);
    setError(null);
    try {
      await api.deleteMe();
      dialogRef.current?.close();
      signOut("accountDeleted");
    } catch (e) {
      if (e instanceof ApiError && e.status === 401) {
        dialogRef.current?.close();
        signOut("sessionExpired");
        return;
      }
      setError(e instanceof ApiError && e.code !== "network" ? e.message : t("errNetwork"));
    } finally {
      setBusy(false);
    }
  };

  return (
    <>
      <button type="button" class="btn btn--quiet btn--danger-text" ref={openerRef} onClick={open}>
        {t("deleteAccount")}
      </button>
      <dialog ref={dialogRef} class="dialog" aria-labelledby="delete-title" aria-describedby="delete-body"
        onClose={() => openerRef.current?.focus()}>
        <h2 id="delete-title">{t("deleteConfirmTitle")}</h2>
        <p id="delete-body">{t("deleteConfirmBody")}</p>
        {error && <p class="form-error" role="alert">{error}</p>}
        <div class="dialog__actions">
          <button type="button" class="btn btn--secondary" ref={cancelRef} onClick={close} disabled={busy}>
            {t("cancel")}
          </button>
          <button type="button" class="btn btn--danger" onClick={confirm} disabled={busy}>
            {busy ? t("deleting") : t("deleteConfirmButton")}
          </button>
        </div>
      </dialog>
    </>
  );
}
