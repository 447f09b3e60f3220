// Hostile input against a running server: malformed HTTP and JSON, wrong
// types, huge bodies and headers, slowloris-style slow headers, too many
// connections, path traversal in ids. Each is refused or harmless, and the
// server keeps serving.
'use strict';

const { test, before, after } = require('node:test');
const assert = require('node:assert/strict');
const net = require('node:net');
const fs = require('node:fs');
const h = require('./lib/harness');

let dir, server;

async function stillServing() {
  const response = await fetch(server.base + '/openapi.json');
  assert.equal(response.status, 200, 'the server still serves');
  await response.text();
}

function post(body, headers = { 'Content-Type': 'application/json' }) {
  return fetch(server.base + '/orders', { method: 'POST', headers, body });
}

before(async () => {
  dir = h.tempDir();
  server = await h.startServer(h.storeArgs(dir), ['--max-connections', '6', '--request-timeout-ms', '1500',
    '--max-body-bytes', '65536']);
});

after(async () => {
  if (server) assert.equal(await server.stop(), 0);
  fs.rmSync(dir, { recursive: true, force: true });
});

test('malformed JSON and wrong types are 400 naming the field', async () => {
  const good = { order_id: 'H-1', customer_id: 'C', customer_name: 'N', items: [], total_price: 1 };
  const cases = [
    ['{', 'body'], ['', 'body'], ['{"a":1}{"b":2}', 'body'], ['\u0000', 'body'], ['1e999999', 'body'],
    [JSON.stringify({ ...good, items: {} }), 'items'],
    [JSON.stringify({ ...good, total_price: [] }), 'total_price'],
    [JSON.stringify({ ...good, total_price: 'NaN' }), 'total_price'],
    [JSON.stringify({ ...good, customer_name: 5 }), 'customer_name'],
    [JSON.stringify({ ...good, items: [{ item_name: 'x', quantity: 1.5, unit_price: 1 }] }), 'items[0].quantity'],
    [JSON.stringify({ ...good, metadata: 'text' }), 'metadata'],
    ['[' .repeat(20000) + ']'.repeat(20000), 'order'],
    [JSON.stringify({ ...good, metadata: JSON.parse('{"a":'.repeat(100) + '1' + '}'.repeat(100)) }), 'metadata'],
  ];
  for (const [body, field] of cases) {
    const response = await post(body);
    assert.equal(response.status, 400, body.slice(0, 80));
    const problem = await response.json();
    assert.equal(problem.field, field, body.slice(0, 80));
  }
  assert.equal((await fetch(server.base + '/orders/H-1')).status, 404, 'nothing was written');
  await stillServing();
});

test('bodies over the limit are 413 unread, chunked bodies 411; a bad request line is 400', async () => {
  const declared = await h.rawRequest(server.port, [
    'POST /orders HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\nContent-Length: 1000000000\r\n\r\n{']);
  assert.match(declared.received, /^HTTP\/1\.1 413 /);
  assert.ok(declared.closed, 'the unread body is not parsed as a request');
  const big = await post(JSON.stringify({ order_id: 'H-2', customer_id: 'C', customer_name: 'x'.repeat(70000), items: [], total_price: 1 }));
  assert.equal(big.status, 413);
  const chunk = 'x'.repeat(30000);
  const chunked = await h.rawRequest(server.port, [
    'POST /orders HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\nTransfer-Encoding: chunked\r\n\r\n',
    ...Array(3).fill(`${chunk.length.toString(16)}\r\n${chunk}\r\n`), '0\r\n\r\n']);
  assert.match(chunked.received, /^HTTP\/1\.1 411 /);
  assert.ok(chunked.closed);
  const garbage = await h.rawRequest(server.port, ['GARBAGE\r\n\r\n']);
  assert.match(garbage.received, /^HTTP\/1\.1 400 /);
  const longUri = await h.rawRequest(server.port, [`GET /orders/${'a'.repeat(10000)} HTTP/1.1\r\nHost: x\r\n\r\n`]);
  assert.match(longUri.received, /^HTTP\/1\.1 414 /);
  await stillServing();
});

