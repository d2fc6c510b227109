// Browser test of the check-ins: sign up, take the PHQ-9 one question at a time by keyboard
// only and by clicks, see the score and band, the crisis card first when item 9 is above 0,
// the reliable change, the history chart (canvas) and its table; C-SSRS skip logic; Spanish.
//   HAVEN_URL=http://127.0.0.1:8080 node --test tests/e2e/
// Without HAVEN_URL it starts tests/e2e/mock-server.mjs on a free port (needs web/dist).
import assert from "node:assert/strict";
import { after, before, test } from "node:test";
import { join } from "node:path";
import { FreshPage, RandomEmail, Setup, TabTo, WatchErrors, kPassword } from "./browser.mjs";

let env;
before(async () => {
  env = await Setup();
  console.log(`testing ${env.base}; screenshots in ${env.shotsDir}`);
});
after(async () => {
  await env?.close();
});

async function SignUp(page, { locale = "en" } = {}) {
  await page.goto(`${env.base}/#/signup`);
  // The language choice is kept in localStorage, shared by the tests' pages: always set it.
  await page.locator("#locale").selectOption(locale);
  await page.locator("#email").fill(RandomEmail());
  await page.locator("#password").fill(kPassword);
  await page.locator('form button[type="submit"]').click();
  await page.locator("#message").waitFor({ state: "visible" });
}

async function Shot(page, name) {
  const path = join(env.shotsDir, name);
  await page.screenshot({ path, fullPage: true });
  console.log(`screenshot: ${path}`);
}

/** The id of the question on screen. */
function CurrentItem(page) {
  return page.locator("fieldset.question").getAttribute("data-item");
}

async function ProgressText(page) {
  return (await page.locator(".progress__text").innerText()).trim();
}

/** Waits for the question after `id` (or the result) to be on screen. */
async function WaitPast(page, id) {
  await page.waitForFunction(
    (prev) => document.querySelector(".result") || document.querySelector("fieldset.question")?.getAttribute("data-item") !== prev,
    id,
  );
}

/**
 * Answers the questions on screen by clicking: `choose(itemId)` gives the option index
 * (or null to skip an optional question); clicks Next / See my result.
 */
async function AnswerByClicks(page, choose) {
  for (let n = 0; n < 20; n++) {
    if (await page.locator(".result").count()) return;
    const id = await CurrentItem(page);
    const index = choose(id);
    if (index === null) {
      await page.locator("button", { hasText: /Skip this question|Omitir/ }).click();
    } else {
      await page.locator("fieldset.question label.option").nth(index).click();
      await page.locator("button.take__next").click();
    }
    await WaitPast(page, id);
  }
  throw new Error("the questionnaire did not end");
}

