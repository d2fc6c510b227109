import { describe, expect, it } from "vitest";
import { LangFromLocale, LocaleForLang, Translate } from "./i18n";

describe("i18n", () => {
  it("maps locales to a supported UI language, English by default", () => {
    expect(LangFromLocale("es-MX")).toBe("es");
    expect(LangFromLocale("ES")).toBe("es");
    expect(LangFromLocale("es_419")).toBe("es");
    expect(LangFromLocale("en-GB")).toBe("en");
    expect(LangFromLocale("fr-FR")).toBe("en");
    expect(LangFromLocale(undefined)).toBe("en");
    expect(LangFromLocale("")).toBe("en");
  });

  it("keeps the browser's region, which decides the hotlines", () => {
    expect(LocaleForLang("es", "es-MX")).toBe("es-MX");
    expect(LocaleForLang("en", "es-MX")).toBe("en-MX");
    expect(LocaleForLang("es", ["en-US"])).toBe("es-US");
    expect(LocaleForLang("en", "en-US")).toBe("en-US");
    expect(LocaleForLang("es", "es-419")).toBe("es");
    expect(LocaleForLang("es", null)).toBe("es");
    expect(LocaleForLang("es", ["es", "es-MX", "en-US"])).toBe("es-MX");
    expect(LocaleForLang("en", ["es", "es-MX", "en-US"])).toBe("en-US");
    expect(LocaleForLang("en", ["en_GB"])).toBe("en-GB");
  });

  it("fills placeholders and translates to Spanish", () => {
    expect(Translate("en", "call", { phone: "988" })).toBe("Call 988");
    expect(Translate("es", "call", { phone: "988" })).toBe("Llamar al 988");
    expect(Translate("en", "hours", {})).toBe("Hours: {hours}");
  });

  it("shows the help link text in both languages whatever the UI language", () => {
    expect(Translate("en", "helpLink")).toBe("Get help now / Ayuda inmediata");
    expect(Translate("es", "helpLink")).toBe("Get help now / Ayuda inmediata");
  });
});
