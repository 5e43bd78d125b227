// Shared steps: accessibility checks with axe-core and the citizen's submission.
const fs = require('fs');
const { test, expect } = require('@playwright/test');

const axeSource = fs.readFileSync(require.resolve('axe-core/axe.min.js'), 'utf8');

async function runAxe(page) {
  await page.evaluate(axeSource);
  const result = await page.evaluate(() =>
    window.axe.run(document, { runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'] } }));
  return result.violations.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`);
}

/**
 * Fails the test when axe-core finds any WCAG 2.1 A/AA violation on the current page. axe needs
 * timers, which a page without JavaScript does not run: there it checks the very HTML that page
 * received, loaded with its stylesheet into a scriptless page of the same origin.
 */
async function expectAccessible(page) {
  let problems;
  if (test.info().project.use.javaScriptEnabled !== false) {
    problems = await runAxe(page);
  } else {
    const html = (await page.content()).replace(/<script\b[\s\S]*?<\/script>/gi, '');
    const context = await page.context().browser().newContext({ javaScriptEnabled: true });
    try {
      const copy = await context.newPage();
      await copy.goto(new URL('/healthz', page.url()).href);
      await copy.setContent(html, { waitUntil: 'load' });
      problems = await runAxe(copy);
    } finally {
      await context.close();
    }
  }
  expect(problems, `axe violations on ${page.url()}`).toEqual([]);
}

/** Waits until the WASM has hydrated the page (JavaScript on); a no-op without JavaScript. */
async function hydrated(page, javaScriptEnabled) {
  if (javaScriptEnabled) {
    await page.waitForFunction(() => performance.getEntriesByType('resource').some((r) => r.name.endsWith('.wasm')));
    await page.waitForLoadState('networkidle');
  }
}

/** Fills and sends the "Ask for advice" form of the first demo organisation; returns the request number. */
async function submitQuestion(page, javaScriptEnabled, subject) {
  await page.goto('/o/liikennekeskus/ask');
  await hydrated(page, javaScriptEnabled);
  await page.getByLabel('Nimi').fill('Testi Asiakas');
  await page.getByLabel('Sähköposti').fill('testi@example.fi');
  await page.getByLabel('Aihe').selectOption({ label: 'Matkakortit' });
  await page.getByLabel('Otsikko').fill(subject);
  await page.getByLabel('Viesti').fill('Miten matkakortin saa ladattua verkossa?');
  await page.getByLabel(/Olen lukenut tietosuojaselosteen/).check();
  await page.getByRole('button', { name: 'Lähetä' }).click();
  await expect(page.getByRole('heading', { name: 'Kiitos, asiasi on vastaanotettu' })).toBeVisible();
  return (await page.getByTestId('request-number').textContent()).trim();
}

/** Signs in as a demo member of staff and lands on `next`. */
async function signIn(page, javaScriptEnabled, email, next) {
  await page.goto(`/login?next=${encodeURIComponent(next)}`);
  await hydrated(page, javaScriptEnabled);
  await page.getByLabel('Sähköposti').fill(email);
  await page.getByLabel('Salasana').fill('luukku-demo');
  await page.getByRole('button', { name: 'Kirjaudu' }).click();
  await expect(page).toHaveURL(new RegExp(`${next}$`));
}

module.exports = { expectAccessible, hydrated, signIn, submitQuestion };
