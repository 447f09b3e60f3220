// The staff board in real headless Chromium (Debian's chromium driven by
// puppeteer-core; nothing downloads a browser): orders created through the
// CLI appear, a click moves a card and the store shows it, a change made
// through the API appears without a reload, a cancelled order leaves the
// board, HTML in names stays text, the back office draws its chart.
'use strict';

const { test, before, after } = require('node:test');
const assert = require('node:assert/strict');
const fs = require('node:fs');
const path = require('node:path');
const puppeteer = require('puppeteer-core');
const h = require('./lib/harness');

const STAFF = 'staff-board-token-0123456789';
const ADMIN = 'admin-board-token-0123456789';
const CHROMIUM = process.env.CHROMIUM || '/usr/bin/chromium';
const ARTIFACTS = process.env.OM_ARTIFACTS || path.join(__dirname, 'artifacts');

let dir, store, server, browser, page;
const pageErrors = [];

function createWithCli(id, name, items = ['Coffee:2:3.50', 'Bagel:1:2.99'], total = '9.99') {
  const result = h.cli(store, ['create', '--order-id', id, '--customer-id', `C-${id}`, '--customer-name', name,
    ...items.flatMap((i) => ['--item', i]), '--total', total]);
  assert.equal(result.code, 0, result.stderr);
}

function statusInStore(id) {
  const result = h.cli(store, ['get', id, '--json']);
  assert.equal(result.code, 0, result.stderr);
  return JSON.parse(result.stdout).status;
}

const cardIn = (status, id) => `.column[data-status="${status}"] .card[data-order-id="${id}"]`;

async function api(method, urlPath, json) {
  const response = await fetch(server.base + urlPath, {
    method, headers: { Authorization: `Bearer ${STAFF}`, 'Content-Type': 'application/json' },
    body: json === undefined ? undefined : JSON.stringify(json),
  });
  return response;
}

before(async () => {
  dir = h.tempDir();
  store = h.storeArgs(dir);
  const tokens = path.join(dir, 'tokens.txt');
  fs.writeFileSync(tokens, `staff ${STAFF}\nadmin ${ADMIN}\n`);
  createWithCli('B-1', 'Ada Lovelace');
  createWithCli('B-2', 'Grace Hopper', ['Tea:1:2.50'], '2.50');
  createWithCli('B-3', 'Alan Turing', ['Sandwich:1:7.25', 'Juice:2:3.00'], '13.25');
  server = await h.startServer(store, ['--tokens', tokens]);
  browser = await puppeteer.launch({
    executablePath: CHROMIUM,
    headless: true,
    userDataDir: path.join(dir, 'chromium-profile'),
    args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update',
      '--disable-sync', '--no-first-run', '--disable-dev-shm-usage'],
  });
  page = await browser.newPage();
  page.on('pageerror', (error) => pageErrors.push(String(error)));
  page.on('dialog', (dialog) => dialog.accept());
  await page.setViewport({ width: 1280, height: 800 });
  page.setDefaultTimeout(10000);
});

after(async () => {
  if (browser) await browser.close();
  if (server) assert.equal(await server.stop(), 0);
  fs.rmSync(dir, { recursive: true, force: true });
});

test('the board asks for a token, then shows the orders created through the CLI', async () => {
  await page.goto(server.base + '/');
  await page.waitForSelector('#login:not([hidden])');
  await page.type('#token', STAFF);
  await page.keyboard.press('Enter');
  for (const id of ['B-1', 'B-2', 'B-3']) await page.waitForSelector(cardIn('Pending', id));
  await page.waitForSelector('#login', { hidden: true });
  await page.waitForSelector('#store-warning', { hidden: true });
  const text = await page.$eval(cardIn('Pending', 'B-3'), (node) => node.textContent);
  assert.match(text, /Alan Turing/);
  assert.match(text, /1 × Sandwich/);
  assert.match(text, /\$13\.25/);
  assert.match(text, /just now|min ago/);
  await page.waitForFunction(() => document.getElementById('live').textContent.startsWith('Live'));
});

test('a click moves a card to the next column and the store shows the new status', async () => {
  await page.click(`${cardIn('Pending', 'B-1')} button.advance`);
  await page.waitForSelector(cardIn('Confirmed', 'B-1'));
  assert.equal(await page.$(cardIn('Pending', 'B-1')), null);
  assert.equal(statusInStore('B-1'), 'Confirmed');
});

