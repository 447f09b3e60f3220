// The HTTP API over real HTTP on loopback, against the engine named by
// OM_BACKEND (sqlite, or dynamodb under with_dynamodb_local): every status
// code the API documents, auth per role, the limits, and every response
// checked against the server's own OpenAPI document.
'use strict';

const { test, before, after } = require('node:test');
const assert = require('node:assert/strict');
const fs = require('node:fs');
const path = require('node:path');
const h = require('./lib/harness');
const { ApiContract, client } = require('./lib/openapi');

const STAFF = 'staff-token-0123456789abcdef';
const ADMIN = 'admin-token-0123456789abcdef';

let dir, store, server, contract, staff, admin, anonymous;
const seen = new Set();

function order(id, overrides = {}) {
  return {
    order_id: id, customer_id: 'CUST-001', customer_name: 'John Doe',
    items: [{ item_name: 'Coffee', quantity: 2, unit_price: 3.5 }, { item_name: 'Bagel', quantity: 1, unit_price: '2.99' }],
    total_price: 9.99, ...overrides,
  };
}

function track(call) {
  return async (...args) => {
    const response = await call(...args);
    seen.add(response.status);
    return response;
  };
}

before(async () => {
  dir = h.tempDir();
  store = h.storeArgs(dir);
  const tokens = path.join(dir, 'tokens.txt');
  fs.writeFileSync(tokens, `# role token\nstaff ${STAFF}\nadmin ${ADMIN}\n`);
  server = await h.startServer(store, ['--tokens', tokens, '--max-body-bytes', '65536']);
  contract = await ApiContract.load(server.base);
  staff = track(client(server.base, contract, STAFF));
  admin = track(client(server.base, contract, ADMIN));
  anonymous = track(client(server.base, contract, null));
});

after(async () => {
  if (server) assert.equal(await server.stop(), 0, 'the server exits 0 on SIGTERM');
  assert.ok(!server.output().includes(STAFF) && !server.output().includes(ADMIN), 'no token in the server output');
  fs.rmSync(dir, { recursive: true, force: true });
});

test('the OpenAPI document is valid 3.1 and lists every operation', () => {
  const operations = Object.values(contract.document.paths).flatMap((item) => Object.values(item).map((o) => o.operationId));
  for (const id of ['createOrder', 'getOrder', 'listOrders', 'deleteOrder', 'clearAllOrders', 'changeOrderStatus',
    'changeOrderReadyTime', 'getOrderSummary', 'getOrdersByStatus', 'getCustomerOrders', 'getCustomerLastOrder',
    'getOrderStatistics', 'getBoard', 'getBoardEvents', 'getLiveness']) assert.ok(operations.includes(id), id);
});

test('auth: no token or a wrong one is 401, staff may not use admin routes (403), admin may', async () => {
  const none = await anonymous('GET', '/orders/ORD-X');
  assert.equal(none.status, 401);
  assert.match(none.headers.get('www-authenticate'), /^Bearer/);
  const wrong = await track(client(server.base, contract, 'not-a-valid-token-at-all'))('GET', '/orders/ORD-X');
  assert.equal(wrong.status, 401);
  const malformed = await anonymous('GET', '/orders/ORD-X', { headers: { Authorization: `Basic ${STAFF}` } });
  assert.equal(malformed.status, 401);
  assert.equal((await staff('GET', '/statistics')).status, 403);
  assert.equal((await staff('DELETE', '/orders/ORD-X')).status, 403);
  assert.equal((await staff('DELETE', '/orders?confirm=all-orders')).status, 403);
  assert.equal((await admin('GET', '/statistics')).status, 200);
  assert.equal((await admin('GET', '/orders/ORD-X')).status, 404, 'admin may do what staff may');
  // Public: liveness (no token, no store), the board's page and the API document.
  const alive = await anonymous('GET', '/healthz');
  assert.equal(alive.status, 200);
  assert.deepEqual(alive.body, { status: 'ok' });
  const page = await fetch(server.base + '/');
  assert.equal(page.status, 200);
  assert.match(page.headers.get('content-security-policy'), /default-src 'none'/);
  assert.equal((await fetch(server.base + '/openapi.json')).status, 200);
});

