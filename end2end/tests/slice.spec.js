// The walking skeleton, end to end: a citizen asks, an advisor replies, the citizen answers.
const { test, expect } = require('@playwright/test');
const { expectAccessible, hydrated, submitQuestion } = require('./helpers');

test('the start page lists the demo organisations in all three languages', async ({ page, javaScriptEnabled }) => {
  await page.goto('/');
  await expect(page.getByRole('heading', { name: 'Miten voimme auttaa?' })).toBeVisible();
  await expect(page.getByRole('heading', { name: 'Liikkumisen palvelukeskus' })).toBeVisible();
  await expectAccessible(page);
  await hydrated(page, javaScriptEnabled);
  await page.getByRole('link', { name: 'Svenska' }).click();
  await expect(page.getByRole('heading', { name: 'Hur kan vi hjälpa dig?' })).toBeVisible();
  await expect(page.getByRole('link', { name: 'Fråga råd' }).first()).toBeVisible();
  await expect(page.locator('html')).toHaveAttribute('lang', 'sv');
  await expectAccessible(page);
  await page.getByRole('link', { name: 'English' }).click();
  await expect(page.getByRole('heading', { name: 'How can we help?' })).toBeVisible();
  await page.getByRole('link', { name: 'Ask for advice' }).first().click();
  await expect(page.getByRole('heading', { name: 'Ask for advice' })).toBeVisible();
  await expectAccessible(page);
  await page.getByRole('link', { name: 'Suomi' }).click();
  await expect(page.getByRole('heading', { name: 'Kysy neuvoa' })).toBeVisible();
});

test('invalid input shows errors next to the fields and keeps what was typed', async ({ page, javaScriptEnabled }) => {
  await page.goto('/o/liikennekeskus/ask');
  await hydrated(page, javaScriptEnabled);
  await page.getByLabel('Nimi').fill('Keskeneräinen Kysyjä');
  await page.getByLabel('Sähköposti').fill('ei-osoite');
  await page.getByLabel('Viesti').fill('Tämä teksti ei saa kadota.');
  await page.getByRole('button', { name: 'Lähetä' }).click();
  const summary = page.getByRole('alert').filter({ hasText: 'Korjaa seuraavat kohdat' });
  await expect(summary).toBeVisible();
  await expect(summary.getByRole('link', { name: /Sähköposti/ })).toBeVisible();
  await expect(page.locator('#f-email-error')).toContainText('nimi@esimerkki.fi');
  await expect(page.locator('#f-consent-error')).toBeVisible();
  await expect(page.getByLabel('Nimi')).toHaveValue('Keskeneräinen Kysyjä');
  await expect(page.getByLabel('Viesti')).toHaveValue('Tämä teksti ei saa kadota.');
  await expect(page.getByLabel('Sähköposti')).toHaveAttribute('aria-invalid', 'true');
  // With JavaScript the form is checked in place; without, the server redirects back with the form kept.
  if (javaScriptEnabled) expect(page.url()).not.toContain('form=');
  else expect(page.url()).toContain('form=');
  await expectAccessible(page);
});

