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
    // Check-ins: the list, a question, a WHO-5 result (twice, for the chart) and the history.
    await page.goto(`${env.base}/#/checkins`);
    await page.locator(".instruments").waitFor();
    await shot("checkins");
    for (const pick of [1, 4]) {
      await page.goto(`${env.base}/#/checkins`);
      await page.locator('[data-instrument="who5"] a.instrument__start').click();
      await page.locator("fieldset.question").waitFor();
      if (pick === 1) await shot("checkins-question");
      while (!(await page.locator(".result").count())) {
        const id = await page.locator("fieldset.question").getAttribute("data-item");
        await page.locator("label.option").nth(pick).click();
        await page.locator("button.take__next").click();
        await page.waitForFunction((prev) => document.querySelector(".result") ||
          document.querySelector("fieldset.question")?.getAttribute("data-item") !== prev, id);
      }
    }
    await shot("checkins-result");
    await page.goto(`${env.base}/#/checkins/history`);
    await page.locator(".chart canvas").waitFor();
    await shot("checkins-history");
    await page.locator("#locale, .lang-select select").first().selectOption("es");
    await page.locator(".chart canvas").waitFor();
    await page.waitForTimeout(200);
    await shot("checkins-history-es");
    await page.locator(".lang-select select").selectOption("en");
    await page.close();
  }
} finally {
  await env.close();
}
