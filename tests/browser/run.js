'use strict';
// Browser tests: Debian's chromium, driven by playwright-core, signs in as every demo account,
// visits every page reachable from the home page and navigation, and checks each one has no
// console errors and no axe-core accessibility violations (WCAG 2.2 AA). Also: the 403 page for a
// page the role may not see, and signing out. Screenshots go to tests/out/browser/.
// Last line: `N passed, N failed[, N skipped]`.

const fs = require('node:fs');
const os = require('node:os');
const path = require('node:path');
const { spawn, spawnSync } = require('node:child_process');
const net = require('node:net');

const TOP = path.resolve(__dirname, '..', '..');
const BIN = path.resolve(TOP, process.env.NESTGUARD_BIN || 'nestguard');
const CHROMIUM = process.env.NESTGUARD_CHROMIUM || '/usr/bin/chromium';
const OUT = path.join(TOP, 'tests', 'out', 'browser');
const SLOW = process.env.NESTGUARD_TEST_ASAN === '1';
const PAGE_CAP = 40;                       // per role: the crawl stops after this many pages
const AXE_TAGS = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa'];
// Links never followed: signing out, anything that might change state, files and the API.
const SKIP_LINK = /\/signout|\/disable|\/delete|\/revoke|\/remove|\/assets\/|\/api\/|\/export|\.(csv|pdf|xlsx|png|zip)(\?|$)/;

const results = [];
function record(ok, name, detail) {
  results.push({ ok, name });
  console.log(`${ok === true ? 'ok  ' : ok === null ? 'skip' : 'FAIL'} ${name}`);
  if (detail) for (const line of String(detail).trimEnd().split('\n')) console.log(`     ${line}`);
}

function finish(code) {
  const passed = results.filter(r => r.ok === true).length;
  const failed = results.filter(r => r.ok === false).length;
  const skipped = results.filter(r => r.ok === null).length;
  console.log(`${passed} passed, ${failed} failed${skipped ? `, ${skipped} skipped` : ''}`);
  process.exit(code !== undefined ? code : (failed ? 1 : 0));
}

function freePort() {
  return new Promise((resolve, reject) => {
    const s = net.createServer();
    s.on('error', reject);
    s.listen(0, '127.0.0.1', () => { const { port } = s.address(); s.close(() => resolve(port)); });
  });
}

// Parse the demo's `  EMAIL  PASSWORD  ROLE-LABEL(S) — AGENCY` lines.
function parseCredentials(text) {
  const accounts = [];
  for (const line of text.split('\n')) {
    const m = /^  (\S+@\S+)\s{2,}(\S+)\s{2,}(.+)$/.exec(line);
    if (m) accounts.push({ email: m[1], password: m[2], label: m[3] });
  }
  return accounts;
}

async function startServer(dir) {
  const db = path.join(dir, 'browser.db');
  const demo = spawnSync(BIN, ['--db', db, 'demo'], { encoding: 'utf8' });
  if (demo.status !== 0) throw new Error(`nestguard demo exited ${demo.status}: ${demo.stderr}`);
  const accounts = parseCredentials(demo.stdout);
  if (accounts.length === 0) throw new Error(`no credentials in the demo output:\n${demo.stdout}`);
  const port = await freePort();
  const logPath = path.join(dir, 'server.log');
  const log = fs.openSync(logPath, 'w');
  // The rate limit is tested by the HTTP suite; a browser fetching page, stylesheet and script
  // in quick succession must not trip it here.
  const proc = spawn(BIN, ['--db', db, 'serve', '--listen', `127.0.0.1:${port}`, '--rate-limit', '0'],
    { stdio: ['ignore', log, log] });
  const deadline = Date.now() + (SLOW ? 60000 : 20000);
  while (!fs.readFileSync(logPath, 'utf8').includes('listening on http://')) {
    if (proc.exitCode !== null) throw new Error(`server exited ${proc.exitCode}:\n${fs.readFileSync(logPath, 'utf8')}`);
    if (Date.now() > deadline) throw new Error('server did not start listening');
    await new Promise(r => setTimeout(r, 50));
  }
  return { proc, logPath, origin: `http://127.0.0.1:${port}`, accounts, db };
}

function slug(url) {
  const u = new URL(url);
  return ((u.pathname + u.search).replace(/[^A-Za-z0-9]+/g, '_').replace(/^_+|_+$/g, '') || 'home').slice(0, 80);
}

function formatViolations(violations) {
  const lines = [];
  for (const v of violations) {
    lines.push(`${v.id} (${v.impact}): ${v.help}  ${v.helpUrl}`);
    for (const node of v.nodes.slice(0, 5)) {
      lines.push(`    at ${node.target.join(' ')}: ${node.failureSummary.replace(/\s+/g, ' ').slice(0, 200)}`);
    }
    if (v.nodes.length > 5) lines.push(`    ... and ${v.nodes.length - 5} more`);
  }
  return lines.join('\n');
}

