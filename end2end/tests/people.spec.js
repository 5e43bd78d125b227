// @ts-check
// People and access: an administrator adds a member who chooses a password from the invitation;
// a member of two organisations switches between them; a forgotten password; signing out everywhere.
const { test, expect } = require('@playwright/test');
const { expectAccessible, hydrated, signIn } = require('./helpers');

const run = (js) => `${js ? 'js' : 'nojs'}-${Date.now()}`;

/** Follows the link of the newest invitation to `email` in the outbox. */
async function openInvitation(page, email) {
  await page.goto(`/dev/outbox?to=${encodeURIComponent(email)}`);
  const link = page.locator('li[data-kind="staff_invite"] a').first();
  await expect(link).toBeVisible();
  await page.goto(new URL(await link.getAttribute('href') || '').pathname);
}

test('an administrator adds a member with skills, who chooses a password and signs in', async ({ page, javaScriptEnabled }) => {
  const email = `uusi-${run(javaScriptEnabled)}@luukku.example`;
  await signIn(page, javaScriptEnabled, 'paakayttaja@luukku.example', '/desk');
  await page.goto('/admin/o/liikennekeskus/people');
  await expect(page.getByRole('heading', { name: 'Henkilöt', level: 1 })).toBeVisible();
  await hydrated(page, javaScriptEnabled);
  await expectAccessible(page);
  await page.getByLabel('Sähköposti').fill(email);
  await page.getByLabel('Nimi').fill('Uusi Neuvoja');
  await page.getByLabel('Rooli').selectOption({ label: 'Esihenkilö' });
  await page.getByLabel('Svenska').check();
  await page.getByLabel(/Kapasiteetti/).fill('0');
  await page.getByRole('button', { name: 'Tallenna' }).click();
  await expect(page.locator('#f-capacity-error')).toContainText('1–500');
  await expect(page.getByLabel('Sähköposti')).toHaveValue(email);
  await page.getByLabel(/Kapasiteetti/).fill('5');
  await page.getByRole('button', { name: 'Tallenna' }).click();
  const row = page.getByTestId('members').getByRole('row', { name: /Uusi Neuvoja/ });
  await expect(row.filter({ hasText: email })).toContainText('Svenska');
  await expect(row.filter({ hasText: email })).toContainText('0 / 5');

  await openInvitation(page, email);
  await expect(page.getByRole('heading', { name: 'Valitse salasana' })).toBeVisible();
  await hydrated(page, javaScriptEnabled);
  await expectAccessible(page);
  await page.getByLabel('Uusi salasana').fill('lyhyt');
  await page.getByLabel('Salasana uudelleen').fill('lyhyt');
  await page.getByRole('button', { name: 'Tallenna salasana' }).click();
  await expect(page.locator('#f-password-error')).toContainText('vähintään 12 merkkiä');
  await page.getByLabel('Uusi salasana').fill('kolme pitkää sanaa');
  await page.getByLabel('Salasana uudelleen').fill('kolme pitkää sanaa');
  await page.getByRole('button', { name: 'Tallenna salasana' }).click();
  await expect(page.getByText('Salasana vaihdettiin')).toBeVisible();
  await hydrated(page, javaScriptEnabled);
  await page.getByLabel('Sähköposti').fill(email);
  await page.getByLabel('Salasana').fill('kolme pitkää sanaa');
  await page.getByRole('button', { name: 'Kirjaudu' }).click();
  await expect(page.getByTestId('organisation')).toHaveText('Liikkumisen palvelukeskus');
});

test('a member of two organisations switches between them', async ({ page, javaScriptEnabled }) => {
  await signIn(page, javaScriptEnabled, 'esimies@luukku.example', '/desk');
  await expect(page.getByTestId('organisation')).toHaveText('Liikkumisen palvelukeskus');
  await page.getByRole('link', { name: 'Eero Esimies' }).click();
  await expect(page.getByRole('heading', { name: 'Oma tili', level: 1 })).toBeVisible();
  await hydrated(page, javaScriptEnabled);
  await expectAccessible(page);
  await page.getByRole('button', { name: 'Vaihda organisaatioon Esimerkkilän kaupunki' }).click();
  await expect(page.getByTestId('organisation')).toHaveText('Esimerkkilän kaupunki');
  // An advisor there: no supervisor board.
  await expect(page.getByRole('link', { name: 'Esimiesnäkymä' })).toHaveCount(0);
  await page.getByRole('link', { name: 'Eero Esimies' }).click();
  await hydrated(page, javaScriptEnabled);
  await page.getByRole('button', { name: 'Vaihda organisaatioon Liikkumisen palvelukeskus' }).click();
  await expect(page.getByTestId('organisation')).toHaveText('Liikkumisen palvelukeskus');
  await expect(page.getByRole('link', { name: 'Esimiesnäkymä' })).toBeVisible();
});

test('a forgotten password is asked for, and signing out everywhere ends the session', async ({ page, javaScriptEnabled }) => {
  await page.goto('/login');
  await page.getByRole('link', { name: 'Unohditko salasanan?' }).click();
  await expect(page.getByRole('heading', { name: 'Uusi salasana', level: 1 })).toBeVisible();
  await hydrated(page, javaScriptEnabled);
  await expectAccessible(page);
  await page.getByRole('button', { name: 'Lähetä linkki' }).click();
  await expect(page.locator('#f-email-error')).toBeVisible();
  await page.getByLabel('Sähköposti').fill('ei-ketaan@luukku.example');
  await page.getByRole('button', { name: 'Lähetä linkki' }).click();
  await expect(page.getByText('Jos osoitteella on tili')).toBeVisible();

  await signIn(page, javaScriptEnabled, 'neuvoja@luukku.example', '/desk/account');
  await hydrated(page, javaScriptEnabled);
  await page.getByRole('button', { name: 'Kirjaudu ulos kaikilta laitteilta' }).click();
  await expect(page.getByText('Kirjauduit ulos kaikilta laitteilta.')).toBeVisible();
  await page.goto('/desk');
  await expect(page).toHaveURL(/\/login/);
});
