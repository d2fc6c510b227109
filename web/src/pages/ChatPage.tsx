// Chat with the companion: message log, composer (Enter sends, Shift+Enter new line),
// crisis replies with hotlines, new conversation, delete account.
import type { JSX } from "preact";
import { useEffect, useRef, useState } from "preact/hooks";
import { ApiError, kNetworkErrorCode, type CrisisResources, type Danger, type StoredMessage } from "../api";
import { FormError } from "../components/Field";
import { PageTitle } from "../components/PageTitle";
import { CrisisCard } from "../components/Resources";
import { useApp } from "../context";
import { HashFor } from "../router";
import { DeleteAccount } from "./DeleteAccount";

export interface ChatItem {
  id: string;
  author: "user" | "companion";
  kind: string;
  text: string;
  resources?: CrisisResources;
  /** For a crisis reply: "others" puts the abuse lines first (stored with the reply since
   *  2026-12-04; unknown for replies stored before, which show the general lines first). */
  danger?: Danger;
  elevated?: boolean;
}

/** Newest conversation first (by updated_at, then created_at). */
export function LatestConversationId(list: { id: string; created_at: string; updated_at: string }[]): string | null {
  let best: { id: string; key: string } | null = null;
  for (const c of list) {
    const key = c.updated_at || c.created_at || "";
    if (!best || key > best.key) best = { id: c.id, key };
  }
  return best ? best.id : null;
}

function FromStored(m: StoredMessage): ChatItem {
  return { id: m.id, author: m.author === "user" ? "user" : "companion", kind: m.kind, text: m.text, danger: m.danger };
}

let localSeq = 0;
function LocalId(): string {
  localSeq += 1;
  return `local-${Date.now()}-${localSeq}`;
}

function Message(props: { item: ChatItem }): JSX.Element {
  const { t } = useApp();
  const m = props.item;
  if (m.author === "companion" && m.kind === "crisis") {
    return (
      <div class="msg msg--companion msg--crisis" data-author="companion" data-kind="crisis" data-id={m.id}>
        <span class="visually-hidden">{t("companion")}: </span>
        <CrisisCard text={m.text} resources={m.resources} danger={m.danger} headingId={`crisis-${m.id}`} />
      </div>
    );
  }
  return (
    <div class={`msg msg--${m.author}`} data-author={m.author} data-kind={m.kind} data-id={m.id}>
      <span class="msg__author">{m.author === "user" ? t("you") : t("companion")}</span>
      <p class="msg__text">{m.text}</p>
      {m.elevated && (
        <p class="msg__note">
          {t("elevatedNote")} <a href={HashFor("help")}>{t("seeAllHotlines")}</a>
        </p>
      )}
    </div>
  );
}