test('the keyboard works: focus the button, press Enter', async () => {
  await page.focus(`${cardIn('Confirmed', 'B-1')} button.advance`);
  await page.keyboard.press('Enter');
  await page.waitForSelector(cardIn('Being prepared', 'B-1'));
  assert.equal(statusInStore('B-1'), 'Being prepared');
});

test('changes made elsewhere appear without a reload, within 2 seconds', async () => {
  const response = await api('PUT', '/orders/B-2/status', { status: 'Ready for pickup' });
  assert.equal(response.status, 200);
  await page.waitForSelector(cardIn('Ready for pickup', 'B-2'), { timeout: 2000 });
  // Another process (the CLI) writes to the store: the server's poll finds it.
  const started = Date.now();
  createWithCli('B-4', 'Katherine Johnson');
  await page.waitForSelector(cardIn('Pending', 'B-4'), { timeout: 2000 });
  const cliStatus = h.cli(store, ['set-status', 'B-3', 'Confirmed']);
  assert.equal(cliStatus.code, 0, cliStatus.stderr);
  await page.waitForSelector(cardIn('Confirmed', 'B-3'), { timeout: 2000 });
  console.log(`# CLI writes shown on the board within ${Date.now() - started} ms (two changes)`);
});

test('a cancelled order leaves the board (after the confirmation)', async () => {
  await page.click(`${cardIn('Confirmed', 'B-3')} button.cancel`);
  await page.waitForSelector('.card[data-order-id="B-3"]', { hidden: true });
  assert.equal(statusInStore('B-3'), 'Cancelled');
  // Ready for pickup -> Picked up (Completed) also leaves the board.
  await page.click(`${cardIn('Ready for pickup', 'B-2')} button.advance`);
  await page.waitForSelector('.card[data-order-id="B-2"]', { hidden: true });
  assert.equal(statusInStore('B-2'), 'Completed');
});

test('HTML and script in names are shown as text, never run', async () => {
  const hostile = '<img src=x onerror="window.pwned=1"><script>window.pwned=2</script>';
  createWithCli('B-5', hostile, ['<b>Bold</b> <i>soup</i>:1:4.00'], '4.00');
  await page.waitForSelector(cardIn('Pending', 'B-5'));
  const card = await page.$eval(cardIn('Pending', 'B-5'), (node) => ({
    customer: node.querySelector('.customer').textContent,
    images: node.querySelectorAll('img, script, b, i').length,
    item: node.querySelector('.items li').textContent,
  }));
  assert.equal(card.customer, hostile);
  assert.equal(card.images, 0);
  assert.equal(card.item, '1 × <b>Bold</b> <i>soup</i>');
  assert.equal(await page.evaluate(() => window.pwned), undefined);
});

test('the screenshot of the board is saved as an artifact', async () => {
  const created = await api('PUT', '/orders/B-4/estimated-ready-time', { estimated_ready_time: '2026-11-25T09:30:00' });
  assert.equal(created.status, 200);
  await page.waitForFunction(() => document.querySelector('.card[data-order-id="B-4"] .ready') !== null);
  fs.mkdirSync(ARTIFACTS, { recursive: true });
  const file = path.join(ARTIFACTS, 'board.png');
  await page.screenshot({ path: file, fullPage: true });
  assert.ok(fs.statSync(file).size > 10000);
});

