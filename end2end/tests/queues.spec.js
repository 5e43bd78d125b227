// @ts-check
// Queues and assignment: quick search, taking and releasing, a supervisor giving a request to a
// colleague, "take next", and the whole loop from the keyboard.
const { test, expect } = require('@playwright/test');
const { expectAccessible, hydrated, signIn, submitQuestion } = require('./helpers');

const run = (js) => `${js ? 'js' : 'nojs'}-${Date.now()}`;

async function findByNumber(page, javaScriptEnabled, number) {
  await page.goto('/desk');
  await hydrated(page, javaScriptEnabled);
  await page.getByLabel('Hae numerolla, sähköpostilla tai nimellä').fill(number);
  await page.getByRole('button', { name: 'Hae', exact: true }).click();
  await expect(page.getByRole('heading', { name: 'Hakutulokset' })).toBeVisible();
}

test('an advisor finds a request by number, takes and releases it, and a supervisor gives it to a colleague', async ({ page, javaScriptEnabled }) => {
  const subject = `Otettava ${run(javaScriptEnabled)}`;
  const number = await submitQuestion(page, javaScriptEnabled, subject);
  await signIn(page, javaScriptEnabled, 'neuvoja@luukku.example', '/desk');
  await expectAccessible(page);
  await findByNumber(page, javaScriptEnabled, number);
  await expect(page.locator('table.queue tbody tr')).toHaveCount(1);
  await page.getByRole('link', { name: subject }).click();
  await hydrated(page, javaScriptEnabled);
  const assignee = page.getByTestId('assignee');
  await expect(assignee).toHaveText('Ei käsittelijää');
  await page.getByRole('button', { name: 'Ota käsittelyyn' }).click();
  await expect(page.getByText('Käsittelijä tallennettu.')).toBeVisible();
  await expect(assignee).toHaveText('Aino Neuvoja (sinä)');
  await expect(page.getByTestId('status')).toContainText('Käsittelyssä');
  await expectAccessible(page);
  await page.getByRole('button', { name: 'Vapauta' }).click();
  await expect(assignee).toHaveText('Ei käsittelijää');

  await signIn(page, javaScriptEnabled, 'esimies@luukku.example', '/desk');
  await findByNumber(page, javaScriptEnabled, number);
  await page.getByRole('link', { name: subject }).click();
  await hydrated(page, javaScriptEnabled);
  await page.getByLabel('Anna kollegalle').selectOption({ label: 'Aino Neuvoja' });
  await page.getByRole('button', { name: 'Anna', exact: true }).click();
  await expect(page.getByTestId('assignee')).toHaveText('Aino Neuvoja');
  await expect(page.locator('.timeline')).toContainText('Käsittelijä: Aino Neuvoja');
});

test('take next opens the most urgent free request of the chosen queue and it shows in my work', async ({ page, javaScriptEnabled }) => {
  await submitQuestion(page, javaScriptEnabled, `Seuraava ${run(javaScriptEnabled)}`);
  await signIn(page, javaScriptEnabled, 'neuvoja@luukku.example', '/desk');
  await page.getByRole('navigation', { name: 'Jonot' }).getByRole('link', { name: /Ottamattomat/ }).click();
  await expect(page.getByRole('heading', { name: 'Ottamattomat', level: 2 })).toBeVisible();
  await hydrated(page, javaScriptEnabled);
  await page.getByRole('button', { name: 'Ota seuraava' }).click();
  await expect(page).toHaveURL(/\/desk\/r\/\d+\?taken=1$/);
  await expect(page.getByText('Pyyntö on nyt sinulla.')).toBeVisible();
  await expect(page.getByTestId('assignee')).toHaveText('Aino Neuvoja (sinä)');
  const number = (await page.locator('h1 .number').textContent()).trim();
  await page.goto('/desk?view=mine');
  await expect(page.getByRole('heading', { name: 'Omat työt', level: 2 })).toBeVisible();
  await expect(page.locator('table.queue')).toContainText(number);
});

