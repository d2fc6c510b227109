// Small i18n module: English and Spanish UI strings, chosen from the user's locale, the
// language selector, or navigator.language (in that order).

export type Lang = "en" | "es";
export const kLangs: readonly Lang[] = ["en", "es"];

const en = {
  appName: "Haven",
  tagline: "A calm place to talk things through, any time.",
  skipToContent: "Skip to main content",
  helpLink: "Get help now / Ayuda inmediata",
  language: "Language",
  langName_en: "English",
  langName_es: "Español",
  navLogin: "Log in",
  navSignup: "Sign up",
  navChat: "Chat",
  logout: "Log out",
  loading: "Loading…",

  signupTitle: "Create your account",
  signupIntro: "Your conversations are private and encrypted. You can delete everything at any time.",
  email: "Email",
  password: "Password",
  passwordHint: "At least 10 characters.",
  displayName: "What should we call you? (optional)",
  locale: "Language",
  signupButton: "Create account",
  signingUp: "Creating account…",
  haveAccount: "Already have an account?",
  loginInstead: "Log in",
  errPasswordShort: "Your password needs at least 10 characters.",
  errEmailInvalid: "Enter an email address like name@example.com.",
  errRequired: "This field is required.",

  loginTitle: "Welcome back",
  loginButton: "Log in",
  loggingIn: "Logging in…",
  noAccount: "New here?",
  signupInstead: "Create an account",
  sessionExpired: "Your session has ended. Please log in again.",
  accountDeleted: "Your account and all your data have been deleted.",
  loggedOut: "You have logged out.",

  chatTitle: "Chat with Haven",
  chatIntro: "Say whatever is on your mind. Haven is an AI companion, not a therapist or emergency service.",
  messagesLabel: "Conversation",
  messageLabel: "Your message",
  messagePlaceholder: "Type your message…",
  messageHint: "Press Enter to send, Shift+Enter for a new line.",
  send: "Send",
  sending: "Sending…",
  companionTyping: "Haven is writing…",
  you: "You",
  companion: "Haven",
  emptyChat: "No messages yet. How are you feeling today?",
  newConversation: "New conversation",
  errEmptyMessage: "Write a message first.",
  errNetwork: "Could not reach Haven. Check your connection and try again.",
  elevatedNote: "It sounds like things are heavy right now. Help is always one tap away.",

  crisisHeading: "Help is available right now",
  crisisTalkToPerson: "Would you like to talk to a person now? You can call or text one of these services.",
  crisisEmergency: "In immediate danger? Call {number}.",
  call: "Call {phone}",
  text: "Text {sms}",
  website: "Website",
  hours: "Hours: {hours}",
  seeAllHotlines: "See all hotlines",
  international: "Outside this country",

  deleteAccount: "Delete my account",
  deleteConfirmTitle: "Delete your account?",
  deleteConfirmBody: "All your conversations and data will be permanently deleted. This cannot be undone.",
  deleteConfirmButton: "Yes, delete everything",
  cancel: "Cancel",
  deleting: "Deleting…",

  helpTitle: "Get help now",
  helpIntro: "If you are thinking about suicide or hurting yourself, or you are in danger, please reach out now. You do not have to go through this alone.",
  helpEmergency: "Emergency services: {number}",
  helpFallback: "If this list does not load, call your local emergency number (for example 911 in the United States and Mexico, 112 in the European Union).",
  helpAlways: "If you cannot get through to any of these services, call your local emergency number (for example 911 in the United States and Mexico, 112 in the European Union).",
  helpLoadError: "Could not load the hotline list.",
  retry: "Try again",
  backToChat: "Back to chat",
  source: "Source: {source}",
  sourceLink: "Source",
  callLocalEmergency: "If you are in danger right now, call your local emergency number.",

  notFoundTitle: "Page not found",
  goHome: "Go to the start page",
};

export type MessageKey = keyof typeof en;

