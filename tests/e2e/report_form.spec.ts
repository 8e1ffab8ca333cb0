import { test, expect, type Locator } from '@playwright/test';
import { openService } from './flows';

// The reference server is seeded with Chicago's fourteen services of 2012.

const LOCATION_PROBLEM = 'Choose “Use my location”, or type the street address or nearest intersection.';

/** The top of an element on the page, to check what comes before what. */
async function top(locator: Locator): Promise<number> {
  const box = await locator.boundingBox();
  expect(box, 'the element is laid out').not.toBeNull();
  return box!.y;
}

test('searching the service list filters it as one types', async ({ page }) => {
  await page.goto('/report');
  await expect(page.getByRole('heading', { level: 1, name: 'Report a problem' })).toBeVisible();
  const transportation = page.getByRole('region', { name: 'Transportation' });
  await expect(transportation.getByRole('link', { name: 'Pothole in Street', exact: true })).toBeVisible();
  await expect(page.getByRole('link', { name: 'Rodent Baiting/Rat Complaint' })).toBeVisible();

  const search = page.getByRole('searchbox', { name: 'Search for a problem' });
  await search.fill('rat');
  await expect(page.getByRole('status').filter({ hasText: 'matches' })).toHaveText('1 service matches “rat”.');
  await expect(page.getByRole('link', { name: 'Rodent Baiting/Rat Complaint' })).toBeVisible();
  await expect(page.getByRole('link', { name: 'Pothole in Street' })).toHaveCount(0);
  await expect(transportation).toHaveCount(0);

  // "tagging" is one of graffiti removal's keywords, in neither its name nor its description.
  await search.fill('tagging');
  await expect(page.getByRole('link', { name: 'Graffiti Removal' })).toBeVisible();
  await expect(page.getByRole('link', { name: 'Rodent Baiting/Rat Complaint' })).toHaveCount(0);

  await search.fill('GRÁFFITI');
  await expect(page.getByRole('link', { name: 'Graffiti Removal' })).toBeVisible();

  await search.fill('xyz');
  await expect(page.getByText('No service matches “xyz”.')).toBeVisible();
  await expect(page.getByRole('link', { name: 'Graffiti Removal' })).toHaveCount(0);

  await search.fill('');
  await expect(page.getByRole('link', { name: 'Pothole in Street', exact: true })).toBeVisible();
});

test('the pothole form asks its questions in order, marking what is required', async ({ page }) => {
  await openService(page, 'Pothole in Street');
  await expect(page).toHaveURL(/\/report\/pothole_in_street$/);

  const whereIs = page.getByRole('radiogroup', { name: 'Where is the pothole? (required)' });
  await expect(whereIs).toBeVisible();
  for (const name of ['Bike lane', 'Crosswalk', 'Curb lane', 'Intersection', 'Traffic lane']) {
    await expect(whereIs.getByRole('radio', { name })).not.toBeChecked();
  }
  const mobile = page.getByRole('textbox', { name: 'Mobile number for text updates', exact: true });
  await expect(mobile).toHaveAccessibleDescription('A US mobile number, for example 312-555-0123');
  await expect(mobile).not.toHaveAttribute('required');
  // A fixed attribute is information, not a field.
  const notice = page.getByRole('note').filter({ hasText: 'Potholes on expressways are repaired by IDOT' });
  await expect(notice).toBeVisible();
  await expect(page.getByRole('textbox', { name: /expressways/ })).toHaveCount(0);
  expect(await top(whereIs)).toBeLessThan(await top(mobile));
  expect(await top(mobile)).toBeLessThan(await top(notice));

  await expect(page.getByRole('button', { name: 'Use my location' })).toBeVisible();
  await expect(page.getByRole('textbox', { name: 'Street address or nearest intersection' })).toBeVisible();
  const description = page.getByRole('textbox', { name: 'Describe the problem' });
  await description.fill('Two feet across.');
  await expect(page.getByText('You have 3,984 characters left')).toBeVisible();
  await expect(page.getByRole('region', { name: 'Photos' })).toBeVisible();
  const updates = page.getByRole('region', { name: 'Get updates by email' });
  for (const name of ['Email address', 'First name', 'Last name', 'Phone number']) {
    await expect(updates.getByRole('textbox', { name })).toBeVisible();
  }
});

