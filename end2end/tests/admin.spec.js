// Administration without programming: a service-point administrator sets up a new organisation,
// its hierarchy, hours and SLA policy in the browser, and a citizen's request to it is timed.
const { test, expect } = require('@playwright/test');
const { expectAccessible, hydrated, signIn } = require('./helpers');

/** Opens the collapsed "Add: <level>" form that is `nth` on the page and adds a node with names. */
async function addNode(page, level, name) {
  const form = page.locator('details.add-node').filter({ has: page.locator('summary', { hasText: `Lisää: ${level}` }) }).first();
  await form.locator('summary').click();
  await form.getByLabel('Nimi suomeksi').fill(name);
  await form.getByLabel('Nimi ruotsiksi').fill(`${name} (sv)`);
  await form.getByLabel('Nimi englanniksi').fill(`${name} (en)`);
  await form.getByRole('button', { name: 'Lisää' }).click();
  await expect(page.getByRole('status')).toContainText('Tallennettu');
  await expect(page.locator('.tree strong', { hasText: name })).toBeVisible();
}

test('an administrator sets up an organisation whose requests are timed as configured', async ({ page, javaScriptEnabled }) => {
  const tag = javaScriptEnabled ? 'js' : 'nojs';
  const slug = `vesilaitos-${tag}`;
  await signIn(page, javaScriptEnabled, 'paakayttaja@luukku.example', '/admin');
  await expect(page.getByRole('heading', { name: 'Organisaatiot' })).toBeVisible();
  await expectAccessible(page);

  // A mistake first: the errors are listed and what was typed stays.
  await page.getByLabel('Nimi suomeksi').fill('Vesilaitos');
  await page.getByLabel('Asianumeron etuliite').fill('V1');
  await page.getByRole('button', { name: 'Luo organisaatio' }).click();
  const summary = page.getByRole('alert').filter({ hasText: 'Korjaa seuraavat kohdat' });
  await expect(summary.getByRole('link', { name: /Asianumeron etuliite/ })).toBeVisible();
  await expect(page.locator('#f-prefix-error')).toContainText('2–6 kirjainta');
  await expect(page.getByLabel('Nimi suomeksi')).toHaveValue('Vesilaitos');
  await expectAccessible(page);
  await hydrated(page, javaScriptEnabled);
  await page.getByLabel('Nimi ruotsiksi').fill('Vattenverket');
  await page.getByLabel('Nimi englanniksi').fill('Water Utility');
  await page.getByLabel('Verkko-osoitteen tunnus').fill(slug);
  await page.getByLabel('Asianumeron etuliite').fill(javaScriptEnabled ? 'VSJ' : 'VSN');
  await page.getByLabel('Tietosuojaselosteen osoite').fill('/privacy/demo.html');
  await page.getByRole('button', { name: 'Luo organisaatio' }).click();

  await expect(page.getByRole('heading', { name: 'Palveluhierarkia' })).toBeVisible();
  await expect(page.getByText('Hierarkiassa ei ole vielä mitään')).toBeVisible();
  await expectAccessible(page);
  await hydrated(page, javaScriptEnabled);
  await addNode(page, 'Osasto', 'Vesihuolto');
  await addNode(page, 'Palveluntarjoaja', 'Verkosto');
  await addNode(page, 'Palvelukategoria', 'Vesikatko');
  await expectAccessible(page);

  await page.getByRole('link', { name: 'Palveluajat' }).click();
  await expect(page.getByRole('heading', { name: 'Palveluajat', level: 1 })).toBeVisible();
  await expect(page.locator('.holidays')).toContainText('itsenäisyyspäivä');
  await expect(page.getByLabel('maanantai Alkaa')).toHaveValue('08:00');
  await expectAccessible(page);
  await hydrated(page, javaScriptEnabled);
  await page.getByLabel('Päivä', { exact: false }).last().fill('2027-01-07');
  await page.getByLabel('Syy').fill('Inventaario');
  await page.getByRole('button', { name: 'Lisää' }).click();
  await expect(page.locator('.closures')).toContainText('Inventaario');

  await page.getByRole('link', { name: 'Palvelutasot' }).click();
  await expect(page.getByText('Ei sääntöjä')).toBeVisible();
  await expectAccessible(page);
  await hydrated(page, javaScriptEnabled);
  await page.getByLabel('Nimi', { exact: false }).first().fill('Vesikatkot');
  await page.getByRole('button', { name: 'Lisää sääntö' }).click();
  await expect(page.locator('#f-resolution_hours-error')).toContainText('Anna ainakin');
  await expect(page.getByLabel('Nimi', { exact: false }).first()).toHaveValue('Vesikatkot');
  await page.getByLabel('Palvelukategoria').selectOption({ label: 'Vesikatko' });
  await page.getByLabel('Ratkaisu (tuntia)').fill('8');
  await page.getByRole('button', { name: 'Lisää sääntö' }).click();
  await expect(page.getByRole('row', { name: /Vesikatkot/ })).toContainText('8 h');
  await expectAccessible(page);

  await page.getByRole('link', { name: 'Säilytysajat' }).click();
  await expect(page.getByRole('heading', { name: 'Säilytysajat', level: 1 })).toBeVisible();
  await expect(page.getByLabel('Palaute: Arkistoidaan')).toHaveValue('90');
  await hydrated(page, javaScriptEnabled);
  await page.getByLabel('Palaute: Arkistoidaan').fill('400');
  await page.getByLabel('Palaute: Hävitetään').fill('6');
  await page.getByRole('button', { name: 'Tallenna' }).click();
  await expect(page.locator('#f-dispose_2-error')).toContainText('ennen arkistointia');
  await expectAccessible(page);
  await page.getByLabel('Palaute: Arkistoidaan').fill('30');
  await page.getByLabel('Palaute: Hävitetään').fill('12');
  await page.getByRole('button', { name: 'Tallenna' }).click();
  await expect(page.getByRole('status')).toContainText('Tallennettu');
  await expect(page.getByLabel('Palaute: Hävitetään')).toHaveValue('12');

  await page.getByRole('link', { name: 'Perustiedot' }).click();
  await expect(page.getByLabel('Nimi englanniksi')).toHaveValue('Water Utility');
  await hydrated(page, javaScriptEnabled);
  await page.getByLabel('Nimi englanniksi').fill('Water Services');
  await page.getByRole('button', { name: 'Tallenna' }).click();
  await expect(page.getByRole('status')).toContainText('Tallennettu');
  await expect(page.getByLabel('Nimi englanniksi')).toHaveValue('Water Services');
  await expectAccessible(page);

  // A citizen asks; the request is timed by the new policy and says when to expect an answer.
  await page.goto(`/o/${slug}/ask`);
  await hydrated(page, javaScriptEnabled);
  await page.getByLabel('Nimi').fill('Veera Vesi');
  await page.getByLabel('Sähköposti').fill('veera@example.fi');
  await page.getByLabel('Aihe').selectOption({ label: 'Vesikatko' });
  await page.getByLabel('Otsikko').fill('Vesi poikki');
  await page.getByLabel('Viesti').fill('Vesi on ollut poikki aamusta asti.');
  await page.getByLabel(/Olen lukenut tietosuojaselosteen/).check();
  await page.getByRole('button', { name: 'Lähetä' }).click();
  await expect(page.getByTestId('request-number')).toContainText(javaScriptEnabled ? 'VSJ-' : 'VSN-');
  await page.getByRole('link', { name: 'Seuraa asiaasi' }).click();
  await expect(page.getByTestId('expected')).toBeVisible();
});

test('an advisor cannot open the administration', async ({ page, javaScriptEnabled }) => {
  await signIn(page, javaScriptEnabled, 'neuvoja@luukku.example', '/desk');
  const response = await page.goto('/admin/o/liikennekeskus/sla');
  expect(response.status()).toBe(403);
});