// Everything the page reports as an error while it loads: console errors (CSP violations and
// failed loads appear there), uncaught exceptions, failed requests.
function watchErrors(page) {
  const errors = [];
  page.on('console', msg => { if (msg.type() === 'error') errors.push(`console: ${msg.text()}`); });
  page.on('pageerror', err => errors.push(`exception: ${err.message}`));
  page.on('requestfailed', req => errors.push(`request failed: ${req.url()} ${req.failure() && req.failure().errorText}`));
  return errors;
}

// Check the page currently shown: no errors, no axe violations; save a screenshot.
async function checkPage(AxeBuilder, page, errors, name, shot) {
  const problems = [];
  if (errors.length) problems.push(...errors.splice(0));
  try {
    const axe = await new AxeBuilder({ page }).withTags(AXE_TAGS).analyze();
    if (axe.violations.length) {
      problems.push(`${axe.violations.length} accessibility violation(s):\n${formatViolations(axe.violations)}`);
    }
  } catch (err) {
    problems.push(`axe failed to run: ${err.message}`);
  }
  fs.mkdirSync(path.dirname(shot), { recursive: true });
  await page.screenshot({ path: shot, fullPage: true }).catch(err => problems.push(`screenshot: ${err.message}`));
  record(problems.length === 0, name, problems.join('\n'));
}

async function signIn(page, origin, account) {
  await page.goto(`${origin}/signin`);
  await page.fill('form[action="/signin"] input[name="email"]', account.email);
  await page.fill('form[action="/signin"] input[name="password"]', account.password);
  await Promise.all([
    page.waitForNavigation(),
    page.click('form[action="/signin"] button[type="submit"], form[action="/signin"] input[type="submit"]'),
  ]);
  return new URL(page.url()).pathname;
}

async function sameOriginLinks(page, origin) {
  const hrefs = await page.$$eval('a[href]', as => as.map(a => a.href));
  const out = [];
  for (const href of hrefs) {
    let u;
    try { u = new URL(href); } catch (_) { continue; }
    if (u.origin !== origin) continue;
    u.hash = '';
    if (SKIP_LINK.test(u.pathname + u.search)) continue;
    out.push(u.toString());
  }
  return out;
}

async function crawlAsRole(browser, AxeBuilder, server, account, role) {
  const context = await browser.newContext();
  const page = await context.newPage();
  const errors = watchErrors(page);
  const who = `${role} (${account.email})`;
  try {
    const landed = await signIn(page, server.origin, account);
    if (landed !== '/') {
      record(false, `${who} signs in through the form and lands on the home page`, `landed on ${page.url()}`);
      return;
    }
    record(true, `${who} signs in through the form and lands on the home page`);

    // Breadth-first over same-origin links from the home page (navigation included).
    const seen = new Set([`${server.origin}/`]);
    const queue = [`${server.origin}/`];
    let visited = 0;
    while (queue.length && visited < PAGE_CAP) {
      const url = queue.shift();
      visited++;
      const rel = new URL(url).pathname + new URL(url).search;
      const response = await page.goto(url);
      const code = response ? response.status() : 0;
      if (code !== 200) {
        errors.splice(0);
        record(false, `${who}: the linked page ${rel} opens`, `status ${code}`);
        continue;
      }
      await checkPage(AxeBuilder, page, errors,
        `${who}: ${rel} has no console errors and no accessibility violations`,
        path.join(OUT, role, `${slug(url)}.png`));
      for (const link of await sameOriginLinks(page, server.origin)) {
        if (!seen.has(link)) { seen.add(link); queue.push(link); }
      }
    }
    if (queue.length) console.log(`     (${who}: stopped after ${PAGE_CAP} pages; ${queue.length} not visited)`);

    // A page the role may not see: the 403 page, itself accessible.
    if (role !== 'administrator') {
      const response = await page.goto(`${server.origin}/admin/users`);
      const code = response ? response.status() : 0;
      errors.splice(0);   // the 403 itself is logged by chromium as a failed resource
      if (code !== 403) {
        record(false, `${who} gets the 403 page for /admin/users`, `status ${code}`);
      } else {
        await checkPage(AxeBuilder, page, errors, `${who} gets an accessible 403 page for /admin/users`,
          path.join(OUT, role, 'forbidden.png'));
      }
    }

    // Sign out with the button in the page, then the home page asks to sign in again.
    await page.goto(`${server.origin}/`);
    const button = page.locator('form[action="/signout"] button, form[action="/signout"] input[type="submit"]');
    if (await button.count() === 0) {
      record(false, `${who} signs out with the sign-out button`, 'no sign-out button on the home page');
      return;
    }
    await Promise.all([page.waitForNavigation(), button.first().click()]);
    const after = new URL(page.url()).pathname;
    await page.goto(`${server.origin}/`);
    const again = new URL(page.url()).pathname;
    record(after === '/signin' && again === '/signin', `${who} signs out with the sign-out button`,
      after === '/signin' && again === '/signin' ? '' : `after signing out: ${after}; home page then: ${again}`);
  } catch (err) {
    record(false, `${who}: the browser session completes`, err.stack || String(err));
  } finally {
    await context.close();
  }
}