test('create: 201 with Location, get 200, duplicate id 409 with the stored order unchanged', async () => {
  const created = await staff('POST', '/orders', { json: order('ORD-001', { metadata: { table: 4 } }) });
  assert.equal(created.status, 201);
  assert.equal(created.headers.get('location'), '/orders/ORD-001');
  assert.equal(created.body.status, 'Pending');
  assert.equal(created.body.items[0].subtotal, 7);
  const got = await staff('GET', '/orders/ORD-001');
  assert.equal(got.status, 200);
  assert.deepEqual(got.body, created.body);
  const duplicate = await staff('POST', '/orders', { json: order('ORD-001', { customer_name: 'Someone Else' }) });
  assert.equal(duplicate.status, 409);
  assert.equal(duplicate.body.type, 'urn:order-manager:problem:duplicate-order');
  assert.deepEqual((await staff('GET', '/orders/ORD-001')).body, created.body, 'the stored order is unchanged');
  const encoded = await staff('POST', '/orders', { json: order('ORD 002/ü') });
  assert.equal(encoded.status, 201);
  assert.equal(encoded.headers.get('location'), '/orders/ORD%20002%2F%C3%BC');
});

test('Idempotency-Key: a retry gets the first answer, another body with the key is 422', async () => {
  const key = 'retry-key-1';
  const first = await staff('POST', '/orders', { json: order('ORD-IDEM'), headers: { 'Idempotency-Key': key } });
  assert.equal(first.status, 201);
  const again = await staff('POST', '/orders', { json: order('ORD-IDEM'), headers: { 'Idempotency-Key': key } });
  assert.equal(again.status, 201, 'a retried create returns the first result, not a 409');
  assert.equal(again.headers.get('idempotent-replayed'), 'true');
  assert.equal(again.text, first.text);
  assert.equal(again.headers.get('location'), first.headers.get('location'));
  const other = await staff('POST', '/orders', { json: order('ORD-IDEM-2'), headers: { 'Idempotency-Key': key } });
  assert.equal(other.status, 422);
  assert.equal(other.body.field, 'Idempotency-Key');
  assert.equal((await staff('GET', '/orders/ORD-IDEM-2')).status, 404, 'nothing written for the mismatched body');
  const unkeyed = await staff('POST', '/orders', { json: order('ORD-IDEM') });
  assert.equal(unkeyed.status, 409, 'without the key the duplicate id is a conflict');
  const badKey = await staff('POST', '/orders', { json: order('ORD-IDEM-3'), headers: { 'Idempotency-Key': 'x'.repeat(300) } });
  assert.equal(badKey.status, 400);
});

test('bad input is 400 naming the field and the rule, and writes nothing', async () => {
  const cases = [
    [order('ORD-BAD-1', { customer_name: undefined }), 'customer_name'],
    [order('ORD-BAD-2', { items: [{ item_name: 'Tea', quantity: 'two', unit_price: 1 }] }), 'items[0].quantity'],
    [order('ORD-BAD-3', { total_price: -1 }), 'total_price'],
    [order('ORD-BAD-4', { surprise: true }), "'surprise'"],
    [order('ORD-BAD-5', { estimated_ready_time: 'tomorrow' }), 'estimated_ready_time'],
    [order('', {}), 'order_id'],
  ];
  for (const [body, field] of cases) {
    const response = await staff('POST', '/orders', { json: body });
    assert.equal(response.status, 400, JSON.stringify(body));
    assert.equal(response.body.field, field);
    assert.ok(response.body.rule.length > 0);
    assert.equal(response.headers.get('content-type'), 'application/problem+json');
  }
  for (const id of ['ORD-BAD-1', 'ORD-BAD-2', 'ORD-BAD-3', 'ORD-BAD-4', 'ORD-BAD-5'])
    assert.equal((await staff('GET', `/orders/${id}`)).status, 404);
  const malformed = await staff('POST', '/orders', { body: '{"order_id": "ORD-M", ', headers: { 'Content-Type': 'application/json' } });
  assert.equal(malformed.status, 400);
  assert.equal(malformed.body.field, 'body');
  const notObject = await staff('POST', '/orders', { json: [1, 2, 3] });
  assert.equal(notObject.status, 400);
  const wrongType = await staff('POST', '/orders', { body: JSON.stringify(order('ORD-T')), headers: { 'Content-Type': 'text/plain' } });
  assert.equal(wrongType.status, 415);
  const noType = await staff('PUT', '/orders/ORD-001/status', { body: '{"status":"Confirmed"}' });
  assert.equal(noType.status, 415);
  const huge = await staff('POST', '/orders', { json: order('ORD-HUGE', { metadata: { blob: 'x'.repeat(70000) } }) });
  assert.equal(huge.status, 413);
  assert.equal((await staff('GET', '/orders/ORD-HUGE')).status, 404);
  assert.equal((await staff('GET', '/statuses/Pending/orders?limit=0')).status, 400);
  assert.equal((await staff('GET', '/statuses/Pending/orders?limit=abc')).status, 400);
  const unknownParam = await staff('GET', '/statuses/Pending/orders?limt=5');
  assert.equal(unknownParam.status, 400);
  assert.equal(unknownParam.body.field, 'limt');
  const badStatus = await staff('GET', '/statuses/Lost/orders');
  assert.equal(badStatus.status, 400);
  assert.equal(badStatus.body.field, 'status');
  assert.equal((await staff('GET', '/customer-orders')).status, 400, 'customer_name is required');
});

