// The service level of a request in the advisor's view: its due time explained, and a priority
// override that needs a reason and re-times the request.
const { test, expect } = require('@playwright/test');
const { expectAccessible, hydrated, signIn, submitQuestion } = require('./helpers');

test('an advisor sees why a request is due and overrides its priority with a reason', async ({ page, javaScriptEnabled }) => {
  const subject = `Palvelutaso ${javaScriptEnabled ? 'js' : 'nojs'} ${Date.now()}`;
  await submitQuestion(page, javaScriptEnabled, subject);
  await signIn(page, javaScriptEnabled, 'neuvoja@luukku.example', '/desk');
  await expect(page.getByRole('columnheader', { name: 'Määräaika' })).toBeVisible();
  await page.getByRole('link', { name: subject }).click();
  await expect(page.getByRole('heading', { name: 'Palvelutaso', exact: true })).toBeVisible();
  await expect(page.getByTestId('due-explanation')).toContainText('24 h palveluaikaa alkaen');
  const before = await page.getByTestId('due').textContent();

  await hydrated(page, javaScriptEnabled);
  await page.getByText('Muuta luokittelua tai prioriteettia').click();
  await page.getByLabel('Prioriteetti', { exact: true }).selectOption({ label: 'Kriittinen' });
  await page.getByRole('button', { name: 'Tallenna luokittelu' }).click();
  await expect(page.locator('#f-reason-error')).toContainText('Kerro syy');
  await expectAccessible(page);
  await page.getByLabel('Syy prioriteetin poikkeamalle').fill('Koskee kaikkia kortinhaltijoita');
  await page.getByRole('button', { name: 'Tallenna luokittelu' }).click();
  await expect(page.getByRole('status')).toContainText('Luokittelu tallennettu');
  await expect(page.locator('.sla-panel')).toContainText('Kriittinen');
  await expect(page.locator('.sla-panel')).toContainText('Kiireelliset');
  await expect(page.getByTestId('due-explanation')).toContainText('4 h palveluaikaa');
  expect(await page.getByTestId('due').textContent()).not.toEqual(before);
  await expect(page.locator('.event-priority_changed')).toContainText('Normaali → Kriittinen: Koskee kaikkia kortinhaltijoita');
  await expectAccessible(page);
});

test('an advisor merges a duplicate into the request kept, keeping both histories', async ({ page, javaScriptEnabled }) => {
  const tag = `${javaScriptEnabled ? 'js' : 'nojs'} ${Date.now()}`;
  const kept = await submitQuestion(page, javaScriptEnabled, `Alkuperäinen ${tag}`);
  await submitQuestion(page, javaScriptEnabled, `Kaksoiskappale ${tag}`);
  await signIn(page, javaScriptEnabled, 'neuvoja@luukku.example', '/desk');
  await page.getByRole('link', { name: `Kaksoiskappale ${tag}` }).click();
  // The same customer's earlier request is linked automatically.
  await expect(page.locator('.link-list')).toContainText(kept);
  await hydrated(page, javaScriptEnabled);
  await page.getByLabel('Toisen asian numero').fill('LIK-2026-999999-9');
  await page.getByRole('button', { name: 'Linkitä' }).click();
  await expect(page.locator('#f-number-error')).toContainText('Tällä numerolla ei löydy');
  await page.getByLabel('Toisen asian numero').fill(kept);
  await page.getByLabel('Linkin laji').selectOption({ label: 'Tämä on kaksoiskappale: yhdistä siihen' });
  await page.getByRole('button', { name: 'Linkitä' }).click();
  await expect(page.getByRole('status')).toContainText('Linkitetty');
  await expect(page.getByTestId('status')).toHaveText('Suljettu');
  await expect(page.locator('.link-list')).toContainText('Käsittely jatkuu asiassa');
  await expect(page.locator('.event-submitted')).toBeVisible();
  await expectAccessible(page);
  await page.locator('.link-list a', { hasText: kept }).first().click();
  await expect(page.locator('.link-list')).toContainText('Yhdistetty tähän');
});

