// Browser test of Haven's web app: sign up, chat, crisis reply with tel: links, help link,
// keyboard-only use, form errors, account deletion. Screenshots go to a temp dir.
//   HAVEN_URL=http://127.0.0.1:8080 node --test tests/e2e/
// Without HAVEN_URL it starts tests/e2e/mock-server.mjs on a free port (needs web/dist).
import assert from "node:assert/strict";
import { after, before, test } from "node:test";
import { join } from "node:path";
import { CountMessages, FreshPage, RandomEmail, Setup, TabTo, WaitForMoreMessages, WatchErrors, kPassword } from "./browser.mjs";

let env;
before(async () => {
  env = await Setup();
  console.log(`testing ${env.base}; screenshots in ${env.shotsDir}`);
});
after(async () => {
  await env?.close();
});

async function SignUp(page, email = RandomEmail()) {
  await page.goto(`${env.base}/#/signup`);
  await page.locator("#email").fill(email);
  await page.locator("#password").fill(kPassword);
  await page.locator("#display_name").fill("E2E");
  await page.locator('form button[type="submit"]').click();
  await page.locator("#message").waitFor({ state: "visible" });
  return email;
}

const kAbuseHeading = "If someone is hurting or threatening you";  // web/src/i18n.ts abuseLinesHeading

async function Shot(page, name) {
  const path = join(env.shotsDir, name);
  await page.screenshot({ path, fullPage: false });
  console.log(`screenshot: ${path}`);
  return path;
}