test('status changes follow the lifecycle: 200, unchanged, 404, 409 for a final order', async () => {
  await staff('POST', '/orders', { json: order('ORD-LIFE') });
  const changed = await staff('PUT', '/orders/ORD-LIFE/status', { json: { status: 'confirmed' } });
  assert.equal(changed.status, 200);
  assert.deepEqual(changed.body, { order_id: 'ORD-LIFE', status: 'Confirmed', changed: true });
  const same = await staff('PUT', '/orders/ORD-LIFE/status', { json: { status: 'CONFIRMED' } });
  assert.deepEqual(same.body, { order_id: 'ORD-LIFE', status: 'Confirmed', changed: false });
  assert.equal((await staff('PUT', '/orders/ORD-LIFE/status', { json: { status: 'Completed' } })).status, 200);
  const refused = await staff('PUT', '/orders/ORD-LIFE/status', { json: { status: 'Pending' } });
  assert.equal(refused.status, 409);
  assert.equal(refused.body.current_status, 'Completed');
  assert.match(refused.body.detail, /final/);
  assert.equal((await staff('GET', '/orders/ORD-LIFE')).body.status, 'Completed');
  assert.equal((await staff('PUT', '/orders/NOPE/status', { json: { status: 'Pending' } })).status, 404);
  assert.equal((await staff('PUT', '/orders/ORD-LIFE/status', { json: { status: 'Lost' } })).status, 400);
  assert.equal((await staff('PUT', '/orders/ORD-LIFE/status', { json: { status: 'Pending', extra: 1 } })).status, 400);
  assert.equal((await staff('PUT', '/orders/ORD-LIFE/status', { json: { status: 7 } })).status, 400);
  // The CLI sees what the API did.
  const fromCli = h.cli(store, ['get', 'ORD-LIFE', '--json']);
  assert.equal(fromCli.code, 0, fromCli.stderr);
  assert.equal(JSON.parse(fromCli.stdout).status, 'Completed');
});

test('ready time: 200, unchanged, 400 for a bad time, 404', async () => {
  const set = await staff('PUT', '/orders/ORD-001/estimated-ready-time', { json: { estimated_ready_time: '2026-11-25T09:00:00' } });
  assert.equal(set.status, 200);
  assert.equal(set.body.changed, true);
  const again = await staff('PUT', '/orders/ORD-001/estimated-ready-time', { json: { estimated_ready_time: '2026-11-25T09:00:00' } });
  assert.equal(again.body.changed, false);
  const bad = await staff('PUT', '/orders/ORD-001/estimated-ready-time', { json: { estimated_ready_time: 'soon' } });
  assert.equal(bad.status, 400);
  assert.equal(bad.body.field, 'estimated_ready_time');
  assert.equal((await staff('PUT', '/orders/NOPE/estimated-ready-time', { json: { estimated_ready_time: '2026-11-25T09:00:00' } })).status, 404);
  assert.equal((await staff('GET', '/orders/ORD-001')).body.estimated_ready_time, '2026-11-25T09:00:00');
});

