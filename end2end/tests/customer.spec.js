// The customer channel: every standard form, tracking (answer with a file, hurry-up, resend),
// the survey after resolution, the portal, and accessibility of every customer page in three
// languages. Messages a customer would get by e-mail are read from the developer outbox page.
const { test, expect } = require('@playwright/test');
const { expectAccessible, hydrated, signIn, submitQuestion } = require('./helpers');

const run = (javaScriptEnabled) => `${javaScriptEnabled ? 'js' : 'nojs'}-${Date.now()}`;

async function fillContact(page, email) {
  await page.getByLabel('Nimi').fill('Testi Asiakas');
  await page.getByLabel('Sähköposti').fill(email);
}

async function send(page) {
  await page.getByLabel(/Olen lukenut tietosuojaselosteen/).check();
  await page.getByRole('button', { name: 'Lähetä' }).click();
  await expect(page.getByRole('heading', { name: 'Kiitos, asiasi on vastaanotettu' })).toBeVisible();
  return (await page.getByTestId('request-number').textContent()).trim();
}

/** The first link of the newest outbox message of `kind` to `email`. */
async function mailedLink(page, email, kind) {
  await page.goto(`/dev/outbox?to=${encodeURIComponent(email)}`);
  const link = page.locator(`li[data-kind="${kind}"] a`).first();
  await expect(link).toBeVisible();
  return new URL(await link.getAttribute('href')).pathname;
}

test('an order shows the address only for delivery by post, and is received', async ({ page, javaScriptEnabled }) => {
  const email = `tilaaja-${run(javaScriptEnabled)}@example.fi`;
  await page.goto('/o/liikennekeskus/order');
  await hydrated(page, javaScriptEnabled);
  await expect(page.getByRole('heading', { name: 'Tilaus' })).toBeVisible();
  await expectAccessible(page);
  await fillContact(page, email);
  await page.getByLabel('Aihe').selectOption({ index: 1 });
  await page.getByLabel('Mitä tilaat?').fill('Matkakorttikotelo');
  await page.getByLabel('Määrä').fill('2');
  const address = page.getByLabel('Postiosoite');
  if (javaScriptEnabled) await expect(address).toBeHidden();
  await page.getByLabel('Postitse').check();
  await expect(address).toBeVisible();
  // Required once shown: sending without it keeps everything and points at the address.
  await page.getByLabel(/Olen lukenut tietosuojaselosteen/).check();
  await page.getByRole('button', { name: 'Lähetä' }).click();
  await expect(page.locator('#f-address-error')).toBeVisible();
  await expect(page.getByLabel('Mitä tilaat?')).toHaveValue('Matkakorttikotelo');
  await expectAccessible(page);
  await page.getByLabel('Postiosoite').fill('Rautatienkatu 1, 00100 Helsinki');
  if (!javaScriptEnabled) await page.getByLabel(/Olen lukenut tietosuojaselosteen/).check();
  await page.getByRole('button', { name: 'Lähetä' }).click();
  await expect(page.getByTestId('request-number')).toContainText('LIK-');
  await mailedLink(page, email, 'acknowledgement');
});

test('a change request and feedback are received with their answers', async ({ page, javaScriptEnabled }) => {
  const email = `muutos-${run(javaScriptEnabled)}@example.fi`;
  await page.goto('/o/liikennekeskus/change');
  await hydrated(page, javaScriptEnabled);
  await fillContact(page, email);
  await page.getByLabel('Mitä muutos koskee?').fill('Osoitteenmuutos');
  await page.getByLabel('Nykyinen tilanne').fill('Vanha osoite');
  await page.getByLabel('Toivottu muutos').fill('Uusi osoite');
  await page.getByLabel('Elämäntilanteen muutos').check();
  await page.getByLabel('Aihe').selectOption({ index: 1 });
  expect(await send(page)).toMatch(/^LIK-/);

  await page.goto('/o/liikennekeskus/feedback');
  await hydrated(page, javaScriptEnabled);
  await fillContact(page, email);
  await page.getByLabel('Kiitos', { exact: true }).check();
  await page.getByLabel('Palautteesi').fill('Hyvää palvelua!');
  await page.getByLabel('Haluan vastauksen').check();
  await page.getByLabel('Aihe').selectOption({ index: 1 });
  await send(page);
  await page.getByRole('link', { name: 'Seuraa asiaasi' }).click();
  await expect(page.getByText('Hyvää palvelua!')).toBeVisible();
});