const es: Record<MessageKey, string> = {
  appName: "Haven",
  tagline: "Un lugar tranquilo para hablar de lo que sientes, a cualquier hora.",
  skipToContent: "Saltar al contenido principal",
  helpLink: "Get help now / Ayuda inmediata",
  language: "Idioma",
  langName_en: "English",
  langName_es: "Español",
  navLogin: "Iniciar sesión",
  navSignup: "Registrarse",
  navChat: "Chat",
  logout: "Cerrar sesión",
  loading: "Cargando…",

  signupTitle: "Crea tu cuenta",
  signupIntro: "Tus conversaciones son privadas y están cifradas. Puedes borrarlo todo en cualquier momento.",
  email: "Correo electrónico",
  password: "Contraseña",
  passwordHint: "Al menos 10 caracteres.",
  displayName: "¿Cómo quieres que te llamemos? (opcional)",
  locale: "Idioma",
  signupButton: "Crear cuenta",
  signingUp: "Creando cuenta…",
  haveAccount: "¿Ya tienes una cuenta?",
  loginInstead: "Inicia sesión",
  errPasswordShort: "Tu contraseña necesita al menos 10 caracteres.",
  errEmailInvalid: "Escribe un correo como nombre@ejemplo.com.",
  errRequired: "Este campo es obligatorio.",

  loginTitle: "Hola de nuevo",
  loginButton: "Iniciar sesión",
  loggingIn: "Iniciando sesión…",
  noAccount: "¿Eres nuevo?",
  signupInstead: "Crea una cuenta",
  sessionExpired: "Tu sesión terminó. Vuelve a iniciar sesión.",
  accountDeleted: "Tu cuenta y todos tus datos han sido eliminados.",
  loggedOut: "Has cerrado sesión.",

  chatTitle: "Habla con Haven",
  chatIntro: "Cuenta lo que tengas en mente. Haven es un acompañante de IA, no un terapeuta ni un servicio de emergencias.",
  messagesLabel: "Conversación",
  messageLabel: "Tu mensaje",
  messagePlaceholder: "Escribe tu mensaje…",
  messageHint: "Pulsa Intro para enviar y Mayús+Intro para una nueva línea.",
  send: "Enviar",
  sending: "Enviando…",
  companionTyping: "Haven está escribiendo…",
  you: "Tú",
  companion: "Haven",
  emptyChat: "Aún no hay mensajes. ¿Cómo te sientes hoy?",
  newConversation: "Nueva conversación",
  errEmptyMessage: "Escribe un mensaje primero.",
  errNetwork: "No se pudo conectar con Haven. Revisa tu conexión e inténtalo de nuevo.",
  elevatedNote: "Parece que estás pasando por un momento difícil. La ayuda está siempre a un toque.",

  crisisHeading: "Hay ayuda disponible ahora mismo",
  crisisTalkToPerson: "¿Quieres hablar ahora con una persona? Puedes llamar o escribir a uno de estos servicios.",
  crisisEmergency: "¿Estás en peligro inmediato? Llama al {number}.",
  call: "Llamar al {phone}",
  text: "Enviar SMS: {sms}",
  website: "Sitio web",
  hours: "Horario: {hours}",
  seeAllHotlines: "Ver todas las líneas de ayuda",
  international: "Fuera de este país",

  deleteAccount: "Borrar mi cuenta",
  deleteConfirmTitle: "¿Borrar tu cuenta?",
  deleteConfirmBody: "Todas tus conversaciones y datos se borrarán para siempre. No se puede deshacer.",
  deleteConfirmButton: "Sí, borrar todo",
  cancel: "Cancelar",
  deleting: "Borrando…",

  helpTitle: "Ayuda inmediata",
  helpIntro: "Si estás pensando en el suicidio o en hacerte daño, o estás en peligro, busca ayuda ahora. No tienes que pasar por esto en soledad.",
  helpEmergency: "Servicios de emergencia: {number}",
  helpFallback: "Si esta lista no carga, llama al número de emergencias local (por ejemplo, 911 en México y Estados Unidos, 112 en la Unión Europea).",
  helpAlways: "Si no logras comunicarte con ninguno de estos servicios, llama al número de emergencias local (por ejemplo, 911 en México y Estados Unidos, 112 en la Unión Europea).",
  helpLoadError: "No se pudo cargar la lista de líneas de ayuda.",
  retry: "Reintentar",
  backToChat: "Volver al chat",
  source: "Fuente: {source}",
  sourceLink: "Fuente",
  callLocalEmergency: "Si estás en peligro ahora mismo, llama al número de emergencias local.",

  notFoundTitle: "Página no encontrada",
  goHome: "Ir a la página de inicio",
};

const kTables: Record<Lang, Record<MessageKey, string>> = { en, es };

/** Returns the UI string for `key` in `lang`, with `{name}` placeholders filled from vars. */
export function Translate(lang: Lang, key: MessageKey, vars?: Record<string, string | number>): string {
  const template = kTables[lang][key] ?? en[key];
  if (!vars) return template;
  return template.replace(/\{(\w+)\}/g, (whole, name: string) =>
    name in vars ? String(vars[name]) : whole,
  );
}

/** Maps a BCP 47 tag ("es-MX", "en", "ES") to a supported UI language; English otherwise. */
export function LangFromLocale(locale: string | null | undefined): Lang {
  const primary = (locale ?? "").trim().toLowerCase().split(/[-_]/)[0];
  return primary === "es" ? "es" : "en";
}

/**
 * Picks the locale to send to the API for a UI language: the first of the browser's
 * languages that is of that language and names a region (keeps "es-MX": the region decides
 * the hotlines), else the language with the region of another browser language ("es-US"),
 * else the bare language code.
 */
export function LocaleForLang(lang: Lang, browser_locales: string | readonly string[] | null | undefined): string {
  const list = typeof browser_locales === "string" ? [browser_locales] : (browser_locales ?? []);
  const withRegion = list.filter((tag) => /^[A-Za-z]{2,3}[-_][A-Za-z]{2}$/.test(tag));
  const same = withRegion.find((tag) => LangFromLocale(tag) === lang);
  if (same) return same.replace("_", "-");
  // Another language's region still says where the person is ("es" chosen, browser "en-US").
  if (withRegion.length > 0) return `${lang}-${withRegion[0].slice(-2).toUpperCase()}`;
  return lang;
}

/** The browser's preferred languages, most preferred first. */
export function BrowserLocales(): readonly string[] {
  if (typeof navigator === "undefined") return [];
  return navigator.languages?.length ? navigator.languages : [navigator.language];
}