test('too many header bytes are 431 and the connection is closed', async () => {
  const headers = Array.from({ length: 40 }, (_, i) => `X-Filler-${i}: ${'y'.repeat(1000)}\r\n`).join('');
  const reply = await h.rawRequest(server.port, [`GET /openapi.json HTTP/1.1\r\nHost: x\r\n${headers}\r\n`]);
  assert.match(reply.received, /^HTTP\/1\.1 431 /);
  assert.ok(reply.closed);
  await stillServing();
});

test('slowloris: headers dribbled in are cut off at the request deadline (408) while others are served', async () => {
  const started = Date.now();
  const slow = h.rawRequest(server.port, ['GET /openapi.json HTTP/1.1\r\n',
    ...Array.from({ length: 40 }, (_, i) => `X-Slow-${i}: z\r\n`)], { gapMs: 250, timeoutMs: 15000 });
  await stillServing();  // served while the slow client is dribbling
  const reply = await slow;
  const elapsed = Date.now() - started;
  assert.match(reply.received, /^HTTP\/1\.1 408 /);
  assert.ok(reply.closed, 'the slow connection is closed');
  assert.ok(elapsed < 6000, `cut off after ${elapsed} ms (deadline 1500 ms)`);
  await stillServing();
});

test('connections over --max-connections get an immediate 503; capacity comes back', async () => {
  const idle = [];
  for (let i = 0; i < 6; i++) {
    const socket = net.connect(server.port, '127.0.0.1');
    socket.on('error', () => {});
    await new Promise((resolve) => socket.once('connect', resolve));
    idle.push(socket);
  }
  // Every connection thread now waits on an idle client; the next one is turned away.
  const reply = await h.until(async () => {
    const r = await h.rawRequest(server.port, ['GET /openapi.json HTTP/1.1\r\nHost: x\r\n\r\n'], { timeoutMs: 3000 });
    return /^HTTP\/1\.1 503 /.test(r.received) && r;
  }, { timeoutMs: 5000, what: '503 from a full server' });
  assert.match(reply.received, /Retry-After: 1/);
  for (const socket of idle) socket.destroy();
  await h.until(async () => (await fetch(server.base + '/openapi.json')).status === 200,
    { timeoutMs: 10000, what: 'capacity back' });
});

test('path traversal and odd ids are 404 or 400, never a file', async () => {
  for (const target of ['/orders/..%2F..%2Fetc%2Fpasswd', '/../../etc/passwd', '/orders/../../../etc/passwd',
    '/board.js/../../../etc/passwd', '/%2e%2e/%2e%2e/etc/passwd', '/orders/%2e%2e']) {
    const reply = await h.rawRequest(server.port, [`GET ${target} HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n`]);
    assert.match(reply.received, /^HTTP\/1\.1 (400|404) /, target);
    assert.doesNotMatch(reply.received, /root:/, target);
  }
  const nul = await fetch(server.base + '/orders/%00');
  assert.equal(nul.status, 400);
  assert.equal((await nul.json()).field, 'order_id');
  await stillServing();
});

test('HTML and script in names are stored as text and returned as JSON strings', async () => {
  const name = '<img src=x onerror="window.pwned=1"><script>window.pwned=2</script>';
  const created = await post(JSON.stringify({ order_id: '<b>H-3</b>', customer_id: 'C', customer_name: name,
    items: [{ item_name: '</script><script>alert(1)</script>', quantity: 1, unit_price: 1 }], total_price: 1 }));
  assert.equal(created.status, 201);
  assert.match(created.headers.get('content-type'), /^application\/json/);
  assert.equal(created.headers.get('x-content-type-options'), 'nosniff');
  const order = await created.json();
  assert.equal(order.customer_name, name);
  await stillServing();
});