test('sending an empty form lists every problem at the top and beside each field', async ({ page }) => {
  await openService(page, 'Pothole in Street');
  await page.getByRole('button', { name: 'Review report' }).click();

  const summary = page.getByRole('alert', { name: 'There is a problem' });
  await expect(summary).toBeFocused();
  // In the order of the form: the question comes before the location.
  await expect(summary.getByRole('link')).toHaveText(['Choose where the pothole is.', LOCATION_PROBLEM]);
  const whereLink = summary.getByRole('link', { name: 'Choose where the pothole is.' });

  const whereIs = page.getByRole('radiogroup', { name: 'Where is the pothole? (required)' });
  await expect(whereIs).toHaveAttribute('aria-invalid', 'true');
  await expect(whereIs).toHaveAccessibleDescription('Error: Choose where the pothole is.');
  const address = page.getByRole('textbox', { name: 'Street address or nearest intersection' });
  await expect(address).toHaveAttribute('aria-invalid', 'true');
  await expect(address).toHaveAccessibleDescription(new RegExp(`Error: ${LOCATION_PROBLEM}`));
  const mobile = page.getByRole('textbox', { name: 'Mobile number for text updates', exact: true });
  await expect(mobile).not.toHaveAttribute('aria-invalid');

  await whereLink.click();
  await expect(whereIs.getByRole('radio', { name: 'Bike lane' })).toBeFocused();
  await summary.getByRole('link', { name: LOCATION_PROBLEM }).click();
  await expect(address).toBeFocused();
});

test('"Use my location" shows the coordinates and how precise they are', async ({ page, context, baseURL }) => {
  await context.grantPermissions(['geolocation'], { origin: baseURL });
  await context.setGeolocation({ latitude: 41.8781, longitude: -87.6298, accuracy: 12 });
  await openService(page, 'Pothole in Street');
  const status = page.getByRole('status').filter({ hasText: 'Location found' });
  await expect(status).toHaveCount(0);

  await page.getByRole('button', { name: 'Review report' }).click();
  const summary = page.getByRole('alert', { name: 'There is a problem' });
  await expect(summary.getByRole('link', { name: LOCATION_PROBLEM })).toBeVisible();

  await page.getByRole('button', { name: 'Use my location' }).click();
  await expect(status).toHaveText('Location found: 41.87810, -87.62980 (within 12 m).');
  // Asked again after walking along the street, the phone gives where it is now, not the
  // position it kept from a moment ago.
  await context.setGeolocation({ latitude: 41.8791, longitude: -87.6298, accuracy: 8 });
  await page.getByRole('button', { name: 'Find my location again' }).click();
  await expect(status).toHaveText('Location found: 41.87910, -87.62980 (within 8 m).');
  // The location no longer needs fixing; the question still does.
  await expect(summary.getByRole('link')).toHaveText(['Choose where the pothole is.']);
  const address = page.getByRole('textbox', { name: 'Street address or nearest intersection' });
  await expect(address).not.toHaveAttribute('aria-invalid');
});

test('a refused location says so, and the address takes over', async ({ page }) => {
  await openService(page, 'Pothole in Street');
  await page.getByRole('button', { name: 'Use my location' }).click();
  await expect(page.getByRole('status').filter({ hasText: 'Location is turned off for this site' })).toBeVisible();
  await expect(page.getByRole('button', { name: 'Try my location again' })).toBeVisible();
  const address = page.getByRole('textbox', { name: 'Street address or nearest intersection' });
  await address.fill('W Jackson Blvd & S Clark St');
  await page.getByRole('radio', { name: 'Curb lane' }).check();
  await page.getByRole('button', { name: 'Review report' }).click();
  await page.getByRole('button', { name: 'Submit report' }).click();
  await expect(page).toHaveURL(/\/outbox$/);
});

test('a device that cannot find itself, or takes too long, says so, and the address takes over', async ({ context, page, baseURL }) => {
  await context.grantPermissions(['geolocation'], { origin: baseURL });
  // An override without a position is the browser's own "position unavailable".
  const cdp = await context.newCDPSession(page);
  await cdp.send('Emulation.setGeolocationOverride', {});
  await openService(page, 'Pothole in Street');
  await page.getByRole('button', { name: 'Use my location' }).click();
  await expect(page.getByRole('status').filter({ hasText: 'Your device could not work out where you are right now.' })).toBeVisible();

  // A receiver that never answers in time: the browser's own timeout, as it reports it.
  await page.evaluate(() => {
    navigator.geolocation.getCurrentPosition = (_found, failed) =>
      failed?.({ code: 3, message: 'Timeout expired', PERMISSION_DENIED: 1, POSITION_UNAVAILABLE: 2, TIMEOUT: 3 } as GeolocationPositionError);
  });
  await page.getByRole('button', { name: 'Try my location again' }).click();
  await expect(page.getByRole('status').filter({ hasText: 'Finding your location took too long.' })).toBeVisible();
  await page.getByRole('textbox', { name: 'Street address or nearest intersection' }).fill('W Jackson Blvd & S Clark St');
  await page.getByRole('radio', { name: 'Curb lane' }).check();
  await page.getByRole('button', { name: 'Review report' }).click();
  await expect(page.getByRole('button', { name: 'Submit report' })).toBeVisible();
});