test("PHQ-9 by keyboard only: one question at a time, progress, Back, Enter, result and band", async () => {
  const page = await FreshPage(env);
  const errors = WatchErrors(page);
  await SignUp(page);

  // The header has the check-ins link; Tab reaches it and Enter follows it.
  const nav = page.locator('header a[href="#/checkins"]');
  assert.equal(await nav.count(), 1);
  await page.evaluate(() => document.getElementById("page-title")?.blur());
  await TabTo(page, 'header a[href="#/checkins"]', 12);
  await page.keyboard.press("Enter");
  await page.locator('[data-instrument="phq9"] a.instrument__start').waitFor();
  assert.match(await page.locator(".instruments").innerText(), /Not taken yet/);
  await page.waitForFunction(() => document.activeElement?.id === "page-title");
  await TabTo(page, '[data-instrument="phq9"] a.instrument__start', 20);
  await page.keyboard.press("Enter");
  await page.locator('fieldset.question[data-item="q1"]').waitFor();
  assert.equal(await ProgressText(page), "Question 1 of 10");
  const bar = page.locator('[role="progressbar"]');
  assert.equal(await bar.getAttribute("aria-valuenow"), "1");
  assert.equal(await bar.getAttribute("aria-valuemax"), "10");
  await Shot(page, "assess-question-desktop.png");

  // Enter without an answer asks for one and stays.
  await TabTo(page, 'fieldset.question input[type="radio"]', 20);
  await page.keyboard.press("Enter");
  await page.locator("#take-error", { hasText: /Choose an answer/ }).waitFor();
  assert.equal(await CurrentItem(page), "q1");

  // q1..q8: "Several days" (arrow Down from the first option), Enter continues.
  for (let i = 1; i <= 8; i++) {
    assert.equal(await CurrentItem(page), `q${i}`);
    assert.equal(await ProgressText(page), `Question ${i} of 10`);
    // Focus is on the first option of each new question (arrow keys work at once).
    await page.waitForFunction(() => document.activeElement?.matches('fieldset.question input[type="radio"]'));
    await page.keyboard.press("ArrowDown");
    await page.keyboard.press("Enter");
    await WaitPast(page, `q${i}`);
  }
  // Back to q8 keeps its answer; forward again.
  assert.equal(await CurrentItem(page), "q9");
  // Tab only once q9 has moved focus to its first option, or that late focus undoes the Tabs.
  await page.waitForFunction(() => document.activeElement?.matches('fieldset.question input[type="radio"]'));
  await TabTo(page, "button.take__next", 6);
  await page.keyboard.press("Shift+Tab");
  assert.match(await page.evaluate(() => document.activeElement?.textContent ?? ""), /Back/);
  await page.keyboard.press("Enter");
  await page.locator('fieldset.question[data-item="q8"]').waitFor();
  assert.equal(await page.locator('fieldset.question input[type="radio"]:checked').getAttribute("value"), "1");
  await page.waitForFunction(() => document.activeElement?.matches("fieldset.question input:checked"));
  await page.keyboard.press("Enter");
  await page.locator('fieldset.question[data-item="q9"]').waitFor();

  // q9 "Not at all" (Space on the focused first option), then the optional difficulty question.
  await page.waitForFunction(() => document.activeElement?.matches('fieldset.question input[type="radio"]'));
  await page.keyboard.press("Space");
  await page.keyboard.press("Enter");
  await page.locator('fieldset.question[data-item="difficulty"]').waitFor();
  assert.equal(await ProgressText(page), "Question 10 of 10");
  assert.match(await page.locator("button.take__next").innerText(), /See my result/);
  await page.waitForFunction(() => document.activeElement?.matches('fieldset.question input[type="radio"]'));
  await page.keyboard.press("ArrowDown");
  await page.keyboard.press("Enter");

  // Result: 8 of 27, mild, plain-language meaning, not a diagnosis, no crisis card.
  await page.locator(".result").waitFor();
  assert.equal(await page.locator(".result__total").getAttribute("data-total"), "8");
  assert.match(await page.locator(".result__total").innerText(), /Score: 8 out of 27/);
  assert.match(await page.locator(".result__band").innerText(), /Mild/);
  assert.match(await page.locator(".result__explain").innerText(), /mild/i);
  assert.match(await page.locator(".result__disclaimer").innerText(), /not a diagnosis/);
  assert.equal(await page.locator(".result .crisis").count(), 0, "no crisis card when item 9 is 0");
  await page.waitForFunction(() => document.activeElement?.id === "page-title");
  await Shot(page, "assess-result-desktop.png");
  assert.deepEqual(errors, [], "no script errors or CSP violations");
  await page.close();
});