export function ChatPage(): JSX.Element {
  const { t, api, signOut } = useApp();
  const [items, setItems] = useState<ChatItem[]>([]);
  const [conversationId, setConversationId] = useState<string | null>(null);
  const [draft, setDraft] = useState("");
  const [sending, setSending] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [textInvalid, setTextInvalid] = useState(false);
  const [loadingHistory, setLoadingHistory] = useState(true);
  const logRef = useRef<HTMLDivElement>(null);
  const inputRef = useRef<HTMLTextAreaElement>(null);

  const handleError = (e: unknown): boolean => {
    if (e instanceof ApiError && e.status === 401) {
      signOut("sessionExpired");
      return true;
    }
    return false;
  };

  useEffect(() => {
    let live = true;
    (async () => {
      try {
        const { conversations } = await api.conversations();
        const id = LatestConversationId(conversations ?? []);
        if (!id || !live) return;
        const { messages } = await api.messages(id);
        if (!live) return;
        setConversationId(id);
        setItems((messages ?? []).map(FromStored));
      } catch (e) {
        // History is a convenience: a failure leaves an empty, working chat.
        if (live) handleError(e);
      } finally {
        if (live) setLoadingHistory(false);
      }
    })();
    return () => {
      live = false;
    };
  }, []);

  useEffect(() => {
    const log = logRef.current;
    if (!log) return;
    const last = log.lastElementChild as HTMLElement | null;
    if (last && last.dataset.kind === "crisis") {
      // Show the start of a crisis card (the hotlines follow) rather than its end.
      log.scrollTop = last.offsetTop - log.offsetTop - 8;
    } else {
      log.scrollTop = log.scrollHeight;
    }
  }, [items.length, sending]);

  const autoGrow = () => {
    const el = inputRef.current;
    if (!el) return;
    el.style.height = "auto";
    el.style.height = `${Math.min(el.scrollHeight + 2, 200)}px`;
  };

  const send = async () => {
    if (sending) return;
    const text = draft.trim();
    if (!text) {
      setError(t("errEmptyMessage"));
      setTextInvalid(true);
      inputRef.current?.focus();
      return;
    }
    const mine: ChatItem = { id: LocalId(), author: "user", kind: "text", text };
    setItems((xs) => [...xs, mine]);
    setDraft("");
    setError(null);
    setTextInvalid(false);
    setSending(true);
    requestAnimationFrame(autoGrow);
    try {
      const res = await api.sendMessage(text, conversationId ?? undefined);
      setConversationId(res.conversation_id);
      const replies: ChatItem[] = (res.replies ?? []).map((r, i, all) => ({
        id: LocalId(),
        author: "companion",
        kind: r.kind,
        text: r.text,
        resources: r.kind === "crisis" ? res.resources : undefined,
        danger: r.kind === "crisis" ? res.risk?.danger : undefined,
        elevated: res.risk?.level === "elevated" && i === all.length - 1 && r.kind !== "check_in",
      }));
      if (res.risk?.level === "crisis" && !replies.some((r) => r.kind === "crisis")) {
        // Never let a crisis pass without the hotlines, whatever the replies' kinds.
        replies.push({ id: LocalId(), author: "companion", kind: "crisis", text: "", resources: res.resources, danger: res.risk?.danger });
      }
      setItems((xs) => [...xs, ...replies]);
    } catch (e) {
      if (handleError(e)) return;
      setItems((xs) => xs.filter((x) => x.id !== mine.id));
      setDraft(text);
      if (e instanceof ApiError && e.code !== kNetworkErrorCode) {
        setError(e.message);
        setTextInvalid(e.field === "text" || e.field === undefined);
      } else {
        setError(t("errNetwork"));
      }
    } finally {
      setSending(false);
      inputRef.current?.focus();
    }
  };

  const onKeyDown = (e: KeyboardEvent) => {
    if (e.key === "Enter" && !e.shiftKey && !e.isComposing && !e.altKey && !e.ctrlKey && !e.metaKey) {
      e.preventDefault();
      void send();
    }
  };

  const newConversation = () => {
    setConversationId(null);
    setItems([]);
    setError(null);
    setTextInvalid(false);
    inputRef.current?.focus();
  };

  const describedBy = ["message-hint", error ? "chat-error" : null].filter(Boolean).join(" ");

  return (
    <div class="chat">
      <div class="chat__head">
        <div>
          <PageTitle class="chat__title">{t("chatTitle")}</PageTitle>
          <p class="chat__intro">{t("chatIntro")}</p>
        </div>
        <div class="chat__tools">
          <button type="button" class="btn btn--quiet" onClick={newConversation} disabled={sending}>
            {t("newConversation")}
          </button>
          <DeleteAccount />
        </div>
      </div>
      <div class="chat__log" ref={logRef} role="log" aria-live="polite" aria-label={t("messagesLabel")}
        aria-busy={loadingHistory ? "true" : undefined} tabIndex={0}>
        {items.length === 0 && !loadingHistory && <p class="chat__empty">{t("emptyChat")}</p>}
        {items.map((m) => (
          <Message key={m.id} item={m} />
        ))}
      </div>
      <p class="chat__typing" aria-hidden="true">{sending ? t("companionTyping") : "\u00a0"}</p>
      <form class="composer" onSubmit={(e) => { e.preventDefault(); void send(); }}>
        <FormError id="chat-error" message={error} />
        <label for="message" class="composer__label">{t("messageLabel")}</label>
        <p id="message-hint" class="composer__hint">{t("messageHint")}</p>
        <div class="composer__row">
          <textarea
            id="message"
            name="text"
            ref={inputRef}
            rows={2}
            placeholder={t("messagePlaceholder")}
            value={draft}
            aria-invalid={textInvalid ? "true" : undefined}
            aria-describedby={describedBy}
            onInput={(e) => {
              setDraft((e.currentTarget as HTMLTextAreaElement).value);
              if (textInvalid) setTextInvalid(false);
              autoGrow();
            }}
            onKeyDown={onKeyDown}
          />
          <button type="submit" class="btn btn--primary composer__send" disabled={sending}>
            {sending ? t("sending") : t("send")}
          </button>
        </div>
      </form>
    </div>
  );
}