test('the customer answers with a file, hurries once a day and gets the link again', async ({ page, javaScriptEnabled }) => {
  const subject = `Liite ${run(javaScriptEnabled)}`;
  const number = await submitQuestion(page, javaScriptEnabled, subject);
  await page.getByRole('link', { name: 'Seuraa asiaasi' }).click();
  await hydrated(page, javaScriptEnabled);
  const tracking = page.url();

  await page.getByLabel('Viesti').fill('Liitteenä kuitti.');
  await page.getByLabel('Liitteet').setInputFiles({
    name: 'kuitti.pdf', mimeType: 'application/pdf', buffer: Buffer.from('%PDF-1.4\n% receipt\n'),
  });
  await page.getByRole('button', { name: 'Lähetä', exact: true }).click();
  await expect(page.getByRole('status')).toContainText('Viestisi on lähetetty');
  await expect(page.getByRole('link', { name: 'kuitti.pdf' })).toBeVisible();

  // A file that is not what its name says is refused next to the field.
  await page.getByLabel('Viesti').fill('Toinen liite.');
  await page.getByLabel('Liitteet').setInputFiles({
    name: 'kuva.png', mimeType: 'image/png', buffer: Buffer.from([0x4d, 0x5a, 0x90, 0x00, 0x03, 0x00, 0xff]),
  });
  await page.getByRole('button', { name: 'Lähetä', exact: true }).click();
  await expect(page.locator('#f-files-error')).toBeVisible();
  await expect(page.getByLabel('Viesti')).toHaveValue('Toinen liite.');

  await page.goto(tracking);
  await hydrated(page, javaScriptEnabled);
  await page.getByRole('button', { name: 'Kiirehdi' }).click();
  await expect(page.getByRole('status')).toContainText('Kiirehdintäsi on välitetty');
  await expect(page.getByTestId('hurry-later')).toBeVisible();
  await expect(page.getByRole('button', { name: 'Kiirehdi' })).toHaveCount(0);
  await expectAccessible(page);

  await page.goto('/track');
  await hydrated(page, javaScriptEnabled);
  await page.getByLabel('Pyynnön numero').fill(number);
  await page.getByLabel('Sähköposti').fill('testi@example.fi');
  await page.getByRole('button', { name: 'Lähetä minulle uusi linkki' }).click();
  await expect(page.getByTestId('resend-done')).toBeVisible();
  await expectAccessible(page);
  const again = await mailedLink(page, 'testi@example.fi', 'tracking_link');
  await page.goto(again);
  await expect(page.getByRole('heading', { name: /Asiasi tilanne/ })).toContainText(number);
});

test('a low survey score reopens the resolved request', async ({ page, javaScriptEnabled }) => {
  const subject = `Kysely ${run(javaScriptEnabled)}`;
  await submitQuestion(page, javaScriptEnabled, subject);
  await signIn(page, javaScriptEnabled, 'neuvoja@luukku.example', '/desk');
  await page.getByRole('link', { name: subject }).click();
  await hydrated(page, javaScriptEnabled);
  await page.getByLabel('Vastaus *', { exact: true }).fill('Ratkaistu: kortti on ladattu.');
  await page.getByLabel('Tila vastauksen jälkeen').selectOption({ label: 'Ratkaistu' });
  await page.getByRole('button', { name: 'Lähetä vastaus' }).click();
  await expect(page.getByTestId('status')).toHaveText('Ratkaistu');

  const survey = await mailedLink(page, 'testi@example.fi', 'survey');
  // Opening the link records nothing.
  await page.goto(survey);
  await page.goto(survey);
  await hydrated(page, javaScriptEnabled);
  await expect(page.getByRole('heading', { name: 'Miten onnistuimme?' })).toBeVisible();
  await expectAccessible(page);
  await page.getByRole('button', { name: 'Lähetä' }).click();
  await expect(page.locator('#f-score-error')).toBeVisible();
  await page.getByLabel('3', { exact: true }).check();
  await page.getByLabel('Kommentti (vapaaehtoinen)').fill('Kortti ei vieläkään toimi.');
  await page.getByRole('button', { name: 'Lähetä' }).click();
  await expect(page.getByTestId('survey-done')).toContainText('avattu uudelleen');

  await page.goto('/desk');
  await page.getByRole('link', { name: subject }).click();
  await expect(page.getByTestId('status')).toHaveText('Avoin');
});

test('the portal signs in with an e-mailed link and lists the requests', async ({ page, javaScriptEnabled }) => {
  const email = `portaali-${run(javaScriptEnabled)}@example.fi`;
  await page.goto('/o/liikennekeskus/ask');
  await hydrated(page, javaScriptEnabled);
  await fillContact(page, email);
  await page.getByLabel('Aihe').selectOption({ index: 1 });
  await page.getByLabel('Otsikko').fill('Portaalin pyyntö');
  await page.getByLabel('Viesti').fill('Näkyykö tämä portaalissa?');
  const number = await send(page);

  await page.goto('/portal');
  await hydrated(page, javaScriptEnabled);
  await expectAccessible(page);
  await page.getByLabel('Sähköposti').fill(email);
  await page.getByRole('button', { name: 'Lähetä kirjautumislinkki' }).click();
  await expect(page.getByTestId('sign-in-sent')).toBeVisible();
  const link = await mailedLink(page, email, 'portal_sign_in');
  await page.goto(link);
  await hydrated(page, javaScriptEnabled);
  await page.getByRole('button', { name: 'Kirjaudu sisään' }).click();
  await expect(page.getByText(email)).toBeVisible();
  await expect(page.getByRole('link', { name: number })).toBeVisible();
  await expectAccessible(page);
  // The link works once.
  await page.goto(link);
  await expect(page.getByRole('alert')).toContainText('vanhentunut');
});

test('every customer page is accessible in Finnish, Swedish and English', async ({ page, javaScriptEnabled }) => {
  await submitQuestion(page, javaScriptEnabled, `Saavutettavuus ${run(javaScriptEnabled)}`);
  await page.getByRole('link', { name: 'Seuraa asiaasi' }).click();
  const tracking = new URL(page.url()).pathname;
  for (const lang of ['fi', 'sv', 'en']) {
    await page.goto(`/lang/${lang}?next=/`);
    for (const path of ['/', '/o/liikennekeskus/ask', '/o/liikennekeskus/order', '/o/liikennekeskus/change',
      '/o/liikennekeskus/feedback', tracking, '/track', '/portal', '/privacy/liikennekeskus']) {
      await page.goto(path);
      await expect(page.locator('html')).toHaveAttribute('lang', lang);
      await expectAccessible(page);
    }
  }
  await page.goto('/lang/fi?next=/');
});
