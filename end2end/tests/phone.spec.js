// @ts-check
// Phone contacts: a call logged as a new request or on an existing one, from the keyboard alone.
const { test, expect } = require('@playwright/test');
const { expectAccessible, hydrated, signIn, submitQuestion } = require('./helpers');

const run = (js) => `${js ? 'js' : 'nojs'}-${Date.now()}`;

test('a call becomes a resolved request, and a second call is added to it by number', async ({ page, javaScriptEnabled }) => {
  const topic = `Puhelu ${run(javaScriptEnabled)}`;
  await signIn(page, javaScriptEnabled, 'neuvoja@luukku.example', '/desk/phone');
  await hydrated(page, javaScriptEnabled);
  await expectAccessible(page);
  await page.getByRole('button', { name: 'Tallenna puhelu' }).click();
  await expect(page.locator('#f-caller-error')).toBeVisible();
  await expect(page.getByRole('alert')).toContainText('Soittaja');
  await page.getByLabel('Soittaja *').fill('Matti Meikäläinen');
  await page.getByLabel('Aihe *').fill(topic);
  await page.getByLabel('Yhteenveto puhelusta *').fill('Neuvoin lataamaan matkakortin verkossa.');
  await page.getByLabel('Kesto *').fill('4:30');
  await page.getByRole('button', { name: 'Tallenna puhelu' }).click();
  await expect(page.getByText('Puhelu kirjattu.')).toBeVisible();
  await expect(page.getByTestId('status')).toContainText('Ratkaistu');
  await expect(page.getByTestId('assignee')).toHaveText('Aino Neuvoja (sinä)');
  await expect(page.locator('.timeline')).toContainText('Matti Meikäläinen · 4:30 · Ratkaistu puhelimessa');
  const number = (await page.locator('h1 .number').textContent()).trim();

  await page.goto('/desk/phone');
  await hydrated(page, javaScriptEnabled);
  await page.getByLabel('Soittaja *').fill('Matti Meikäläinen');
  await page.getByLabel('Aihe *').fill('Lisäkysymys');
  await page.getByLabel('Yhteenveto puhelusta *').fill('Kysyi vielä hinnasta.');
  await page.getByLabel('Kesto *').fill('2');
  await page.getByLabel('Olemassa olevan pyynnön numero').fill('LIK-123');
  await page.getByRole('button', { name: 'Tallenna puhelu' }).click();
  await expect(page.locator('#f-existing-error')).toBeVisible();
  await expect(page.getByLabel('Yhteenveto puhelusta *')).toHaveValue('Kysyi vielä hinnasta.');
  await page.getByLabel('Olemassa olevan pyynnön numero').fill(number);
  await page.getByRole('button', { name: 'Tallenna puhelu' }).click();
  await expect(page.getByText('Puhelu kirjattu.')).toBeVisible();
  await expect(page.locator('h1 .number')).toHaveText(number);
  await expect(page.locator('.timeline')).toContainText('Kysyi vielä hinnasta.');
  await expectAccessible(page);
});

test('a call is logged from the keyboard alone and stays with the advisor to follow up', async ({ page, javaScriptEnabled }) => {
  test.skip(!javaScriptEnabled, 'the p shortcut is the workspace script; the form itself is plain tab order');
  await signIn(page, javaScriptEnabled, 'neuvoja@luukku.example', '/desk');
  await hydrated(page, javaScriptEnabled);
  await page.keyboard.press('p');
  await expect(page.getByRole('heading', { name: 'Kirjaa puhelu', level: 1 })).toBeVisible();
  await hydrated(page, javaScriptEnabled);
  await page.getByLabel('Soittaja *').focus();
  await page.keyboard.type('Liisa Näppäin');
  await page.keyboard.press('Tab'); // phone
  await page.keyboard.type('040 123 4567');
  await page.keyboard.press('Tab'); // e-mail
  await page.keyboard.press('Tab'); // language
  await page.keyboard.press('Tab'); // category
  await page.keyboard.press('Tab'); // topic
  await page.keyboard.type(`Näppäimistö ${run(javaScriptEnabled)}`);
  await page.keyboard.press('Tab'); // summary
  await page.keyboard.type('Selvitän asian ja soitan takaisin.');
  await page.keyboard.press('Tab'); // duration
  await page.keyboard.type('3');
  await page.keyboard.press('Tab'); // outcome: resolved
  await page.keyboard.press('ArrowDown'); // follow up myself
  await page.keyboard.press('Tab'); // existing number
  await page.keyboard.press('Tab'); // save
  await page.keyboard.press('Enter');
  await expect(page.getByText('Puhelu kirjattu.')).toBeVisible();
  await expect(page.getByTestId('status')).toContainText('Käsittelyssä');
  await expect(page.getByTestId('assignee')).toHaveText('Aino Neuvoja (sinä)');
});
