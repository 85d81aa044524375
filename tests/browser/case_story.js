'use strict';
// The referral-to-closure story in Chromium (issue 3), as a new user would do it, with axe-core
// on every page on the way, error states included: a police referrer refers (first with a
// mistake), the team leader accepts, the caseworker records the work and asks to close, the team
// leader approves, the referrer sees only the status, and another agency gets 404.
const path = require('node:path');

const RESIDENT = 'Perpetua Browserfield';

async function run({ browser, AxeBuilder, server, checkPage, watchErrors, signIn, record, OUT }) {
  const account = email => server.accounts.find(a => a.email === email);
  const contexts = [];
  async function as(email) {
    const context = await browser.newContext();
    contexts.push(context);
    const page = await context.newPage();
    const errors = watchErrors(page);
    await signIn(page, server.origin, account(email));
    return { page, errors };
  }
  const shot = name => path.join(OUT, 'story', `${name}.png`);
  async function submit(page, formSelector) {
    await Promise.all([page.waitForNavigation(), page.click(`${formSelector} button[type="submit"]`)]);
  }
  try {
    // 1. The referrer fills the form, forgets the postcode, sees the error summary, corrects it.
    const police = await as('referrer@police.example');
    await police.page.goto(`${server.origin}/referrals/new`);
    await checkPage(AxeBuilder, police.page, police.errors, 'story: the referral form is accessible', shot('01-referral-form'));
    const f = 'form[action="/referrals"]';
    await police.page.fill(`${f} #address_line1`, '9 Browserwood Imaginary Close');
    await police.page.fill(`${f} [id="people[0].given_name"]`, 'Perpetua');
    await police.page.fill(`${f} [id="people[0].family_name"]`, 'Browserfield');
    await police.page.check(`${f} input[name="signs"][value="door_damage"]`);
    await police.page.check(`${f} input[name="tenure"][value="social"]`);
    await police.page.check(`${f} input[name="consent"][value="not_asked"]`);
    await police.page.check(`${f} input[name="lawful_basis"][value="safeguarding"]`);
    await police.page.check(`${f} input[name="urgency"][value="urgent"]`);
    await submit(police.page, f);
    police.errors.splice(0);   // chromium logs the 400 itself
    const summary = await police.page.locator('.govuk-error-summary a[href="#postcode"]').count();
    record(summary === 1, 'story: a referral without a postcode shows the error summary linking the field');
    await checkPage(AxeBuilder, police.page, police.errors, 'story: the referral form with errors is accessible', shot('02-referral-errors'));
    await police.page.fill(`${f} #postcode`, 'SK5 9ZW');
    await submit(police.page, f);
    const referralUrl = police.page.url();
    record(/\/referrals\/\d+/.test(referralUrl), 'story: the corrected referral is sent', referralUrl);
    await checkPage(AxeBuilder, police.page, police.errors, 'story: the referral confirmation is accessible', shot('03-referral-sent'));
    const referralPath = new URL(referralUrl).pathname;

    // 2. The team leader triages it: accept, which opens the case.
    const leader = await as('teamleader@nestguard.example');
    await leader.page.goto(`${server.origin}${referralPath}`);
    await checkPage(AxeBuilder, leader.page, leader.errors, 'story: the triage page is accessible', shot('04-triage'));
    await leader.page.check('input[name="decision"][value="accept"]');
    await leader.page.fill('textarea[name="reason"]', 'Clear signs of cuckooing');
    await submit(leader.page, 'form[action$="/triage"]');
    const caseUrl = leader.page.url();
    record(/\/cases\/\d+/.test(caseUrl), 'story: accepting opens the case page', caseUrl);
    const casePath = new URL(caseUrl).pathname;
    await checkPage(AxeBuilder, leader.page, leader.errors, 'story: the new case page is accessible', shot('05-case'));
    await leader.page.selectOption('#assign-user_id', { label: 'Casey Worker (demo)' });
    await submit(leader.page, 'form[action$="/assignment"]');

    // 3. The caseworker records risk, an intervention, a task and a note, then asks to close.
    const worker = await as('caseworker@nestguard.example');
    await worker.page.goto(`${server.origin}${casePath}`);
    await worker.page.check('input[name="level"][value="high"]');
    await submit(worker.page, 'form[action$="/risk"]');   // no reason: an error
    worker.errors.splice(0);
    record(await worker.page.locator('.govuk-error-summary a[href="#risk-reason"]').count() === 1,
      'story: a risk review without a reason shows the error summary');
    await checkPage(AxeBuilder, worker.page, worker.errors, 'story: the case page with an error is accessible', shot('06-case-error'));
    await worker.page.fill('#risk-reason', 'Weapons seen at the address');
    await submit(worker.page, 'form[action$="/risk"]');
    await worker.page.click('summary:has-text("Record an intervention")');
    await worker.page.selectOption('#intervention-kind', 'target_hardening');
    await worker.page.fill('#intervention-occurred_on', '1/2/2024');
    await submit(worker.page, 'form[action$="/interventions"]');
    await worker.page.click('summary:has-text("Add a task")');
    await worker.page.fill('#task-title', 'Joint visit with police');
    await worker.page.fill('#task-due_on', '31/12/2099');
    await submit(worker.page, 'form[action$="/tasks"]');
    await worker.page.fill('#note-body', 'Resident seen alone; safety plan agreed.');
    await submit(worker.page, 'form[action$="/notes"]');
    await worker.page.click('summary:has-text("Request closure")');
    await worker.page.check('#closure-positively_resolved');
    await worker.page.check('#closure-stayed_in_tenancy');
    await worker.page.check('#closure-moved');
    await worker.page.fill('#closure-reason', 'Perpetrators excluded; resident safe');
    await submit(worker.page, 'form[action$="/closure-request"]');
    await checkPage(AxeBuilder, worker.page, worker.errors, 'story: the worked case page is accessible', shot('07-case-worked'));
    await worker.page.goto(`${server.origin}${casePath}/chronology`);
    await checkPage(AxeBuilder, worker.page, worker.errors, 'story: the chronology is accessible', shot('08-chronology'));
    await worker.page.goto(`${server.origin}/tasks`);
    await checkPage(AxeBuilder, worker.page, worker.errors, 'story: the work queue is accessible', shot('09-tasks'));

    // 4. The team leader approves the closure.
    await leader.page.goto(`${server.origin}${casePath}`);
    await submit(leader.page, 'form[action$="/closure-approval"]');
    const closed = await leader.page.locator('h1 .govuk-tag:has-text("Closed")').count();
    record(closed === 1, 'story: the team leader approves the closure and the case shows closed');

    // 5. The referrer sees the status only; another agency gets 404.
    await police.page.goto(`${server.origin}${referralPath}`);
    const text = await police.page.textContent('main');
    record(text.includes('Accepted') && text.includes('Closed') && !text.includes('Browserfield') && !text.includes('Browserwood'),
      'story: the referrer sees only the status of the referral', text.slice(0, 300));
    await checkPage(AxeBuilder, police.page, police.errors, 'story: the referrer\'s status page is accessible', shot('10-status'));
    const partner = await as('partner@housing.example');
    const response = await partner.page.goto(`${server.origin}${casePath}`);
    partner.errors.splice(0);
    const body = await partner.page.textContent('main');
    record(response.status() === 404 && !body.includes('Browserfield'), 'story: another agency gets 404 for the case',
      `status ${response.status()}`);
    await checkPage(AxeBuilder, partner.page, partner.errors, 'story: the 404 page is accessible', shot('11-not-found'));
  } catch (err) {
    record(false, 'story: the referral-to-closure story completes in the browser', err.stack || String(err));
  } finally {
    for (const c of contexts) await c.close().catch(() => {});
  }
}

module.exports = { run, RESIDENT };