// "Readable on a tablet": an iPad-sized screen both ways round. Every one of the four columns
// is on the first screen, inside the page's width (no sideways scrolling), and each card's text
// is large enough to read at arm's length and not cut off.
for (const [width, height, name] of [[768, 1024, 'portrait'], [1024, 768, 'landscape']]) {
  test(`on a tablet (${width}x${height}, ${name}) the four columns fit and the cards are readable`, async () => {
    // Cards of its own, whatever the earlier tests left on the board (they move and cancel cards).
    const ids = [`T-${name}-1`, `T-${name}-2`];
    for (const id of ids) createWithCli(id, 'Tablet Customer');
    for (const id of ids) await page.waitForSelector(cardIn('Pending', id), { timeout: 2000 });
    // A change of hasTouch makes Puppeteer reload the page: wait until the reloaded board shows
    // the cards again before measuring it (measured too early, it found no cards at all).
    await page.setViewport({ width, height, deviceScaleFactor: 1, hasTouch: true });
    try {
      for (const id of ids) await page.waitForSelector(cardIn('Pending', id), { timeout: 5000 });
      const layout = await page.evaluate(() => {
        const box = (node) => node.getBoundingClientRect();
        const px = (node) => parseFloat(getComputedStyle(node).fontSize);
        return {
          viewport: { width: window.innerWidth, height: window.innerHeight },
          pageWidth: document.documentElement.scrollWidth,
          columns: [...document.querySelectorAll('.column')].map((column) => {
            const heading = column.querySelector('h2');
            const r = box(column);
            return { status: column.dataset.status, left: r.left, right: r.right, width: r.width,
              headingTop: box(heading).top, headingBottom: box(heading).bottom, headingPx: px(heading) };
          }),
          cards: [...document.querySelectorAll('.card')].map((card) => {
            const texts = [...card.querySelectorAll('h3, .customer, .items li, .facts')];
            const buttons = [...card.querySelectorAll('button')];
            return { id: card.dataset.orderId, width: box(card).width,
              clipped: card.scrollWidth > card.clientWidth + 1,
              smallestPx: Math.min(...texts.map(px)),
              smallestButton: Math.min(...buttons.map((b) => box(b).height)) };
          }),
        };
      });
      assert.deepEqual(layout.columns.map((c) => c.status), ['Pending', 'Confirmed', 'Being prepared', 'Ready for pickup']);
      assert.ok(layout.pageWidth <= layout.viewport.width,
        `no sideways scrolling: the page is ${layout.pageWidth}px wide in a ${layout.viewport.width}px screen`);
      for (const c of layout.columns) {
        assert.ok(c.left >= 0 && c.right <= layout.viewport.width, `${c.status} column inside the screen: ${JSON.stringify(c)}`);
        assert.ok(c.width >= 200, `${c.status} column is ${c.width}px wide`);
        // Vertical scrolling is fine on a tablet (a 2x2 grid in portrait); the headings start on the page.
        assert.ok(c.headingTop >= 0, `${c.status} heading on the page: ${JSON.stringify(c)}`);
        assert.ok(c.headingPx >= 16, `${c.status} heading at ${c.headingPx}px`);
      }
      assert.ok(layout.cards.length >= 2, `cards on the board: ${layout.cards.map((c) => c.id)}`);
      for (const card of layout.cards) {
        assert.ok(!card.clipped, `card ${card.id}: text cut off`);
        assert.ok(card.width >= 200, `card ${card.id} is ${card.width}px wide`);
        assert.ok(card.smallestPx >= 14, `card ${card.id}: smallest text ${card.smallestPx}px`);
        assert.ok(card.smallestButton >= 32, `card ${card.id}: a button ${card.smallestButton}px high (a finger's tap)`);
      }
      fs.mkdirSync(ARTIFACTS, { recursive: true });
      const file = path.join(ARTIFACTS, `board-tablet-${name}.png`);
      await page.screenshot({ path: file });
      assert.ok(fs.statSync(file).size > 10000);
    } finally {
      await page.setViewport({ width: 1280, height: 800 });
      // Leave the board as the earlier tests left it (the back office counts its orders).
      for (const id of ids) assert.equal(h.cli(store, ['delete', id]).code, 0);
      for (const id of ids) await page.waitForSelector(cardIn('Pending', id), { hidden: true, timeout: 2000 });
    }
  });
}

test('the back office: staff are told to use an admin token; admin sees figures and the chart', async () => {
  await page.goto(server.base + '/#stats');
  await page.waitForFunction(() => /admin token/.test(document.getElementById('stats-message').textContent));
  await page.evaluate((token) => sessionStorage.setItem('order-board-token', token), ADMIN);
  await page.reload();
  await page.waitForSelector('#stats-chart svg rect[data-status="Cancelled"]');
  const bars = await page.$$eval('#stats-chart rect', (rects) =>
    Object.fromEntries(rects.map((r) => [r.dataset.status, Number(r.dataset.count)])));
  assert.equal(bars.Cancelled, 1);
  assert.equal(bars.Completed, 1);
  assert.equal(bars.Pending, 2);
  const figures = await page.$eval('#stats-figures', (node) => node.textContent);
  assert.match(figures, /Orders5/);
  await page.screenshot({ path: path.join(ARTIFACTS, 'stats.png') });
});

test('no script errors on the page', () => {
  assert.deepEqual(pageErrors, []);
});
