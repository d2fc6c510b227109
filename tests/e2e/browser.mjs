// Shared set-up for the browser tests: Debian's chromium through playwright-core, a fresh
// profile in a temp dir, and the app under test (HAVEN_URL, else the mock server).
import { existsSync } from "node:fs";
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { chromium } from "playwright-core";
import { kDistDir, StartMockServer } from "./mock-server.mjs";

export const kChromium = process.env.HAVEN_CHROMIUM || "/usr/bin/chromium";
export const kArgs = [
  "--headless",
  "--no-sandbox",
  "--disable-gpu",
  "--disable-quic",
  "--no-first-run",
  "--disable-background-networking",
  "--disable-component-update",
  "--disable-sync",
];

/**
 * Starts the browser (and the mock server when HAVEN_URL is unset). Returns
 * { base, context, shotsDir, close }.
 */
export async function Setup() {
  let base = process.env.HAVEN_URL?.replace(/\/+$/, "");
  let mock = null;
  if (!base) {
    if (!existsSync(join(kDistDir, "index.html"))) {
      throw new Error(`HAVEN_URL is not set and ${kDistDir} has no build: run "npm ci && npm run build" in web/`);
    }
    mock = await StartMockServer();
    base = mock.url;
  }
  const profile = await mkdtemp(join(tmpdir(), "haven-e2e-profile-"));
  const shotsDir = process.env.HAVEN_SCREENSHOT_DIR || (await mkdtemp(join(tmpdir(), "haven-e2e-shots-")));
  // launchPersistentContext passes the fresh profile as --user-data-dir.
  const context = await chromium.launchPersistentContext(profile, {
    executablePath: kChromium,
    headless: true,
    args: kArgs,
    locale: "en-US",
    viewport: { width: 1280, height: 860 },
  });
  context.setDefaultTimeout(20_000);
  const close = async () => {
    await context.close().catch(() => {});
    if (mock) await new Promise((ok) => mock.server.close(ok));
    await rm(profile, { recursive: true, force: true });
  };
  return { base, context, shotsDir, mock, close };
}

/**
 * A new tab with the app's stored state (session, language) cleared: the tests share one
 * browser profile, and a test that fails half-way must not leave the next one signed in or in
 * another language.
 */
export async function FreshPage(env) {
  const page = await env.context.newPage();
  await page.goto(`${env.base}/#/login`);
  await page.evaluate(() => localStorage.clear());
  return page;
}

/** A fresh address for a throwaway account. */
export function RandomEmail() {
  return `e2e-${Date.now().toString(36)}-${Math.random().toString(36).slice(2, 8)}@example.com`;
}

export const kPassword = "calm-harbour-2024";

/** Presses Tab until `selector` has focus; fails after `max` presses. */
export async function TabTo(page, selector, max = 40) {
  for (let i = 0; i < max; i++) {
    if (await page.evaluate((s) => document.activeElement?.matches(s) ?? false, selector)) return i;
    await page.keyboard.press("Tab");
  }
  throw new Error(`Tab never reached ${selector} in ${max} presses`);
}

/** Number of messages by `author` in the chat log. */
export function CountMessages(page, author) {
  return page.locator(`[role="log"] [data-author="${author}"]`).count();
}

/** Waits until the log holds more than `n` messages by `author`. */
export async function WaitForMoreMessages(page, author, n, timeout = 20_000) {
  await page.waitForFunction(
    ([a, k]) => document.querySelectorAll(`[role="log"] [data-author="${a}"]`).length > k,
    [author, n],
    { timeout },
  );
}

/**
 * Collects the page's script errors and console errors (CSP violations included), except
 * the browser's own "Failed to load resource" lines for expected 4xx answers.
 */
export function WatchErrors(page) {
  const errors = [];
  page.on("pageerror", (e) => errors.push(`pageerror: ${e.message}`));
  page.on("console", (m) => {
    if (m.type() === "error" && !m.text().startsWith("Failed to load resource")) errors.push(m.text());
  });
  return errors;
}