test('a valid report is reviewed, can be changed, and is saved on submit', async ({ page, context, baseURL }) => {
  await context.grantPermissions(['geolocation'], { origin: baseURL });
  await context.setGeolocation({ latitude: 41.8781, longitude: -87.6298, accuracy: 12 });
  await openService(page, 'Pothole in Street');
  await page.getByRole('radio', { name: 'Traffic lane' }).check();
  await page.getByRole('button', { name: 'Use my location' }).click();
  await expect(page.getByText('Location found: 41.87810, -87.62980')).toBeVisible();
  await page.getByRole('textbox', { name: 'Email address' }).fill('jo@example.com');
  await page.getByRole('button', { name: 'Review report' }).click();

  const review = page.getByRole('region', { name: 'Check your report' });
  await expect(review.getByRole('heading', { name: 'Check your report' })).toBeFocused();
  for (const shown of ['Pothole in Street', 'Traffic lane', '41.87810, -87.62980', 'jo@example.com']) {
    await expect(review.getByRole('definition').filter({ hasText: shown })).toBeVisible();
  }
  await review.getByRole('button', { name: 'Change the report' }).click();
  await expect(page.getByRole('radio', { name: 'Traffic lane' })).toBeChecked();
  await page.getByRole('radio', { name: 'Curb lane' }).check();
  await page.getByRole('button', { name: 'Review report' }).click();
  await expect(review.getByRole('definition').filter({ hasText: 'Curb lane' })).toBeVisible();
  await page.getByRole('button', { name: 'Submit report' }).click();
  await expect(page).toHaveURL(/\/outbox$/);
});

test('lists, choices and dates get the control their size and type call for', async ({ page }) => {
  await openService(page, 'Graffiti Removal');
  // Seven surfaces: a drop-down that starts on "Choose…".
  const surface = page.getByRole('combobox', { name: 'What is the graffiti on? (required)' });
  await expect(surface).toHaveValue('');
  await expect(surface.getByRole('option', { name: 'Choose…' })).toHaveCount(1);
  await expect(surface).toHaveAccessibleDescription('Crews choose paint or pressure washing by surface.');
  const where = page.getByRole('group', { name: 'Where is the graffiti? Choose all that apply. (required)' });
  const noticed = page.getByLabel('When did you notice it?');
  await expect(noticed).toHaveAttribute('type', 'datetime-local');

  await page.getByRole('button', { name: 'Review report' }).click();
  const summary = page.getByRole('alert', { name: 'There is a problem' });
  await expect(summary.getByRole('listitem')).toHaveCount(3);
  await expect(surface).toHaveAttribute('aria-invalid', 'true');

  await surface.selectOption({ label: 'Brick or stone' });
  await where.getByRole('checkbox', { name: 'Fence' }).check();
  await where.getByRole('checkbox', { name: 'Street sign' }).check();
  await noticed.fill('2024-05-01T08:30');
  await page.getByRole('textbox', { name: 'Email address' }).fill('not an email');
  await page.getByRole('textbox', { name: 'Street address or nearest intersection' }).fill('1 N State St');
  await page.getByRole('button', { name: 'Review report' }).click();
  await expect(summary.getByRole('listitem')).toHaveCount(1);
  await expect(summary.getByRole('link', { name: /Check the email address/ })).toBeVisible();
  await expect(surface).not.toHaveAttribute('aria-invalid');

  await page.getByRole('textbox', { name: 'Email address' }).fill('jo@example.com');
  await page.getByRole('button', { name: 'Review report' }).click();
  await page.getByRole('button', { name: 'Submit report' }).click();
  await expect(page).toHaveURL(/\/outbox$/);
});

test.describe('when the city cannot be reached', () => {
  // The service worker would answer from its cache; these tests are about the network.
  test.use({ serviceWorkers: 'block' });

  test('a failed service list says why and offers to try again', async ({ page }) => {
    let down = true;
    await page.route('**/open311/v2/services.json*', (route) =>
      down
        ? route.fulfill({
            status: 503,
            contentType: 'application/json',
            body: '[{"code":503,"description":"The 311 system is down for maintenance."}]',
          })
        : route.continue(),
    );
    await page.goto('/report');
    await expect(page.getByRole('heading', { level: 1, name: 'Report a problem' })).toBeVisible();
    await expect(page.getByRole('alert')).toContainText('The 311 system is down for maintenance.');

    down = false;
    await page.getByRole('button', { name: 'Try again' }).click();
    await expect(page.getByRole('link', { name: 'Pothole in Street', exact: true })).toBeVisible();
    await expect(page.getByRole('button', { name: 'Try again' })).toHaveCount(0);
  });

  test('a failed definition says why and offers to try again', async ({ page }) => {
    let down = true;
    await page.route('**/open311/v2/services/pothole_in_street.json*', (route) =>
      down ? route.abort('internetdisconnected') : route.continue(),
    );
    await openService(page, 'Pothole in Street');
    await expect(page.getByRole('alert')).toContainText('You seem to be offline');

    down = false;
    await page.getByRole('button', { name: 'Try again' }).click();
    await expect(page.getByRole('radiogroup', { name: 'Where is the pothole? (required)' })).toBeVisible();
  });
});