test("PHQ-9 by clicks with item 9 above 0: crisis card first, reliable change, history chart", async () => {
  const page = await FreshPage(env);
  const errors = WatchErrors(page);
  await SignUp(page);
  await page.locator('header a[href="#/checkins"]').click();
  await page.locator('[data-instrument="phq9"] a.instrument__start').click();
  await page.locator('fieldset.question[data-item="q1"]').waitFor();
  await AnswerByClicks(page, () => 0);  // all "Not at all": 0, minimal
  await page.locator(".result").waitFor();
  assert.match(await page.locator(".result__band").innerText(), /Minimal/);

  await page.locator(".result a", { hasText: "Back to check-ins" }).click();
  await page.locator('[data-instrument="phq9"] a.instrument__start').click();
  await page.locator('fieldset.question[data-item="q1"]').waitFor();
  // 3 on q1-q3, 1 on q4-q8, 2 ("More than half the days") on q9; skip the difficulty question.
  await AnswerByClicks(page, (id) => (id === "difficulty" ? null : id === "q9" ? 2 : ["q1", "q2", "q3"].includes(id) ? 3 : 1));
  await page.locator(".result").waitFor();

  // The crisis card comes before the score, with tappable tel: links and the message.
  const crisis = page.locator(".result .crisis");
  await crisis.waitFor({ state: "visible" });
  const order = await page.evaluate(() => {
    const c = document.querySelector(".result .crisis");
    const s = document.querySelector(".result__total");
    return c && s ? c.compareDocumentPosition(s) & Node.DOCUMENT_POSITION_FOLLOWING : 0;
  });
  assert.ok(order, "crisis card is before the score");
  const tel = crisis.locator('a[href^="tel:"]').first();
  await tel.waitFor({ state: "visible" });
  assert.match(await tel.getAttribute("href"), /^tel:\+?[0-9*#]+$/);
  assert.ok((await crisis.locator(".crisis__text").innerText()).trim().length > 20, "the safety message is shown");
  const box = await crisis.boundingBox();
  assert.ok(box && box.y < 400, `crisis card near the top (y=${box?.y})`);

  // Score 16: moderately severe; reliable change against the first result (0 -> 16).
  assert.equal(await page.locator(".result__total").getAttribute("data-total"), "16");
  assert.match(await page.locator(".result__band").innerText(), /Moderately severe/);
  const change = await page.locator('.result__change [data-change="previous"]').innerText();
  assert.match(change, /went up by 16 points/);
  assert.match(change, /reliable worsening/);
  await Shot(page, "assess-crisis-desktop.png");
  await page.setViewportSize({ width: 375, height: 740 });
  await page.evaluate(() => window.scrollTo(0, 0));
  await page.screenshot({ path: join(env.shotsDir, "assess-crisis-phone.png") });
  const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
  assert.ok(overflow <= 0, `result page is ${overflow}px wider than a 375px screen`);
  await page.setViewportSize({ width: 1280, height: 860 });

  // History: a uPlot canvas with an accessible name, and the same data as a table.
  await page.locator(".result a", { hasText: "See your results over time" }).click();
  const chart = page.locator('.chart[role="img"]');
  await chart.waitFor();
  await chart.locator("canvas").waitFor();
  assert.match(await chart.getAttribute("aria-label"), /PHQ-9: 2 results/);
  const table = page.locator("#history-table");
  assert.equal(await table.locator("tbody tr").count(), 2);
  assert.match(await table.locator("tbody tr").first().innerText(), /16 \/ 27/);
  assert.match(await table.getAttribute("class"), /visually-hidden/);
  const toggle = page.locator("button", { hasText: "Show as a table" });
  assert.equal(await toggle.getAttribute("aria-expanded"), "false");
  await toggle.click();
  assert.equal(await page.locator("button[aria-controls=history-table]").getAttribute("aria-expanded"), "true");
  assert.doesNotMatch((await table.getAttribute("class")) ?? "", /visually-hidden/);
  // Some band shading is drawn: the canvas has non-white pixels inside the plot.
  const painted = await chart.locator("canvas").evaluate((c) => {
    const d = c.getContext("2d").getImageData(0, 0, c.width, c.height).data;
    let n = 0;
    for (let i = 0; i < d.length; i += 4 * 50) if (d[i + 3] > 0 && (d[i] < 250 || d[i + 1] < 250 || d[i + 2] < 250)) n++;
    return n;
  });
  assert.ok(painted > 100, `the chart draws bands and a line (${painted} painted samples)`);
  await Shot(page, "assess-history-desktop.png");
  await page.setViewportSize({ width: 375, height: 740 });
  await page.waitForTimeout(200);
  await Shot(page, "assess-history-phone.png");
  const overflow2 = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
  assert.ok(overflow2 <= 0, `history page is ${overflow2}px wider than a 375px screen`);
  assert.deepEqual(errors, [], "no script errors or CSP violations");
  await page.close();
});

test("C-SSRS skip logic asks only what it should; Spanish texts; high risk shows help first", async () => {
  const page = await FreshPage(env);
  const errors = WatchErrors(page);
  await SignUp(page, { locale: "es" });
  await page.locator('header a[href="#/checkins"]').click();
  await page.locator("h1", { hasText: "Chequeos y cuestionarios" }).waitFor();
  await Shot(page, "assess-list-es-desktop.png");
  await page.setViewportSize({ width: 375, height: 740 });
  await Shot(page, "assess-list-es-phone.png");

  await page.locator('[data-instrument="cssrs_screen"] a.instrument__start').click();
  await page.locator('fieldset.question[data-item="q1"]').waitFor();
  assert.equal(await ProgressText(page), "Pregunta 1 de 3");
  await page.screenshot({ path: join(env.shotsDir, "assess-question-es-phone.png") });
  const seen = [];
  // No to q2 skips q3-q5; yes to q6 asks q6_recent; yes to it: high risk.
  await AnswerByClicks(page, (id) => {
    seen.push(id);
    return id === "q6" || id === "q6_recent" ? 0 : 1;  // option 0 is "Sí", 1 is "No"
  });
  assert.deepEqual(seen, ["q1", "q2", "q6", "q6_recent"]);
  await page.locator(".result .crisis").waitFor({ state: "visible" });
  assert.match(await page.locator(".result .crisis h2").innerText(), /Hay ayuda disponible/);
  assert.match(await page.locator(".result__band").innerText(), /riesgo grave/);
  await page.evaluate(() => window.scrollTo(0, 0));
  await page.screenshot({ path: join(env.shotsDir, "assess-cssrs-es-phone.png") });
  await page.setViewportSize({ width: 1280, height: 860 });
  await Shot(page, "assess-cssrs-es-desktop.png");

  // Changing an answer that opened questions closes them again (yes to q2 then back to no).
  await page.locator(".result a", { hasText: "Volver a los chequeos" }).click();
  await page.locator('[data-instrument="cssrs_screen"] a.instrument__start').click();
  await page.locator('fieldset.question[data-item="q1"]').waitFor();
  await page.locator("label.option").nth(1).click();
  await page.locator("button.take__next").click();
  await page.locator('fieldset.question[data-item="q2"]').waitFor();
  await page.locator("label.option").nth(0).click();
  await page.locator("button.take__next").click();
  await page.locator('fieldset.question[data-item="q3"]').waitFor();
  assert.equal(await ProgressText(page), "Pregunta 3 de 6");
  await page.locator("button", { hasText: "Atrás" }).click();
  await page.locator('fieldset.question[data-item="q2"]').waitFor();
  await page.locator("label.option").nth(1).click();
  assert.equal(await ProgressText(page), "Pregunta 2 de 3");
  await page.locator("button.take__next").click();
  await page.locator('fieldset.question[data-item="q6"]').waitFor();
  await page.locator("label.option").nth(1).click();
  await page.locator("button.take__next").click();
  await page.locator(".result").waitFor();
  assert.equal(await page.locator(".result .crisis").count(), 0, "no crisis card for a no-risk screen");
  assert.match(await page.locator(".result__band").innerText(), /No hay pensamientos recientes/);
  assert.deepEqual(errors, [], "no script errors or CSP violations");
  await page.close();
});

test("a lost answer is sent again without a duplicate; a positive GAD-2 offers the GAD-7", async () => {
  const page = await FreshPage(env);
  const errors = WatchErrors(page);
  await SignUp(page);
  // The server stores the first submit but its answer never arrives.
  let posts = 0;
  await page.route("**/api/v1/assessments/gad2", async (route) => {
    if (route.request().method() !== "POST") return route.continue();
    posts += 1;
    if (posts === 1) {
      await route.fetch();
      return route.abort("connectionreset");
    }
    return route.continue();
  });
  await page.goto(`${env.base}/#/checkins/gad2`);
  await page.locator('fieldset.question[data-item="q1"]').waitFor();
  await page.locator("label.option").nth(2).click();
  await page.locator("button.take__next").click();
  await page.locator('fieldset.question[data-item="q2"]').waitFor();
  await page.locator("label.option").nth(1).click();
  await page.locator("button.take__next").click();
  await page.locator("#take-error", { hasText: /Could not reach Haven/ }).waitFor();
  // Sending again reuses the client_submission_id: the server answers 409 and the page shows
  // the stored result instead of storing it twice.
  await page.locator("button.take__next").click();
  await page.locator(".result").waitFor();
  assert.equal(posts, 2);
  assert.equal(await page.locator(".result__total").getAttribute("data-total"), "3");
  assert.match(await page.locator(".result__band").innerText(), /Positive screen/);
  const history = await page.evaluate(async () => {
    const s = JSON.parse(sessionStorage.getItem("haven.session"));
    const r = await fetch("/api/v1/assessments?instrument=gad2", { headers: { Authorization: `Bearer ${s.token}` } });
    return (await r.json()).assessments.length;
  });
  assert.equal(history, 1, "stored once");

  // The positive screen offers the full GAD-7, which starts at its first question.
  await page.locator(".result__offer a", { hasText: "Take the GAD-7" }).click();
  await page.locator('[data-instrument="gad7"] fieldset.question[data-item="q1"]').waitFor();
  assert.equal(await ProgressText(page), "Question 1 of 7");
  assert.deepEqual(errors.filter((e) => !/ERR_CONNECTION_RESET|Failed to fetch/.test(e)), [], "no script errors or CSP violations");
  await page.close();
});
