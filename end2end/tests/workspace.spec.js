// @ts-check
// The advisor's writing: internal notes (staff only) and drafts saved while typing.
const { test, expect } = require('@playwright/test');
const { expectAccessible, hydrated, signIn, submitQuestion } = require('./helpers');

const run = (js) => `${js ? 'js' : 'nojs'}-${Date.now()}`;

// Found by its number with the queue's search: by the end of the suite the queue holds more
// than a page of requests due before a new one.
async function openRequest(page, javaScriptEnabled, subject, number) {
  await page.goto(`/desk?q=${encodeURIComponent(number)}`);
  await page.getByRole('link', { name: subject }).click();
  await hydrated(page, javaScriptEnabled);
}

test('an internal note is checked, kept from the customer and shown to staff', async ({ page, javaScriptEnabled }) => {
  const subject = `Muistiinpano ${run(javaScriptEnabled)}`;
  const number = await submitQuestion(page, javaScriptEnabled, subject);
  await signIn(page, javaScriptEnabled, 'neuvoja@luukku.example', '/desk');
  await openRequest(page, javaScriptEnabled, subject, number);
  await page.getByRole('button', { name: 'Tallenna muistiinpano' }).click();
  await expect(page.locator('#f-internal_note-error')).toBeVisible();
  await expect(page.getByLabel('Muistiinpano (näkyy vain henkilöstölle) *')).toHaveAttribute('aria-invalid', 'true');
  await page.getByLabel('Muistiinpano (näkyy vain henkilöstölle) *').fill('@paakayttaja voitko katsoa tariffin?');
  await page.getByRole('button', { name: 'Tallenna muistiinpano' }).click();
  await expect(page.getByText('Muistiinpano tallennettu.')).toBeVisible();
  await expect(page.locator('.timeline')).toContainText('voitko katsoa tariffin?');
  await expect(page.getByLabel('Muistiinpano (näkyy vain henkilöstölle) *')).toHaveValue('');
  await expectAccessible(page);
});

test('a draft comes back after a reload and colleagues see who is writing', async ({ page, browser, javaScriptEnabled }) => {
  test.skip(!javaScriptEnabled, 'drafts are saved by the workspace script; without it the forms post as they are');
  const subject = `Luonnos ${run(javaScriptEnabled)}`;
  const number = await submitQuestion(page, javaScriptEnabled, subject);
  await signIn(page, javaScriptEnabled, 'neuvoja@luukku.example', '/desk');
  await openRequest(page, javaScriptEnabled, subject, number);
  const reply = page.getByLabel('Vastaus *', { exact: true });
  await reply.fill('Hei, lataus onnistuu verkkokaupassa.');
  await page.getByLabel('Muistiinpano (näkyy vain henkilöstölle) *').fill('Tarkista vielä hinta');
  await expect(page.getByTestId('draft-saved')).toBeVisible();

  const other = await browser.newContext({ javaScriptEnabled: true, locale: 'fi-FI' });
  const colleague = await other.newPage();
  await signIn(colleague, true, 'paakayttaja@luukku.example', '/desk');
  await openRequest(colleague, true, subject, number);
  await expect(colleague.getByTestId('writing')).toContainText('Aino Neuvoja');
  await expect(colleague.getByLabel('Vastaus *', { exact: true })).toHaveValue('');
  await other.close();

  await page.reload();
  await hydrated(page, javaScriptEnabled);
  await expect(page.getByLabel('Vastaus *', { exact: true })).toHaveValue('Hei, lataus onnistuu verkkokaupassa.');
  await expect(page.getByLabel('Muistiinpano (näkyy vain henkilöstölle) *')).toHaveValue('Tarkista vielä hinta');
  await page.getByRole('button', { name: 'Lähetä vastaus' }).click();
  await expect(page.getByText('Vastaus lähetetty.')).toBeVisible();
  await page.reload();
  await hydrated(page, javaScriptEnabled);
  await expect(page.getByLabel('Vastaus *', { exact: true })).toHaveValue('');
});
