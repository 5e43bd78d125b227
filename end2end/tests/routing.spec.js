// @ts-check
// Routing: an administrator's rules, a request placed in a routed queue and given to someone,
// and an advisor moving it out of that queue by hand.
const { test, expect } = require('@playwright/test');
const { expectAccessible, hydrated, signIn, submitQuestion } = require('./helpers');

const run = (js) => `${js ? 'js' : 'nojs'}-${Date.now()}`;

test('an administrator adds, reorders and removes a routing rule', async ({ page, javaScriptEnabled }) => {
  const name = `Sääntö ${run(javaScriptEnabled)}`;
  await signIn(page, javaScriptEnabled, 'paakayttaja@luukku.example', '/desk');
  await page.goto('/admin/o/liikennekeskus/routing');
  await expect(page.getByRole('heading', { name: 'Reititys', level: 1 })).toBeVisible();
  await hydrated(page, javaScriptEnabled);
  await expectAccessible(page);
  await page.getByLabel('Säännön nimi').fill(name);
  await page.getByRole('button', { name: 'Lisää sääntö' }).click();
  await expect(page.locator('#f-queue-error')).toContainText('Valitse jono tai pyynnön antaminen');
  await expect(page.getByLabel('Säännön nimi')).toHaveValue(name);
  await page.getByLabel('Avainsanat').fill('kortti, resekort');
  await page.getByLabel('Ohjaa jonoon').selectOption({ label: 'Maksut ja laskut' });
  await page.getByRole('button', { name: 'Lisää sääntö' }).click();
  const rules = page.getByTestId('rules');
  await expect(rules.getByRole('row', { name: new RegExp(name) })).toContainText('kortti, resekort');
  await page.getByRole('button', { name: `Siirrä ylemmäs ${name}` }).click();
  await expect(rules.locator('tbody tr').first()).toContainText(name);
  await expectAccessible(page);
  await page.getByRole('button', { name: `Poista ${name}` }).click();
  await expect(rules.getByRole('row', { name: new RegExp(name) })).toHaveCount(0);
});

test('a question about an invoice lands in the payments queue, and an advisor moves it out', async ({ page, javaScriptEnabled }) => {
  const subject = `Lasku kahdesti ${run(javaScriptEnabled)}`;
  await submitQuestion(page, javaScriptEnabled, subject);
  await signIn(page, javaScriptEnabled, 'neuvoja@luukku.example', '/desk');
  await page.getByRole('link', { name: /Maksut ja laskut/ }).click();
  await hydrated(page, javaScriptEnabled);
  await page.getByRole('link', { name: subject }).click();
  await expect(page.locator('.event-routed').first()).toContainText('Maksut / Betalningar / Payments');
  await hydrated(page, javaScriptEnabled);
  await expect(page.getByLabel('Jono', { exact: true })).toHaveValue(/\d+/);
  await page.getByLabel('Jono', { exact: true }).selectOption({ label: 'Ei jonoa' });
  await page.getByRole('button', { name: 'Siirrä jonoon' }).click();
  await expect(page.getByText('Pyyntö siirrettiin.')).toBeVisible();
  await expect(page.locator('.event-routed')).toHaveCount(2);
  await expect(page.locator('.event-routed').last()).toContainText('Siirretty käsin');
  await expectAccessible(page);
});