test('a supervisor puts a request on legal hold with grounds', async ({ page, javaScriptEnabled }) => {
  const subject = `Säilytys ${javaScriptEnabled ? 'js' : 'nojs'} ${Date.now()}`;
  await submitQuestion(page, javaScriptEnabled, subject);
  await signIn(page, javaScriptEnabled, 'paakayttaja@luukku.example', '/desk');
  await page.getByRole('link', { name: subject }).click();
  await expect(page.getByTestId('hold')).toContainText('säilytysaikojen mukaan');
  await hydrated(page, javaScriptEnabled);
  await page.getByRole('button', { name: 'Aseta säilytysvelvoite' }).click();
  await expect(page.locator('#f-hold_reason-error')).toBeVisible();
  await page.getByLabel('Peruste').fill('Valitus hallinto-oikeudessa');
  await page.getByRole('button', { name: 'Aseta säilytysvelvoite' }).click();
  await expect(page.getByTestId('hold')).toContainText('ei arkistoida');
  await expect(page.locator('.event-legal_hold')).toContainText('Valitus hallinto-oikeudessa');
  await expectAccessible(page);
});

test('completing a work order resolves every request in it', async ({ page, javaScriptEnabled }) => {
  const tag = `${javaScriptEnabled ? 'js' : 'nojs'} ${Date.now()}`;
  await submitQuestion(page, javaScriptEnabled, `Katko A ${tag}`);
  await submitQuestion(page, javaScriptEnabled, `Katko B ${tag}`);
  await signIn(page, javaScriptEnabled, 'neuvoja@luukku.example', '/desk');
  await page.getByRole('link', { name: `Katko A ${tag}` }).click();
  await hydrated(page, javaScriptEnabled);
  await page.getByRole('button', { name: 'Luo työmääräys' }).click();
  await expect(page.locator('#f-wo_title-error')).toBeVisible();
  await page.getByLabel('Uuden työmääräyksen otsikko').fill(`Katko ${tag}`);
  await page.getByRole('button', { name: 'Luo työmääräys' }).click();
  await expect(page.getByTestId('work-order')).toContainText(`Katko ${tag}`);

  await page.goto('/desk');
  await page.getByRole('link', { name: `Katko B ${tag}` }).click();
  await hydrated(page, javaScriptEnabled);
  await page.getByLabel('Avoin työmääräys').selectOption({ label: `Katko ${tag}` });
  await page.getByRole('button', { name: 'Liitä työmääräykseen' }).click();
  await expect(page.locator('.work-order .link-list li')).toHaveCount(2);
  await page.getByLabel('Ratkaisu suomeksi').fill('Katko on korjattu.');
  await page.getByLabel('Ratkaisu ruotsiksi').fill('Avbrottet är åtgärdat.');
  await page.getByLabel('Ratkaisu englanniksi').fill('The outage is fixed.');
  await page.getByRole('button', { name: 'Merkitse valmiiksi' }).click();
  await expect(page.getByTestId('work-order')).toContainText('Valmis');
  await expect(page.getByTestId('status')).toHaveText('Ratkaistu');
  await expect(page.locator('.work-order')).not.toContainText('Uusi');
  await expect(page.getByText('Katko on korjattu.')).toBeVisible();
  await expectAccessible(page);
});

test('a request is delegated to another organisation, which sees only what was shared and hands it back', async ({ page, javaScriptEnabled }) => {
  const subject = `Delegointi ${javaScriptEnabled ? 'js' : 'nojs'} ${Date.now()}`;
  await submitQuestion(page, javaScriptEnabled, subject);
  await signIn(page, javaScriptEnabled, 'neuvoja@luukku.example', '/desk');
  await page.getByRole('link', { name: subject }).click();
  await hydrated(page, javaScriptEnabled);
  await page.getByLabel('Delegoi organisaatiolle').selectOption({ label: 'Esimerkkilän kaupunki' });
  await page.getByLabel('Ohje vastaanottajalle').fill('Tarkistakaa pysäköintilupa.');
  await page.getByRole('button', { name: 'Delegoi', exact: true }).click();
  await expect(page.getByTestId('delegated')).toContainText('Esimerkkilän kaupunki');
  await expectAccessible(page);

  await signIn(page, javaScriptEnabled, 'radgivare@luukku.example', '/desk');
  await expect(page.getByRole('heading', { name: 'Meille delegoidut' })).toBeVisible();
  await page.getByRole('link', { name: subject }).click();
  await expect(page.getByTestId('delegation-note')).toContainText('Tarkistakaa pysäköintilupa.');
  await expect(page.getByText('Omistaja ei jakanut tätä tietoa.')).toBeVisible();
  await expectAccessible(page);
  await hydrated(page, javaScriptEnabled);
  await page.getByLabel('Palautusviesti').fill('Lupa on voimassa.');
  await page.getByRole('button', { name: 'Palauta omistajalle' }).click();
  await expect(page.getByRole('status')).toContainText('palautettiin');
  await expect(page.getByRole('link', { name: subject })).toHaveCount(0);
});