test("sign up, chat, crisis reply with tel: link, help link", async () => {
  const page = await FreshPage(env);
  const errors = WatchErrors(page);
  await SignUp(page);
  assert.match(page.url(), /#\/chat$/);

  const log = page.locator('[role="log"]');
  assert.equal(await log.getAttribute("aria-live"), "polite");

  // A companion reply to "hi".
  const before = await CountMessages(page, "companion");
  await page.locator("#message").fill("hi");
  await page.locator("#message").press("Enter");
  await WaitForMoreMessages(page, "companion", before);
  const reply = page.locator('[role="log"] [data-author="companion"]').last();
  assert.ok((await reply.innerText()).trim().length > 0, "companion reply has text");
  assert.equal(await page.locator("#message").inputValue(), "", "composer cleared after sending");

  // A crisis message gets the crisis reply with tappable tel: links.
  await page.locator("#message").fill("I want to kill myself");
  await page.locator("#message").press("Enter");
  const crisis = page.locator('[role="log"] [data-kind="crisis"]').last();
  await crisis.waitFor({ state: "visible" });
  const tel = crisis.locator('a[href^="tel:"]').first();
  await tel.waitFor({ state: "visible" });
  assert.match(await tel.getAttribute("href"), /^tel:\+?[0-9*#]+$/);
  assert.equal(await crisis.getByText(kAbuseHeading).count(), 0, "a crisis about oneself has no abuse lines");

  // Danger from someone else: the crisis card puts the domestic-violence lines first.
  const crises = await page.locator('[role="log"] [data-kind="crisis"]').count();
  await page.locator("#message").fill("he hit me again tonight and i'm scared");
  await page.locator("#message").press("Enter");
  await page.waitForFunction((n) => document.querySelectorAll('[role="log"] [data-kind="crisis"]').length > n, crises);
  const abuse = page.locator('[role="log"] [data-kind="crisis"]').last();
  assert.equal(await abuse.locator(".resources__sub").first().innerText(), kAbuseHeading);
  // Under the card's own h2, its sections are h3: a true outline for screen readers.
  assert.equal(await abuse.locator(".resources__sub").first().evaluate((el) => el.tagName), "H3");
  const firstLine = abuse.locator(".hotline").first();
  assert.ok(await firstLine.evaluate((el) => el.classList.contains("hotline--primary")));
  await firstLine.locator('a[href^="tel:"]').first().waitFor({ state: "visible" });
  await abuse.scrollIntoViewIfNeeded();
  await Shot(page, "chat-abuse-desktop.png");

  // The help link is in the header of the chat page.
  const help = page.locator('header a[href="#/help"]');
  assert.equal(await help.count(), 1);
  assert.match(await help.innerText(), /Get help now/);
  assert.ok(await help.isVisible());

  await Shot(page, "chat-desktop.png");
  await page.setViewportSize({ width: 375, height: 740 });
  await crisis.scrollIntoViewIfNeeded();
  await Shot(page, "chat-phone.png");
  // No horizontal scrolling at phone width.
  const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
  assert.ok(overflow <= 0, `page is ${overflow}px wider than a 375px screen`);
  assert.deepEqual(errors, [], "no script errors or CSP violations");
  await page.close();
});

test("keyboard only: sign up, tab to the textarea, type, Enter sends, Shift+Enter adds a line", async () => {
  const page = await FreshPage(env);
  await page.goto(`${env.base}/`);  // redirects to #/signup
  await page.locator("#email").waitFor();
  await page.keyboard.press("Tab");
  assert.equal(await page.evaluate(() => document.activeElement?.className), "skip-link", "first Tab: skip link");
  await TabTo(page, 'header a[href="#/help"]', 8);  // the help link is early in the tab order
  await TabTo(page, "#email");
  await page.keyboard.type(RandomEmail());
  await page.keyboard.press("Tab");
  await page.keyboard.type(kPassword);
  await TabTo(page, 'form button[type="submit"]', 6);
  await page.keyboard.press("Enter");
  await page.locator("#message").waitFor({ state: "visible" });

  // Focus moved to the new page's heading; Tab reaches the textarea from there.
  await page.waitForFunction(() => document.activeElement?.id === "page-title");
  await TabTo(page, "#message", 15);
  await page.keyboard.type("line one");
  await page.keyboard.press("Shift+Enter");
  await page.keyboard.type("line two");
  assert.equal(await page.locator("#message").inputValue(), "line one\nline two");
  assert.equal(await CountMessages(page, "user"), 0, "Shift+Enter does not send");

  await page.keyboard.press("Enter");
  await WaitForMoreMessages(page, "companion", 0);
  const mine = page.locator('[role="log"] [data-author="user"] .msg__text').last();
  assert.equal(await mine.innerText(), "line one\nline two");
  assert.equal(await page.evaluate(() => document.activeElement?.id), "message", "focus stays in the composer");
  await Shot(page, "keyboard.png");
  await page.close();
});

test("logged out: help page lists hotlines; language switch; sign-up errors are tied to their fields", async () => {
  const page = await FreshPage(env);
  await page.goto(`${env.base}/#/login`);
  await page.locator('header a[href="#/help"]').click();
  await page.locator('main a[href^="tel:"]').first().waitFor({ state: "visible" });
  // The help page lists the abuse lines too, under their own heading, with a call button.
  const abuseHeading = page.locator("main .resources__sub", { hasText: kAbuseHeading });
  await abuseHeading.waitFor({ state: "visible" });
  const abuseList = abuseHeading.locator("xpath=following-sibling::ul[1]");
  await abuseList.locator('a[href^="tel:"]').first().waitFor({ state: "visible" });
  await Shot(page, "help-desktop.png");
  await page.setViewportSize({ width: 375, height: 740 });
  await Shot(page, "help-phone.png");
  await page.setViewportSize({ width: 1280, height: 860 });

  // The language selector switches the UI (and <html lang>) to Spanish and back.
  await page.goto(`${env.base}/#/signup`);
  await page.locator("#locale").selectOption("es");
  await page.locator("h1", { hasText: "Crea tu cuenta" }).waitFor();
  await page.waitForFunction(() => document.documentElement.lang === "es", null, { timeout: 2000 });
  assert.match(await page.locator('header a[href="#/help"]').innerText(), /Ayuda inmediata/);
  await page.locator("#locale").selectOption("en");
  await page.locator("h1", { hasText: "Create your account" }).waitFor();

  await page.locator("#email").fill(RandomEmail());
  await page.locator("#password").fill("short");
  await page.locator('form button[type="submit"]').click();
  const pw = page.locator("#password");
  await page.waitForFunction(() => document.getElementById("password")?.getAttribute("aria-invalid") === "true");
  assert.match(await pw.getAttribute("aria-describedby"), /password-error/);
  assert.ok((await page.locator("#password-error").innerText()).length > 0);
  // Focus moves in the frame after the error renders: wait for it rather than race it.
  await page.waitForFunction(() => document.activeElement?.id === "password", null, { timeout: 2000 })
    .catch(() => assert.fail("focus did not move to the invalid field (password)"));
  await Shot(page, "signup-error.png");

  // The server's error (duplicate email) is shown near the form.
  const email = await SignUp(page);
  await page.locator("header button", { hasText: /Log out/ }).click();
  await page.locator("#login-error").waitFor({ state: "attached" });
  await page.goto(`${env.base}/#/signup`);
  await page.locator("#email").fill(email);
  await page.locator("#password").fill(kPassword);
  await page.locator('form button[type="submit"]').click();
  await page.waitForFunction(() => (document.getElementById("signup-error")?.textContent ?? "").trim().length > 0);
  await page.close();
});

test("log in again, history is shown, then delete the account", async () => {
  const page = await FreshPage(env);
  const email = await SignUp(page);
  await page.locator("#message").fill("hello from the history test");
  await page.locator("#message").press("Enter");
  await WaitForMoreMessages(page, "companion", 0);
  await page.locator("#message").fill("he hit me again tonight and i'm scared");
  await page.locator("#message").press("Enter");
  await page.locator('[role="log"] [data-kind="crisis"]').first().waitFor();
  await page.locator("header button", { hasText: /Log out/ }).click();

  await page.locator("#email").fill(email);
  await page.locator("#password").fill(kPassword);
  await page.locator('form button[type="submit"]').click();
  await page.locator('[role="log"] [data-author="user"]', { hasText: "hello from the history test" }).waitFor();
  // The stored abuse reply is redrawn with the abuse lines first, as it was shown.
  const storedCrisis = page.locator('[role="log"] [data-kind="crisis"]').last();
  await storedCrisis.locator(".resources__sub").first().waitFor();
  assert.equal(await storedCrisis.locator(".resources__sub").first().innerText(), kAbuseHeading);

  await page.locator("button", { hasText: /Delete my account/ }).click();
  const dialog = page.locator("dialog[open]");
  await dialog.waitFor({ state: "visible" });
  assert.equal(await page.evaluate(() => document.activeElement?.textContent), "Cancel", "Cancel has focus first");
  await Shot(page, "delete-dialog.png");
  await dialog.locator("button", { hasText: /delete everything/ }).click();
  await page.locator(".notice").waitFor();
  assert.match(page.url(), /#\/login$/);

  // The deleted account can no longer log in.
  await page.locator("#email").fill(email);
  await page.locator("#password").fill(kPassword);
  await page.locator('form button[type="submit"]').click();
  await page.waitForFunction(() => (document.getElementById("login-error")?.textContent ?? "").trim().length > 0);
  await page.close();
});