test('a citizen asks, an advisor replies, the citizen answers', async ({ page, javaScriptEnabled }) => {
  const subject = `Kortti ${javaScriptEnabled ? 'js' : 'nojs'} ${Date.now()}`;
  const number = await submitQuestion(page, javaScriptEnabled, subject);
  expect(number).toMatch(/^LIK-\d{4}-\d{6}-\d$/);
  await expectAccessible(page);
  await page.getByRole('link', { name: 'Seuraa asiaasi' }).click();
  await expect(page.getByRole('heading', { name: /Asiasi tilanne/ })).toContainText(number);
  await expect(page.getByTestId('status')).toHaveText('Uusi');
  await expectAccessible(page);
  const trackingUrl = page.url();

  // The advisor signs in (a wrong password first), finds the request in the queue and replies.
  await page.goto('/desk');
  await expect(page).toHaveURL(/\/login/);
  await hydrated(page, javaScriptEnabled);
  await page.getByLabel('Sähköposti').fill('neuvoja@luukku.example');
  await page.getByLabel('Salasana').fill('väärä');
  await page.getByRole('button', { name: 'Kirjaudu' }).click();
  await expect(page.locator('#f-password-error')).toContainText('Sähköposti tai salasana on väärin');
  await expectAccessible(page);
  await page.getByLabel('Sähköposti').fill('neuvoja@luukku.example');
  await page.getByLabel('Salasana').fill('luukku-demo');
  await page.getByRole('button', { name: 'Kirjaudu' }).click();
  await expect(page.getByRole('heading', { name: 'Avoimet asiat' })).toBeVisible();
  await expectAccessible(page);
  await page.getByRole('link', { name: subject }).click();
  await expect(page.getByRole('heading', { name: subject })).toBeVisible();
  await expectAccessible(page);
  await hydrated(page, javaScriptEnabled);
  await page.getByLabel('Vastaus *', { exact: true }).fill('Kortin voi ladata verkkokaupassa. Mikä kortin numero on?');
  await page.getByLabel('Tila vastauksen jälkeen').selectOption({ label: 'Odottaa asiakasta' });
  await page.getByRole('button', { name: 'Lähetä vastaus' }).click();
  await expect(page.getByRole('status')).toContainText('Vastaus lähetetty');
  await expect(page.getByTestId('status')).toHaveText('Odottaa asiakasta');
  // Each message to the customer is a step of the timeline with how its delivery went (the test
  // server sends its mail to a real SMTP server, so the acknowledgement is queued or already sent).
  const mail = page.locator('li.event-mail').filter({ hasText: 'Pyyntösi on vastaanotettu' });
  await expect(mail).toContainText('Sähköposti asiakkaalle');
  await expect(mail).toContainText(/Jonossa|Lähetetty/);
  await expectAccessible(page);

  // The citizen sees the reply and answers, which puts the request back to open.
  await page.goto(trackingUrl);
  await hydrated(page, javaScriptEnabled);
  await expect(page.getByText('Kortin voi ladata verkkokaupassa.')).toBeVisible();
  await expect(page.getByTestId('status')).toHaveText('Odottaa asiakasta');
  await page.getByLabel('Viesti').fill('Kortin numero on 1234 5678.');
  await page.getByRole('button', { name: 'Lähetä' }).click();
  await expect(page.getByRole('status')).toContainText('Viestisi on lähetetty');
  await expect(page.getByTestId('status')).toHaveText('Avoin');
  await expect(page.getByText('Kortin numero on 1234 5678.')).toBeVisible();
  await expectAccessible(page);
});

test('a tampered tracking link shows not found', async ({ page }) => {
  const response = await page.goto('/track/1-AAAAAAAAAAAAAAAAAAAAAA');
  expect(response.status()).toBe(404);
  await expect(page.getByText('Sivua tai asiaa ei löytynyt.')).toBeVisible();
});

test('a citizen cancels a request they no longer need', async ({ page, javaScriptEnabled }) => {
  const subject = `Peruttava ${javaScriptEnabled ? 'js' : 'nojs'} ${Date.now()}`;
  await submitQuestion(page, javaScriptEnabled, subject);
  await page.getByRole('link', { name: 'Seuraa asiaasi' }).click();
  await hydrated(page, javaScriptEnabled);
  await page.getByRole('button', { name: 'Peru asia' }).click();
  await expect(page.locator('#f-confirm-error')).toBeVisible();
  await page.getByLabel('Haluan perua asiani').check();
  await page.getByRole('button', { name: 'Peru asia' }).click();
  await expect(page.getByRole('status')).toContainText('Asiasi on peruttu');
  await expect(page.getByTestId('status')).toHaveText('Peruttu');
  await expect(page.getByRole('button', { name: 'Peru asia' })).toHaveCount(0);
  await expectAccessible(page);
});
