// @ts-check
// The request view's actions beyond replying: the customer panel, hurrying for the customer,
// splitting a part off, waiting for a supplier, and the knowledge-base article of a resolution.
const { test, expect } = require('@playwright/test');
const { expectAccessible, hydrated, signIn, submitQuestion } = require('./helpers');

const run = (js) => `${js ? 'js' : 'nojs'}-${Date.now()}`;

test('an advisor hurries for the customer and splits a part off into a new request', async ({ page, javaScriptEnabled }) => {
  const tag = run(javaScriptEnabled);
  await submitQuestion(page, javaScriptEnabled, `Aiempi ${tag}`);
  await submitQuestion(page, javaScriptEnabled, `Jaettava ${tag}`);
  await signIn(page, javaScriptEnabled, 'neuvoja@luukku.example', '/desk');
  await page.getByRole('link', { name: `Jaettava ${tag}` }).click();
  await hydrated(page, javaScriptEnabled);
  // The same customer's earlier request is in the customer panel.
  await expect(page.getByTestId('customer-panel')).toContainText(`Aiempi ${tag}`);
  await expectAccessible(page);

  await page.getByRole('button', { name: 'Kiirehdi asiakkaan puolesta' }).click();
  await expect(page.getByText('Kiirehdintä kirjattiin ja ilmoitettiin.')).toBeVisible();
  await expect(page.locator('.event-hurry_up')).toContainText('Aino Neuvoja');
  await page.getByRole('button', { name: 'Kiirehdi asiakkaan puolesta' }).click();
  await expect(page.getByText('Pyyntöä on jo kiirehditty viimeisen vuorokauden aikana.')).toBeVisible();

  await page.getByText('Jaa osa uudeksi pyynnöksi').click();
  await page.getByLabel('Uuden pyynnön otsikko').fill(`Osa ${tag}`);
  await page.getByRole('button', { name: 'Luo uusi pyyntö' }).click();
  await expect(page.locator('#f-split_message-error')).toBeVisible();
  await expect(page.getByLabel('Uuden pyynnön otsikko')).toHaveValue(`Osa ${tag}`);
  await page.getByLabel('Mitä uusi pyyntö koskee').fill('Osoitteenmuutos samalla');
  await page.getByRole('button', { name: 'Luo uusi pyyntö' }).click();
  await expect(page.getByText('Uusi pyyntö luotiin ja liitettiin alkuperäiseen.')).toBeVisible();
  await expect(page.getByRole('heading', { level: 1 })).toContainText(`Osa ${tag}`);
  await expect(page.locator('.link-list')).toContainText(`Jaettava ${tag}`);
});

test('an action request waits for a supplier, then is resolved with a knowledge-base article', async ({ page, javaScriptEnabled }) => {
  const subject = `Toimittaja ${run(javaScriptEnabled)}`;
  await submitQuestion(page, javaScriptEnabled, subject);
  await signIn(page, javaScriptEnabled, 'neuvoja@luukku.example', '/desk');
  await page.getByRole('link', { name: subject }).click();
  await hydrated(page, javaScriptEnabled);
  // A question does not wait for a supplier; an action request does.
  await expect(page.getByText('Odota toimittajaa')).toHaveCount(0);
  await page.getByText('Muuta luokittelua tai prioriteettia').click();
  await page.getByLabel('Tyyppi').selectOption({ label: 'Toimenpidepyyntö' });
  await page.getByRole('button', { name: 'Tallenna luokittelu' }).click();
  await expect(page.getByText('Luokittelu tallennettu')).toBeVisible();

  await page.getByText('Odota toimittajaa').click();
  await page.getByRole('button', { name: 'Siirrä odottamaan toimittajaa' }).click();
  await expect(page.locator('#f-supplier-error')).toBeVisible();
  await page.getByLabel('Toimittaja *').fill('Kortti Oy');
  await page.getByLabel('Toimittajan viite').fill('KO-991');
  await page.getByLabel('Mitä toimittajalta kysyttiin').fill('Kortin uusinta');
  await page.getByRole('button', { name: 'Siirrä odottamaan toimittajaa' }).click();
  await expect(page.getByText('Pyyntö odottaa nyt toimittajaa.')).toBeVisible();
  await expect(page.getByTestId('status')).toContainText('Odottaa toimittajaa');
  await expect(page.getByTestId('supplier')).toContainText('Kortti Oy');
  await expect(page.locator('.event-supplier')).toContainText('KO-991');
  await expectAccessible(page);

  await page.locator('#f-message').fill('Uusi kortti on postissa.');
  await page.locator('#f-status').selectOption({ label: 'Ratkaistu' });
  await page.getByLabel(/tietämyskannan artikkeli/).fill('javascript:alert(1)');
  await page.getByRole('button', { name: 'Lähetä vastaus' }).click();
  await expect(page.locator('#f-kb_url-error')).toBeVisible();
  await page.getByLabel(/tietämyskannan artikkeli/).fill('/ohjeet/matkakortti');
  await page.getByRole('button', { name: 'Lähetä vastaus' }).click();
  await expect(page.getByTestId('status')).toContainText('Ratkaistu');
  await expect(page.getByRole('link', { name: '/ohjeet/matkakortti' })).toBeVisible();
});
