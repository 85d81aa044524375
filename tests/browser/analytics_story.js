'use strict';
// The crime analytics with data in them (issue 5), in Chromium with axe-core on every page: an
// analyst uploads the ward boundaries and a police.uk file through the import page (and a bad
// file, for the error state), an incident log with its column mapping, then opens each analysis
// with its map, chart or heat-map table, and the error states of the forms. The rest of the
// crawl then sees the same data. Data: the committed Stockport burglaries and ward excerpt, the
// Washington DC burglary windows and the Chicago near-repeat burglaries (tests/data).
const fs = require('node:fs');
const os = require('node:os');
const path = require('node:path');
const { spawnSync } = require('node:child_process');

const TOP = path.resolve(__dirname, '..', '..');
const DATA = path.join(TOP, 'tests', 'data');

// The Stockport burglaries as a police.uk street-level file.
function streetFile(dir) {
  const rows = fs.readFileSync(path.join(DATA, 'stockport_burglary.csv'), 'utf8').trim().split('\n').slice(1);
  const out = ['Crime ID,Month,Reported by,Falls within,Longitude,Latitude,Location,LSOA code,LSOA name,Crime type,Last outcome category,Context'];
  for (const row of rows) {
    const [month, lon, lat] = row.split(',');
    out.push(`,${month},Greater Manchester Police,Greater Manchester Police,${lon},${lat},On or near a street,,,Burglary,,`);
  }
  const file = path.join(dir, 'stockport-burglary-street.csv');
  fs.writeFileSync(file, out.join('\n') + '\n');
  return file;
}

async function run({ browser, AxeBuilder, server, checkPage, watchErrors, signIn, record, OUT, BIN }) {
  const context = await browser.newContext();
  const page = await context.newPage();
  const errors = watchErrors(page);
  const shot = name => path.join(OUT, 'analytics', `${name}.png`);
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'nestguard-analytics-'));
  const submit = async selector => {
    await Promise.all([page.waitForNavigation(), page.click(`${selector} button[type="submit"]`)]);
  };
  try {
    await signIn(page, server.origin, server.accounts.find(a => a.email === 'analyst@nestguard.example'));
    errors.splice(0);   // the first page of a new browser context asks for /favicon.ico, which nestguard has not

    // 1. Boundaries and crime through the import page; a bad file is rejected with its line.
    await page.goto(`${server.origin}/analytics/import`);
    await checkPage(AxeBuilder, page, errors, 'analytics: the import page is accessible', shot('01-import'));
    await page.check('input[name="kind"][value="wards"]');
    await page.setInputFiles('#file', path.join(DATA, 'crime', 'stockport-wards-2025-excerpt.geojson'));
    await submit('form[action="/analytics/import"]');
    await page.check('input[name="kind"][value="policeuk"]');
    await page.setInputFiles('#file', streetFile(dir));
    await submit('form[action="/analytics/import"]');
    const added = await page.locator('table caption', { hasText: 'Import summary' }).count();
    record(added === 1, 'analytics: the import summary is shown after an upload');
    await checkPage(AxeBuilder, page, errors, 'analytics: the import summary is accessible', shot('02-imported'));
    const bad = path.join(dir, 'bad-street.csv');
    fs.writeFileSync(bad, 'Crime ID,Month,Reported by,Falls within,Longitude,Latitude,Location,LSOA code,LSOA name,Crime type,Last outcome category,Context\n'
      + ',2019-13,Greater Manchester Police,Greater Manchester Police,-2.1,53.4,,,,Burglary,,\n');
    await page.check('input[name="kind"][value="policeuk"]');
    await page.setInputFiles('#file', bad);
    await submit('form[action="/analytics/import"]');
    errors.splice(0);   // chromium logs the 400 itself
    record(await page.locator('.govuk-error-summary').count() === 1, 'analytics: a rejected file shows the error summary');
    await checkPage(AxeBuilder, page, errors, 'analytics: a rejected import with its problems is accessible', shot('03-rejected'));

    // 2. An incident log with its column mapping; the Chicago log (with locations) by the CLI.
    await page.goto(`${server.origin}/analytics/incidents/import`);
    await page.setInputFiles('#file', path.join(DATA, 'dc_burglary_times.csv'));
    await submit('form[action="/analytics/incidents/upload"]');
    await checkPage(AxeBuilder, page, errors, 'analytics: the column mapping form is accessible', shot('04-mapping'));
    await page.selectOption('#from', '1');
    await page.selectOption('#to', '2');
    await submit('form[action="/analytics/incidents/import"]');
    await checkPage(AxeBuilder, page, errors, 'analytics: the imported incidents page is accessible', shot('05-incidents'));
    const chicago = path.join(dir, 'chicago.csv');
    fs.writeFileSync(chicago, 'x,y,date\n' + fs.readFileSync(path.join(DATA, 'chicago_be_month1.csv'), 'utf8'));
    const cli = spawnSync(BIN, ['--db', server.db, 'import', 'incidents', chicago, '--from', 'date', '--x', 'x', '--y', 'y'],
      { encoding: 'utf8' });
    record(cli.status === 0, 'analytics: the Chicago incidents import from the command line', cli.stderr);

    // 3. Each analysis with its figures, and the forms' error states.
    const pages = [
      ['06-trends', '/analytics/trends?type=Burglary', 200],
      ['07-trends-ward', '/analytics/trends?area=E05015018&type=all', 200],
      ['08-kde', '/analytics/hotspots?cases=1', 200],
      ['09-gistar', '/analytics/hotspots?method=gistar&fdr=1&cases=1', 200],
      ['10-gistar-wards', '/analytics/hotspots?method=gistar-wards', 200],
      ['11-peak-times', '/analytics/peak-times', 200],
      ['12-near-repeats', '/analytics/near-repeats?run=1&iterations=99', 200],
      ['13-cases', '/analytics/cases?kind=all&status=all', 200],
      ['14-trends-errors', '/analytics/trends?area=nowhere&from=2019-13', 400],
      ['15-hotspots-too-fine', '/analytics/hotspots?cell=10&bandwidth=9000', 400],
      ['16-knox-too-large', '/analytics/near-repeats?run=1&distance_bands=0,1000,90000&iterations=99999', 400],
    ];
    for (const [name, url, want] of pages) {
      const response = await page.goto(`${server.origin}${url}`);
      const code = response ? response.status() : 0;
      if (want !== 200) errors.splice(0);
      if (code !== want) {
        record(false, `analytics: ${url} answers ${want}`, `status ${code}`);
        continue;
      }
      await checkPage(AxeBuilder, page, errors, `analytics: ${url} has no console errors and no accessibility violations`, shot(name));
    }
  } catch (err) {
    record(false, 'analytics: the browser session completes', err.stack || String(err));
  } finally {
    await context.close();
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

module.exports = { run };
