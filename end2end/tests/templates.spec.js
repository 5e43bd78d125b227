// @ts-check
// Reply templates and notifications: a supervisor writes a template, an advisor answers with it
// filled in; a colleague's @mention waits in the notifications until the request is opened.
const { test, expect } = require('@playwright/test');
const { expectAccessible, hydrated, signIn, submitQuestion } = require('./helpers');

const run = (js) => `${js ? 'js' : 'nojs'}-${Date.now()}`;

async function openByNumber(page, javaScriptEnabled, number) {
  await page.goto('/desk');
  await hydrated(page, javaScriptEnabled);
  await page.getByLabel('Hae numerolla, sähköpostilla tai nimellä').fill(number);
  await page.getByRole('button', { name: 'Hae', exact: true }).click();
  await page.locator('table.queue tbody a').first().click();
  await hydrated(page, javaScriptEnabled);
}

test('a supervisor writes a template and an advisor answers with it filled in', async ({ page, javaScriptEnabled }) => {
  const title = `Hoidossa ${run(javaScriptEnabled)}`;
  await signIn(page, javaScriptEnabled, 'esimies@luukku.example', '/desk/templates');
  await page.getByLabel('Otsikko *').fill(title);
  await page.getByLabel('Teksti *').fill('Hei {nimi}');
  await page.getByRole('button', { name: 'Tallenna vastauspohja' }).click();
  await expect(page.locator('#f-body-error')).toContainText('Tuntematon muuttuja');
  await expect(page.getByLabel('Otsikko *')).toHaveValue(title);
  await page.getByLabel('Teksti *').fill('Hei {customer_name}, pyyntösi {number} on hoidossa. {advisor}');
  await page.getByRole('button', { name: 'Tallenna vastauspohja' }).click();
  await expect(page.getByText('Vastauspohja tallennettu.')).toBeVisible();
  await expect(page.locator('table.queue')).toContainText(title);
  await expectAccessible(page);

  const number = await submitQuestion(page, javaScriptEnabled, `Pohja ${run(javaScriptEnabled)}`);
  await signIn(page, javaScriptEnabled, 'neuvoja@luukku.example', '/desk');
  await openByNumber(page, javaScriptEnabled, number);
  await page.getByLabel('Vastauspohja').selectOption({ label: title });
  await page.getByRole('button', { name: 'Käytä pohjaa' }).click();
  await expect(page.getByLabel('Vastaus *', { exact: true }))
    .toHaveValue(`Hei Testi Asiakas, pyyntösi ${number} on hoidossa. Aino Neuvoja`);
  await expectAccessible(page);
});

test('a mention waits in the colleague\'s notifications until they open the request', async ({ page, javaScriptEnabled }) => {
  const number = await submitQuestion(page, javaScriptEnabled, `Maininta ${run(javaScriptEnabled)}`);
  await signIn(page, javaScriptEnabled, 'paakayttaja@luukku.example', '/desk');
  await openByNumber(page, javaScriptEnabled, number);
  await page.getByLabel('Muistiinpano (näkyy vain henkilöstölle) *').fill('@neuvoja voitko soittaa asiakkaalle?');
  await page.getByRole('button', { name: 'Tallenna muistiinpano' }).click();
  await expect(page.getByText('Muistiinpano tallennettu.')).toBeVisible();

  await signIn(page, javaScriptEnabled, 'neuvoja@luukku.example', '/desk');
  const notifications = page.getByRole('region', { name: 'Ilmoitukset' });
  await expect(notifications).toContainText(`${number} Paula Pääkäyttäjä mainitsi sinut`);
  await notifications.getByRole('link', { name: number }).click();
  await expect(page.locator('.timeline')).toContainText('voitko soittaa asiakkaalle?');
  await page.goto('/desk');
  await expect(page.getByRole('region', { name: 'Ilmoitukset' })).not.toContainText(number);
});