async function anonymousPages(browser, AxeBuilder, server) {
  const context = await browser.newContext();
  const page = await context.newPage();
  const errors = watchErrors(page);
  try {
    await page.goto(`${server.origin}/signin`);
    await checkPage(AxeBuilder, page, errors, 'the sign-in page has no console errors and no accessibility violations',
      path.join(OUT, 'anonymous', 'signin.png'));

    // A failed sign-in shows the error summary; chromium logs the 4xx itself as a console error.
    await page.fill('form[action="/signin"] input[name="email"]', 'nobody@nestguard.example');
    await page.fill('form[action="/signin"] input[name="password"]', 'not-a-real-password');
    await Promise.all([page.waitForNavigation(), page.click('form[action="/signin"] button[type="submit"]')]);
    errors.splice(0);
    await checkPage(AxeBuilder, page, errors, 'the failed sign-in page with its error summary is accessible',
      path.join(OUT, 'anonymous', 'signin-error.png'));

    await page.goto(`${server.origin}/signin`);
    await Promise.all([page.waitForNavigation(), page.click('form[action="/signin"] button[type="submit"]')]);
    errors.splice(0);
    const summary = await page.locator('.govuk-error-summary').count();
    record(summary > 0, 'signing in with empty fields shows a GOV.UK error summary',
      summary > 0 ? '' : 'no .govuk-error-summary on the page');
    await checkPage(AxeBuilder, page, errors, 'the empty sign-in page with its error summary is accessible',
      path.join(OUT, 'anonymous', 'signin-empty.png'));

    const response = await page.goto(`${server.origin}/no-such-page`);
    errors.splice(0);
    if (!response || response.status() !== 404) {
      record(false, 'an unknown page shows the 404 page', `status ${response && response.status()}`);
    } else {
      await checkPage(AxeBuilder, page, errors, 'the 404 page is accessible', path.join(OUT, 'anonymous', 'not-found.png'));
    }
  } catch (err) {
    record(false, 'the signed-out pages are checked', err.stack || String(err));
  } finally {
    await context.close();
  }
}

// The role an account is crawled as: its machine name from the contract's fixed e-mail addresses,
// else the first word of the label.
const ROLE_BY_EMAIL = {
  'admin@nestguard.example': 'administrator', 'teamleader@nestguard.example': 'team_leader',
  'caseworker@nestguard.example': 'caseworker', 'referrer@police.example': 'referrer',
  'partner@housing.example': 'partner', 'analyst@nestguard.example': 'analyst',
};

async function main() {
  if (!fs.existsSync(CHROMIUM)) {
    console.log(`skipping the browser tests: ${CHROMIUM} is not installed (scripts/install-deps installs it)`);
    record(null, 'browser tests (chromium missing)');
    finish(0);
  }
  let chromium, AxeBuilder;
  try {
    ({ chromium } = require('playwright-core'));
    ({ AxeBuilder } = require('@axe-core/playwright'));
  } catch (err) {
    record(false, 'playwright-core and @axe-core/playwright load', `${err.message}\n(run scripts/install-deps)`);
    finish();
  }
  if (!fs.existsSync(BIN)) {
    record(false, 'the nestguard binary exists', `${BIN} is not built`);
    finish();
  }
  fs.rmSync(OUT, { recursive: true, force: true });
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'nestguard-browser-'));
  let server, browser;
  try {
    server = await startServer(dir);
    browser = await chromium.launch({
      executablePath: CHROMIUM,
      headless: true,
      args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
        '--disable-background-networking', '--disable-component-update', '--disable-sync'],
    });
    await anonymousPages(browser, AxeBuilder, server);
    await require('./case_story').run({ browser, AxeBuilder, server, checkPage, watchErrors, signIn, record, OUT });
    await require('./analytics_story').run({ browser, AxeBuilder, server, checkPage, watchErrors, signIn, record, OUT, BIN });
    for (const account of server.accounts) {
      const role = ROLE_BY_EMAIL[account.email] || account.label.split(/[ ,—]/)[0].toLowerCase();
      await crawlAsRole(browser, AxeBuilder, server, account, role);
    }
  } catch (err) {
    record(false, 'the browser tests run', err.stack || String(err));
  } finally {
    if (browser) await browser.close().catch(() => {});
    if (server) {
      server.proc.kill('SIGTERM');
      const code = await new Promise(resolve => {
        if (server.proc.exitCode !== null) resolve(server.proc.exitCode);
        server.proc.on('exit', c => resolve(c));
      });
      const log = fs.readFileSync(server.logPath, 'utf8');
      if (code !== 0 || /ERROR: (Address|Leak)Sanitizer|runtime error:/.test(log)) {
        record(false, 'the server survives the browser tests and stops cleanly', `exit ${code}\n${log.slice(-2000)}`);
      }
    }
    fs.rmSync(dir, { recursive: true, force: true });
  }
  console.log(`(screenshots in ${path.relative(TOP, OUT)}/)`);
  finish();
}

main();