test('the whole loop works from the keyboard: search, open, take, resolve, help', async ({ page, javaScriptEnabled }) => {
  test.skip(!javaScriptEnabled, 'shortcuts are the workspace script; without it every control is still reachable by Tab');
  const subject = `Näppäimistö ${run(javaScriptEnabled)}`;
  const number = await submitQuestion(page, javaScriptEnabled, subject);
  await signIn(page, javaScriptEnabled, 'neuvoja@luukku.example', '/desk');
  await hydrated(page, javaScriptEnabled);
  await page.keyboard.press('/');
  const search = page.getByLabel('Hae numerolla, sähköpostilla tai nimellä');
  await expect(search).toBeFocused();
  await page.keyboard.type(number);
  await page.keyboard.press('Enter');
  await expect(page.getByRole('heading', { name: 'Hakutulokset' })).toBeVisible();
  await hydrated(page, javaScriptEnabled);
  await page.keyboard.press('j');
  await expect(page.getByRole('link', { name: subject })).toBeFocused();
  await page.keyboard.press('Enter');
  await expect(page.getByRole('heading', { name: subject })).toBeVisible();
  await hydrated(page, javaScriptEnabled);
  await page.keyboard.press('t');
  await expect(page.getByTestId('assignee')).toHaveText('Aino Neuvoja (sinä)');
  await page.keyboard.press('s');
  await expect(page.getByLabel('Vastaus *', { exact: true })).toBeFocused();
  await expect(page.getByLabel('Tila vastauksen jälkeen')).toHaveValue('resolved');
  await page.keyboard.type('Lataus onnistuu nyt verkkokaupassa.');
  await page.keyboard.press('Tab');
  await page.keyboard.press('Tab');
  await page.keyboard.press('Enter');
  await expect(page.getByText('Vastaus lähetetty.')).toBeVisible();
  await expect(page.getByTestId('status')).toContainText('Ratkaistu');
  await page.keyboard.press('?');
  await expect(page.locator('#shortcuts')).toHaveAttribute('open', '');
  await expect(page.locator('#shortcuts')).toContainText('Ota seuraava pyyntö');
  await expectAccessible(page);
  await page.keyboard.press('Escape');
  await expect(page.locator('#shortcuts')).not.toHaveAttribute('open', '');
  await page.keyboard.press('q');
  await expect(page).toHaveURL(/\/desk$/);
});

test('new requests and a colleague\'s changes show up without a reload, keeping what is typed', async ({ page, browser, javaScriptEnabled }) => {
  test.skip(!javaScriptEnabled, 'live updates come through the workspace script; without it a reload shows them');
  const subject = `Elävä ${run(javaScriptEnabled)}`;
  const number = await submitQuestion(page, javaScriptEnabled, subject);
  await signIn(page, javaScriptEnabled, 'neuvoja@luukku.example', '/desk');
  await hydrated(page, javaScriptEnabled);
  const all = page.getByRole('navigation', { name: 'Jonot' }).getByRole('link', { name: /Kaikki avoimet/ }).locator('.count');
  const before = Number(await all.textContent());
  await page.getByLabel('Hae numerolla, sähköpostilla tai nimellä').fill('kesken');

  const other = await browser.newContext({ javaScriptEnabled: true, locale: 'fi-FI' });
  const citizen = await other.newPage();
  await submitQuestion(citizen, true, `${subject} toinen`);
  await expect.poll(async () => Number(await all.textContent())).toBeGreaterThan(before);
  await expect(page.getByLabel('Hae numerolla, sähköpostilla tai nimellä')).toHaveValue('kesken');

  await findByNumber(page, javaScriptEnabled, number);
  await page.getByRole('link', { name: subject, exact: true }).click();
  await hydrated(page, javaScriptEnabled);
  await page.getByLabel('Vastaus *', { exact: true }).fill('Kirjoitan vielä');
  const colleague = await other.newPage();
  await signIn(colleague, true, 'paakayttaja@luukku.example', '/desk');
  await findByNumber(colleague, true, number);
  await colleague.getByRole('link', { name: subject, exact: true }).click();
  await hydrated(colleague, true);
  await colleague.getByLabel('Muistiinpano (näkyy vain henkilöstölle) *').fill('Soitin asiakkaalle');
  await colleague.getByRole('button', { name: 'Tallenna muistiinpano' }).click();
  await expect(colleague.getByText('Muistiinpano tallennettu.')).toBeVisible();
  await other.close();

  await expect(page.getByText('Pyyntöön on tullut muutoksia sen avaamisen jälkeen.')).toBeVisible();
  await page.getByRole('button', { name: 'Näytä muutokset' }).click();
  await expect(page.locator('.timeline')).toContainText('Soitin asiakkaalle');
  await expect(page.getByLabel('Vastaus *', { exact: true })).toHaveValue('Kirjoitan vielä');
  await expect(page.getByText('Pyyntöön on tullut muutoksia sen avaamisen jälkeen.')).toBeHidden();
});