test('queries: by status, customer orders, last order, summary', async () => {
  const queue = await staff('GET', '/statuses/PENDING/orders?limit=50');
  assert.equal(queue.status, 200);
  assert.ok(queue.body.orders.some((o) => o.order_id === 'ORD-001'));
  assert.ok(queue.body.orders.every((o) => o.status === 'Pending'));
  const mine = await staff('GET', '/customer-orders?customer_name=John%20Doe&limit=2');
  assert.equal(mine.status, 200);
  assert.equal(mine.body.orders.length, 2);
  const completed = await staff('GET', '/customer-orders?customer_name=John%20Doe&status=completed');
  assert.deepEqual(completed.body.orders.map((o) => o.order_id), ['ORD-LIFE']);
  const last = await staff('GET', '/last-order?customer_id=CUST-001');
  assert.equal(last.status, 200);
  assert.equal((await staff('GET', '/last-order?customer_id=NOBODY')).status, 404);
  const summary = await staff('GET', '/orders/ORD-001/summary');
  assert.equal(summary.status, 200);
  assert.match(summary.text, /^ORDER #ORD-001\nCustomer: John Doe \(ID: CUST-001\)/);
  assert.match(summary.text, /Total: \$9\.99/);
  assert.equal((await staff('GET', '/orders/NOPE/summary')).status, 404);
});

test('list pages with a cursor walk every order once', async () => {
  for (let i = 0; i < 5; i++) await staff('POST', '/orders', { json: order(`ORD-PAGE-${i}`) });
  const ids = [];
  let token = null;
  let pages = 0;
  do {
    const response = await staff('GET', '/orders?page_size=2' + (token ? `&page_token=${encodeURIComponent(token)}` : ''));
    assert.equal(response.status, 200);
    assert.ok(response.body.orders.length <= 2);
    ids.push(...response.body.orders.map((o) => o.order_id));
    token = response.body.next_page_token;
    assert.ok(++pages < 50);
  } while (token);
  assert.equal(new Set(ids).size, ids.length, 'no order twice');
  const stats = await admin('GET', '/statistics');
  assert.equal(ids.length, stats.body.total_orders);
  assert.ok(ids.includes('ORD-PAGE-4') && ids.includes('ORD-001'));
  assert.equal((await staff('GET', '/orders?page_size=1001')).status, 400);
});

test('statistics (admin), delete (admin) 204 then 404, clear needs confirm', async () => {
  const stats = await admin('GET', '/statistics');
  assert.equal(stats.status, 200);
  assert.equal(stats.body.status_breakdown.Completed, 1);
  assert.equal((await admin('DELETE', '/orders/ORD-PAGE-0')).status, 204);
  assert.equal((await admin('DELETE', '/orders/ORD-PAGE-0')).status, 404);
  assert.equal((await staff('GET', '/orders/ORD-PAGE-0')).status, 404);
  assert.equal((await admin('DELETE', '/orders?confirm=yes')).status, 400);
  assert.equal((await admin('DELETE', '/orders')).status, 400);
  assert.ok((await admin('GET', '/statistics')).body.total_orders > 0, 'nothing cleared without confirm');
});

test('unknown paths are 404 and known paths with another method 405, as problems', async () => {
  const unknown = await fetch(server.base + '/nothing-here', { headers: { Authorization: `Bearer ${STAFF}` } });
  assert.equal(unknown.status, 404);
  assert.equal(unknown.headers.get('content-type'), 'application/problem+json');
  const patch = await fetch(server.base + '/orders/ORD-001', { method: 'PATCH', headers: { Authorization: `Bearer ${STAFF}` } });
  assert.equal(patch.status, 405);
  assert.match(patch.headers.get('allow'), /GET/);
  assert.match(patch.headers.get('allow'), /DELETE/);
  seen.add(405);
});

test('the board feed: GET /board and the first event of GET /events', async () => {
  const board = await staff('GET', '/board');
  assert.equal(board.status, 200);
  assert.deepEqual(board.body.columns.map((c) => c.status), ['Pending', 'Confirmed', 'Being prepared', 'Ready for pickup']);
  const controller = new AbortController();
  const events = await fetch(server.base + '/events', { headers: { Authorization: `Bearer ${STAFF}` }, signal: controller.signal });
  assert.equal(events.status, 200);
  assert.match(events.headers.get('content-type'), /^text\/event-stream/);
  const reader = events.body.getReader();
  let text = '';
  const deadline = Date.now() + 10000;
  while (!text.includes('\n\n') && Date.now() < deadline) text += new TextDecoder().decode((await reader.read()).value);
  controller.abort();
  const data = /^data: (.*)$/m.exec(text);
  assert.ok(data, text);
  contract.check('GET', '/board', 200, 'application/json', data[1]);
});


test('startup: a non-loopback address needs --tokens; a malformed tokens file is refused naming the line', () => {
  const open = h.runRefused(store, ['--listen', '0.0.0.0:0']);
  assert.equal(open.code, 2);
  assert.match(open.output, /refusing to listen on 0\.0\.0\.0 without --tokens/);
  const cases = [
    ['staff short\n', /line 1: the token must be at least 16 characters/],
    [`# comment\n\nboss ${STAFF}\n`, /line 3: role must be 'staff' or 'admin'/],
    [`staff ${STAFF}\nadmin ${STAFF}\n`, /line 2: this token is already listed/],
    [`admin\n`, /line 1: expected 'role token'/],
    ['# nothing\n', /no tokens/],
  ];
  for (const [text, message] of cases) {
    const file = path.join(dir, 'bad-tokens.txt');
    fs.writeFileSync(file, text);
    const refused = h.runRefused(store, ['--listen', '127.0.0.1:0', '--tokens', file]);
    assert.equal(refused.code, 2, refused.output);
    assert.match(refused.output, message);
    assert.ok(!refused.output.includes(STAFF), 'the token is not echoed');
  }
  assert.equal(h.runRefused(store, ['--listen', '127.0.0.1:99999']).code, 2);
  assert.equal(h.runRefused(store, ['--listen', 'example.com:80']).code, 2);
});

test('without --tokens on loopback every request is allowed (local development), said at startup', async () => {
  const local = await h.startServer(store);
  try {
    assert.match(local.output(), /WARNING: no --tokens/);
    const open = await fetch(local.base + '/statistics');
    assert.notEqual(open.status, 401);
    assert.notEqual(open.status, 403);
  } finally {
    assert.equal(await local.stop(), 0);
  }
});

test('a storage outage is 503 without internals, and the server keeps serving', async () => {
  if (h.BACKEND === 'dynamodb') {
    // The table disappears under the server (DynamoDB Local checks the signature's form only).
    const table = store[store.indexOf('--table') + 1];
    const response = await fetch(process.env.AWS_ENDPOINT_URL_DYNAMODB, {
      method: 'POST',
      headers: {
        'Content-Type': 'application/x-amz-json-1.0', 'X-Amz-Target': 'DynamoDB_20120810.DeleteTable',
        Authorization: 'AWS4-HMAC-SHA256 Credential=AKIDEXAMPLE/20260101/us-east-1/dynamodb/aws4_request, SignedHeaders=host, Signature=00',
        'X-Amz-Date': '20260101T000000Z',
      },
      body: JSON.stringify({ TableName: table }),
    });
    assert.equal(response.status, 200, await response.text());
  } else {
    // The database, its WAL and its shared-memory index are overwritten with something that is not SQLite.
    for (const name of ['orders.db', 'orders.db-wal', 'orders.db-shm']) {
      const file = path.join(dir, name);
      if (fs.existsSync(file)) fs.writeFileSync(file, Buffer.alloc(Math.max(fs.statSync(file).size, 4096), 0x5a));
    }
  }
  const outage = await staff('GET', '/orders/ORD-001');
  assert.equal(outage.status, 503);
  assert.equal(outage.body.type, 'urn:order-manager:problem:storage-unavailable');
  assert.doesNotMatch(outage.text, /SQLITE|sqlite|Resource|dynamodb|Exception|\.db/i);
  assert.equal((await staff('POST', '/orders', { json: order('ORD-OUT') })).status, 503);
  assert.equal((await fetch(server.base + '/openapi.json')).status, 200, 'still serving');
  seen.add(503);
  assert.ok(seen.has(503));
});

test('every documented status code was seen', () => {
  for (const status of [200, 201, 204, 400, 401, 403, 404, 405, 409, 413, 415, 422, 503]) assert.ok(seen.has(status), `status ${status}`);
});
