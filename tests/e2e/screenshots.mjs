// Design review helper (not a test): screenshots of every page at desktop, 375px and
// 360px widths, in English and Spanish, into a temp dir (printed).
//   node tests/e2e/screenshots.mjs      (HAVEN_URL optional, as for the test)
import { join } from "node:path";
import { kPassword, RandomEmail, Setup } from "./browser.mjs";

const kSizes = [
  ["desktop", { width: 1280, height: 860 }],
  ["375", { width: 375, height: 740 }],
  ["360", { width: 360, height: 640 }],
];

const env = await Setup();
try {
  for (const [sizeName, viewport] of kSizes) {
    const page = await env.context.newPage();
    await page.setViewportSize(viewport);
    const shot = async (name) => {
      const path = join(env.shotsDir, `${name}-${sizeName}.png`);
      await page.screenshot({ path });
      console.log(path);
    };
    await page.goto(`${env.base}/#/signup`);
    await page.locator("#email").waitFor();
    await shot("signup");
    await page.locator("#locale").selectOption("es");
    await shot("signup-es");
    await page.locator("#locale").selectOption("en");
    await page.goto(`${env.base}/#/login`);
    await page.locator("#email").waitFor();
    await shot("login");
    await page.goto(`${env.base}/#/help`);
    await page.locator('main a[href^="tel:"]').first().waitFor();
    await shot("help");
    await page.goto(`${env.base}/#/signup`);
    await page.locator("#email").fill(RandomEmail());
    await page.locator("#password").fill(kPassword);
    await page.locator('form button[type="submit"]').click();
    await page.locator("#message").waitFor();
    await page.waitForTimeout(300);
    await shot("chat-empty");
    for (const text of ["hi", "I feel so alone and sad today", "I want to kill myself"]) {
      await page.locator("#message").fill(text);
      await page.locator("#message").press("Enter");
      await page.waitForFunction(() => !document.querySelector(".composer__send[disabled]"));
    }
    await page.waitForTimeout(300);
    await shot("chat-crisis");
    await page.locator('[role="log"]').evaluate((el) => { el.scrollTop = el.scrollHeight; });
    await page.waitForTimeout(300);
    await shot("chat-crisis-end");
    await page.close();
  }
} finally {
  await env.close();
}