test('a question is quick until the advisor says it takes long, and a view by length follows', async ({ page, javaScriptEnabled }) => {
  const tag = run(javaScriptEnabled);
  const subject = `Pitkä selvitys ${tag}`;
  const number = await submitQuestion(page, javaScriptEnabled, subject);
  await signIn(page, javaScriptEnabled, 'neuvoja@luukku.example', '/desk');
  await findByNumber(page, javaScriptEnabled, number);
  await page.getByRole('link', { name: subject }).click();
  await hydrated(page, javaScriptEnabled);
  await expect(page.getByTestId('expected-length')).toHaveText('Nopea (vastataan kerralla)');
  await page.getByText('Muuta luokittelua tai prioriteettia').click();
  await page.getByLabel('Odotettu kesto').selectOption({ label: 'Pitkä (vaatii selvittelyä)' });
  await page.getByRole('button', { name: 'Tallenna luokittelu' }).click();
  await expect(page.getByTestId('expected-length')).toHaveText('Pitkä (vaatii selvittelyä)');

  await page.goto('/desk');
  await hydrated(page, javaScriptEnabled);
  await page.getByText('Uusi jono').click();
  await page.getByLabel('Nimi suomeksi').fill(`Pitkät ${tag}`);
  await page.getByLabel('Odotettu kesto').selectOption({ label: 'Pitkä (vaatii selvittelyä)' });
  await page.getByRole('button', { name: 'Tallenna jono' }).click();
  await page.getByRole('navigation', { name: 'Jonot' }).getByRole('link', { name: new RegExp(`Pitkät ${tag}`) }).click();
  await expect(page.getByRole('heading', { name: `Pitkät ${tag}`, level: 2 })).toBeVisible();
  await expect(page.locator('table.queue')).toContainText(number);
  await expectAccessible(page);
});

test('keys ask the customer and open the classification', async ({ page, javaScriptEnabled }) => {
  test.skip(!javaScriptEnabled, 'shortcuts are the workspace script; without it every control is still reachable by Tab');
  const subject = `Näppäimet ${run(javaScriptEnabled)}`;
  const number = await submitQuestion(page, javaScriptEnabled, subject);
  await signIn(page, javaScriptEnabled, 'neuvoja@luukku.example', '/desk');
  await findByNumber(page, javaScriptEnabled, number);
  await page.getByRole('link', { name: subject }).click();
  await expect(page.getByRole('heading', { name: subject })).toBeVisible();
  await hydrated(page, javaScriptEnabled);
  await page.keyboard.press('c');
  await expect(page.locator('#classify')).toHaveAttribute('open', '');
  await expect(page.locator('#f-request_type')).toBeFocused();
  await page.reload();
  await hydrated(page, javaScriptEnabled);
  await page.keyboard.press('w');
  await expect(page.getByLabel('Vastaus *', { exact: true })).toBeFocused();
  await expect(page.getByLabel('Tila vastauksen jälkeen')).toHaveValue('waiting_for_customer');
});
