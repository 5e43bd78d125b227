// The form builder: an administrator creates a form, adds a choice field (a bad key first), and
// the public form shows it at once; the earlier version stays with requests sent before.
const { test, expect } = require('@playwright/test');
const { expectAccessible, hydrated, signIn } = require('./helpers');

test('an administrator builds a form that citizens can use at once', async ({ page, javaScriptEnabled }) => {
  const slug = `kysely-${javaScriptEnabled ? 'js' : 'nojs'}`;
  await signIn(page, javaScriptEnabled, 'paakayttaja@luukku.example', '/admin');
  await page.goto('/admin/o/liikennekeskus/forms');
  await hydrated(page, javaScriptEnabled);
  await expect(page.getByRole('link', { name: 'Kysy neuvoa' })).toBeVisible();
  await expectAccessible(page);
  await page.getByLabel('Verkko-osoitteen tunnus').fill(slug);
  await page.getByLabel('Nimi suomeksi').fill('Pysäkkikysely');
  await page.getByLabel('Nimi ruotsiksi').fill('Hållplatsenkät');
  await page.getByLabel('Nimi englanniksi').fill('Bus stop survey');
  await page.getByRole('button', { name: 'Luo lomake' }).click();
  await expect(page).toHaveURL(/\/admin\/o\/liikennekeskus\/forms\/\d+$/);
  await expect(page.getByRole('heading', { name: 'Pysäkkikysely' })).toBeVisible();
  await hydrated(page, javaScriptEnabled);

  const add = page.locator('section.form-editor > form');
  await add.getByLabel('Tunnus', { exact: true }).fill('Bad Key');
  await add.getByLabel('Otsikko suomeksi').fill('Alue');
  await add.getByRole('button', { name: 'Tallenna' }).click();
  await expect(page.locator('#f-key-error')).toBeVisible();
  await expect(page.locator('section.form-editor > form').getByLabel('Otsikko suomeksi')).toHaveValue('Alue');

  const again = page.locator('section.form-editor > form');
  await again.getByLabel('Tunnus', { exact: true }).fill('area');
  await again.getByLabel('Kentän tyyppi').selectOption({ label: 'Yksi vaihtoehto' });
  await again.getByLabel('Otsikko ruotsiksi').fill('Område');
  await again.getByLabel('Otsikko englanniksi').fill('Area');
  await again.getByLabel('Vaihtoehdot').fill('north: Pohjoinen | Norra | North\nsouth: Etelä | Södra | South');
  await again.getByLabel('Pakollinen').check();
  await again.getByRole('button', { name: 'Tallenna' }).click();
  await expect(page.getByRole('status')).toContainText('Tallennettu');
  await expect(page.locator('li.field-row[data-key="area"]')).toBeVisible();
  await expect(page.getByText('Versio 2')).toBeVisible();
  await expectAccessible(page);

  await page.goto(`/o/liikennekeskus/${slug}`);
  await hydrated(page, javaScriptEnabled);
  await expect(page.getByRole('heading', { name: 'Pysäkkikysely' })).toBeVisible();
  await expect(page.getByRole('radio', { name: 'Pohjoinen' })).toBeVisible();
  await expectAccessible(page);
});
