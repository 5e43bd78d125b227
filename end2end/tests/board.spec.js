// @ts-check
// The supervisor board: open work per advisor, untouched requests, and moving an advisor's work.
const { test, expect } = require('@playwright/test');
const { expectAccessible, hydrated, signIn, submitQuestion } = require('./helpers');

const run = (js) => `${js ? 'js' : 'nojs'}-${Date.now()}`;

test('a supervisor sees each advisor\'s open work and moves it to a colleague', async ({ page, javaScriptEnabled }) => {
  await submitQuestion(page, javaScriptEnabled, `Esimies ${run(javaScriptEnabled)}`);
  await signIn(page, javaScriptEnabled, 'neuvoja@luukku.example', '/desk');
  await page.getByRole('link', { name: /Ottamattomat/ }).click();
  await hydrated(page, javaScriptEnabled);
  await page.getByRole('button', { name: 'Ota seuraava' }).click();
  await expect(page.getByText('Pyyntö on nyt sinulla.')).toBeVisible();

  await signIn(page, javaScriptEnabled, 'esimies@luukku.example', '/desk');
  await page.getByRole('link', { name: 'Esimiesnäkymä' }).click();
  await expect(page.getByRole('heading', { name: 'Esimiesnäkymä', level: 1 })).toBeVisible();
  await hydrated(page, javaScriptEnabled);
  const aino = page.getByTestId('loads').getByRole('row', { name: /Aino Neuvoja/ });
  await expect(aino.locator('td').first()).not.toHaveText('0');
  await expect(page.getByTestId('risks').getByRole('rowheader').first()).toHaveText('Kaikki avoimet');
  await expect(page.getByTestId('risks')).toContainText('Kiireelliset');
  await expectAccessible(page);
  await page.getByLabel('Keneltä').selectOption({ label: 'Aino Neuvoja' });
  await page.getByLabel('Kenelle').selectOption({ label: 'Aino Neuvoja' });
  await page.getByRole('button', { name: 'Siirrä työt' }).click();
  await expect(page.locator('#f-to-error')).toContainText('Valitse kaksi eri henkilöä.');
  await page.getByLabel('Kenelle').selectOption({ label: 'Eero Esimies' });
  await page.getByRole('button', { name: 'Siirrä työt' }).click();
  await expect(page.getByText(/Pyyntöjä siirretty: [1-9]/)).toBeVisible();
  await expect(page.getByTestId('loads').getByRole('row', { name: /Aino Neuvoja/ }).locator('td').first()).toHaveText('0');
});

test('advisors do not see the board', async ({ page, javaScriptEnabled }) => {
  await signIn(page, javaScriptEnabled, 'neuvoja@luukku.example', '/desk');
  await expect(page.getByRole('link', { name: 'Esimiesnäkymä' })).toHaveCount(0);
  await page.goto('/desk/board');
  await expect(page.getByRole('heading', { name: 'Esimiesnäkymä', level: 1 })).toBeVisible();
  await expect(page.getByRole('alert')).toBeVisible();
  await expect(page.getByTestId('loads')).toHaveCount(0);
});

test('an administrator sets how long a request may stay untouched, and the board follows', async ({ page, javaScriptEnabled }) => {
  await signIn(page, javaScriptEnabled, 'paakayttaja@luukku.example', '/desk');
  await page.goto('/admin/o/liikennekeskus/settings');
  await hydrated(page, javaScriptEnabled);
  const hours = page.getByLabel(/Muistutus koskemattomasta pyynnöstä/);
  await expect(hours).toHaveValue('24');
  await hours.fill('0');
  await page.getByRole('button', { name: 'Tallenna' }).click();
  await expect(page.locator('#f-untouched_hours-error')).toContainText('1–720');
  await expectAccessible(page);
  await hours.fill('36');
  await page.getByRole('button', { name: 'Tallenna' }).click();
  await expect(page.getByText('Tallennettu.')).toBeVisible();
  await page.goto('/desk/board');
  await expect(page.getByRole('heading', { name: 'Koskematta yli 36 h' })).toBeVisible();
  await page.goto('/admin/o/liikennekeskus/settings');
  await hydrated(page, javaScriptEnabled);
  await page.getByLabel(/Muistutus koskemattomasta pyynnöstä/).fill('24');
  await page.getByRole('button', { name: 'Tallenna' }).click();
  await expect(page.getByText('Tallennettu.')).toBeVisible();
});
