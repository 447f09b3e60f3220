// The official MCP TypeScript SDK client against `order-manager mcp`, over stdio, on SQLite or
// DynamoDB (run through with_dynamodb_local, which exports AWS_ENDPOINT_URL_DYNAMODB and dummy
// credentials). Every tool is called at least once, and every result's structuredContent is
// validated against the tool's outputSchema (by the SDK client itself, and again here with Ajv's
// draft 2020-12 validator, since the client keeps validators only for the last tools/list page).
//
//   node mcp_client_test.mjs --cli path/to/order-manager --backend sqlite|dynamodb
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';

import { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { StdioClientTransport } from '@modelcontextprotocol/sdk/client/stdio.js';
import { LATEST_PROTOCOL_VERSION, McpError } from '@modelcontextprotocol/sdk/types.js';
import Ajv2020 from 'ajv/dist/2020.js';

const { values: options } = parseArgs({
  options: { cli: { type: 'string' }, backend: { type: 'string', default: 'sqlite' } },
});
assert.ok(options.cli, '--cli is required');
const backend = options.backend;
const scratch = mkdtempSync(join(tmpdir(), 'om-mcp-'));
const storeArgs =
  backend === 'dynamodb'
    ? ['--backend', 'dynamodb', '--table', `mcp-test-${process.pid}-${Date.now()}`]
    : ['--backend', 'sqlite', '--db', join(scratch, 'orders.db')];
if (backend === 'dynamodb') assert.ok(process.env.AWS_ENDPOINT_URL_DYNAMODB, 'run me through with_dynamodb_local');

const ROLE_TOOLS = {
  customer: ['get_order', 'find_customer_orders', 'get_last_order', 'place_order', 'cancel_order', 'order_summary'],
};
ROLE_TOOLS.staff = [...ROLE_TOOLS.customer, 'update_order_status', 'set_ready_time', 'orders_by_status'];
ROLE_TOOLS.admin = [...ROLE_TOOLS.staff, 'order_statistics', 'delete_order'];

const ajv = new Ajv2020({ strict: true, allErrors: true });
const outputValidators = new Map(); // tool name -> compiled outputSchema
const calledOk = new Set(); // tools that returned a successful, validated result
let checks = 0;

function check(condition, message) {
  assert.ok(condition, message);
  checks += 1;
}

// A session: the SDK client spawning `order-manager mcp --role ROLE`.
async function connect(role, extra = []) {
  const transport = new StdioClientTransport({
    command: options.cli,
    args: [...storeArgs, 'mcp', '--role', role, ...extra],
    // The SDK passes only a few variables by default; the store's (AWS_*) must reach the server.
    env: { ...process.env },
    stderr: 'pipe',
  });
  let log = '';
  transport.stderr?.on('data', (chunk) => {
    log += chunk.toString();
  });
  const client = new Client({ name: 'order-manager-mcp-test', version: '1.0.0' });
  await client.connect(transport);
  const session = {
    role,
    client,
    log: () => log,
    async close() {
      await client.close();
    },
    async tools() {
      const all = [];
      let cursor;
      let pages = 0;
      do {
        const page = await client.listTools(cursor ? { cursor } : {});
        pages += 1;
        all.push(...page.tools);
        cursor = page.nextCursor;
      } while (cursor);
      return { tools: all, pages };
    },
    // tools/call; asserts the result's shape and validates structuredContent.
    async call(name, args) {
      const result = await client.callTool({ name, arguments: args });
      check(Array.isArray(result.content) && result.content[0]?.type === 'text', `${name}: a text block`);
      check(result.content[0].text.length > 0, `${name}: the text is not empty`);
      check(result.structuredContent && typeof result.structuredContent === 'object', `${name}: structuredContent`);
      const validate = outputValidators.get(name);
      check(validate, `${name}: its outputSchema was listed`);
      check(validate(result.structuredContent), `${name}: structuredContent matches outputSchema: ${ajv.errorsText(validate.errors)}`);
      if (result.isError) {
        check(!!result.structuredContent.error, `${name}: an error result has structuredContent.error`);
        check(result.content[0].text === result.structuredContent.error.message, `${name}: the text is the message`);
      } else {
        calledOk.add(name);
      }
      return result;
    },
  };
  return session;
}

async function expectProtocolError(promise, code, pattern) {
  await assert.rejects(promise, (error) => {
    check(error instanceof McpError, `an McpError, got ${error}`);
    check(error.code === code, `code ${code}, got ${error.code}: ${error.message}`);
    if (pattern) check(pattern.test(error.message), `message ${error.message} matches ${pattern}`);
    return true;
  });
}

const coffee = {
  customer_id: 'CUST-001',
  customer_name: 'John Doe',
  items: [
    { item_name: 'Coffee', quantity: 2, unit_price: 3.5 },
    { item_name: 'Sandwich', quantity: 1, unit_price: 8.99 },
  ],
  total_price: 16.99,
};

async function listsItsTools(session, expectedPages) {
  const { tools, pages } = await session.tools();
  check(
    JSON.stringify(tools.map((t) => t.name)) === JSON.stringify(ROLE_TOOLS[session.role]),
    `${session.role} lists ${tools.map((t) => t.name)}`,
  );
  if (expectedPages) check(pages === expectedPages, `${pages} pages, expected ${expectedPages}`);
  for (const tool of tools) {
    check(tool.inputSchema.type === 'object' && tool.outputSchema.type === 'object', `${tool.name}: object schemas`);
    check(typeof tool.description === 'string' && tool.description.length > 80, `${tool.name}: a description`);
    for (const hint of ['readOnlyHint', 'destructiveHint', 'idempotentHint'])
      check(typeof tool.annotations?.[hint] === 'boolean', `${tool.name}: annotations.${hint}`);
    ajv.compile(tool.inputSchema); // throws if not valid JSON Schema 2020-12 (strict)
    outputValidators.set(tool.name, outputValidators.get(tool.name) ?? ajv.compile(tool.outputSchema));
  }
  return tools;
}

async function scenario() {
  // --- A customer places an order and finds it. ---
  const customer = await connect('customer');
  await listsItsTools(customer, 1);
  const placed = await customer.call('place_order', coffee);
  check(!placed.isError, `place_order: ${placed.content[0].text}`);
  const order = placed.structuredContent.order;
  check(/^ORD-[0-9A-F]{16}$/.test(order.order_id), `a generated id: ${order.order_id}`);
  check(order.status === 'Pending' && order.total_price === 16.99, 'placed as asked');
  check(placed.structuredContent.created === true, 'created');
  const orderId = order.order_id;

  const retry = await customer.call('place_order', { ...coffee, order_id: orderId });
  check(!retry.isError && retry.structuredContent.created === false, 'a retry with the same order_id places nothing new');
  const taken = await customer.call('place_order', { ...coffee, order_id: orderId, total_price: 1 });
  check(taken.isError && taken.structuredContent.error.kind === 'conflict', 'a different order under a used id is refused');

  const got = await customer.call('get_order', { order_id: orderId });
  check(got.structuredContent.order.order_id === orderId, 'get_order finds it');
  const found = await customer.call('find_customer_orders', { customer_name: 'John Doe', status: 'Pending', limit: 5 });
  check(found.structuredContent.orders.some((o) => o.order_id === orderId), 'find_customer_orders finds it');
  const last = await customer.call('get_last_order', { customer_id: 'CUST-001' });
  check(last.structuredContent.order.order_id === orderId, 'get_last_order finds it');
  const summary = await customer.call('order_summary', { order_id: orderId });
  check(summary.structuredContent.summary.includes('Total: $16.99'), 'order_summary');

  // A second order the customer may still cancel (Pending).
  const second = await customer.call('place_order', { ...coffee, order_id: 'ORD-MCP-2', total_price: 7 });
  check(!second.isError, 'a second order');
  const cancelled = await customer.call('cancel_order', { order_id: 'ORD-MCP-2', reason: 'ordered twice by mistake' });
  check(!cancelled.isError && cancelled.structuredContent.status === 'Cancelled', 'a Pending order is cancelled');
  check(cancelled.structuredContent.reason === 'ordered twice by mistake', 'the reason comes back');
  check(/cancel_order: cancelled ORD-MCP-2 .*ordered twice by mistake/.test(customer.log()), 'the reason is logged');

  // Bad arguments: a tool error naming the field, nothing written.
  const bad = await customer.call('place_order', { ...coffee, items: [{ item_name: 'Tea', quantity: 'two', unit_price: 2 }] });
  check(bad.isError && bad.structuredContent.error.field === 'items[0].quantity', 'bad quantity names the field');
  check(bad.structuredContent.error.kind === 'invalid_argument', 'invalid_argument');
  const missing = await customer.call('get_order', {});
  check(missing.isError && missing.structuredContent.error.field === 'order_id', 'a missing argument names the field');
  const badStatus = await customer.call('find_customer_orders', { customer_name: 'John Doe', status: 'Shipped' });
  check(badStatus.isError && /must be one of .*Being prepared/.test(badStatus.content[0].text), 'an unknown status lists the values');
  const notFound = await customer.call('get_order', { order_id: 'ORD-NOPE' });
  check(notFound.isError && notFound.structuredContent.error.kind === 'not_found', 'not_found');

  // Role filtering: absent from the list (checked above) and refused when called anyway.
  await expectProtocolError(customer.client.callTool({ name: 'delete_order', arguments: { order_id: orderId } }), -32602,
    /not available to the customer role/);
  await expectProtocolError(customer.client.callTool({ name: 'update_order_status', arguments: { order_id: orderId, status: 'Completed' } }), -32602);
  await expectProtocolError(customer.client.callTool({ name: 'no_such_tool', arguments: {} }), -32602, /Unknown tool/);
  await customer.close();

  // --- Staff start on it (tools listed 4 per page: the client follows the cursor). ---
  const staff = await connect('staff', ['--tools-page-size', '4']);
  await listsItsTools(staff, 3);
  const preparing = await staff.call('update_order_status', { order_id: orderId, status: 'Being prepared' });
  check(!preparing.isError && preparing.structuredContent.changed === true, 'staff set Being prepared');
  const ready = await staff.call('set_ready_time', { order_id: orderId, estimated_ready_time: '2024-11-22T15:30:00' });
  check(!ready.isError && ready.structuredContent.changed === true, 'set_ready_time');
  const queue = await staff.call('orders_by_status', { status: 'Being prepared' });
  check(queue.structuredContent.orders.some((o) => o.order_id === orderId), 'orders_by_status lists it');
  const finalRefused = await staff.call('update_order_status', { order_id: 'ORD-MCP-2', status: 'Pending' });
  check(finalRefused.isError && finalRefused.structuredContent.error.kind === 'refused', 'a Cancelled order stays Cancelled');

  // --- The customer can no longer cancel; the refusal explains why and what to do. ---
  const customer2 = await connect('customer');
  await listsItsTools(customer2);
  const refused = await customer2.call('cancel_order', { order_id: orderId, reason: 'taking too long' });
  check(refused.isError && refused.structuredContent.error.kind === 'refused', 'cancel refused once Being prepared');
  check(/it is Being prepared/.test(refused.content[0].text) && /staff/.test(refused.content[0].text),
    `the refusal says why and what to do: ${refused.content[0].text}`);
  const still = await customer2.call('get_order', { order_id: orderId });
  check(still.structuredContent.order.status === 'Being prepared', 'the refused cancel changed nothing');
  await customer2.close();

  // --- Staff move it on; an admin reads the statistics and deletes the cancelled order. ---
  const done = await staff.call('update_order_status', { order_id: orderId, status: 'Ready for pickup' });
  check(!done.isError && done.structuredContent.status === 'Ready for pickup', 'Ready for pickup');
  await staff.close();

  const admin = await connect('admin');
  await listsItsTools(admin, 1);
  const stats = await admin.call('order_statistics', {});
  check(!stats.isError, 'order_statistics');
  check(stats.structuredContent.total_orders === 2, `2 orders: ${JSON.stringify(stats.structuredContent)}`);
  check(stats.structuredContent.total_revenue === 16.99, 'revenue excludes the cancelled order');
  check(stats.structuredContent.status_breakdown['Ready for pickup'] === 1, 'one ready');
  check(stats.structuredContent.status_breakdown.Cancelled === 1, 'one cancelled');
  const deleted = await admin.call('delete_order', { order_id: 'ORD-MCP-2' });
  check(!deleted.isError && deleted.structuredContent.deleted === true, 'delete_order');
  const gone = await admin.call('delete_order', { order_id: 'ORD-MCP-2' });
  check(gone.isError && gone.structuredContent.error.kind === 'not_found', 'deleting twice: not_found');
  check(!ROLE_TOOLS.admin.includes('clear_all_orders'), 'clear_all_orders is never a tool');
  await expectProtocolError(admin.client.callTool({ name: 'clear_all_orders', arguments: {} }), -32602);
  await admin.close();

  const missed = ROLE_TOOLS.admin.filter((name) => !calledOk.has(name));
  check(missed.length === 0, `every tool called successfully at least once; missed: ${missed}`);
}

// --- Raw stdio, without the SDK: bad lines get JSON-RPC errors and the server keeps serving. ---
async function rawSession(lines) {
  const child = spawn(options.cli, [...storeArgs, 'mcp', '--role', 'customer'], { stdio: ['pipe', 'pipe', 'pipe'] });
  let out = '';
  let err = '';
  child.stdout.on('data', (chunk) => {
    out += chunk.toString('utf8');
  });
  child.stderr.on('data', (chunk) => {
    err += chunk.toString();
  });
  for (const line of lines) child.stdin.write(line);
  child.stdin.end();
  const code = await new Promise((resolve) => child.on('close', resolve));
  check(code === 0, `the server exits 0 at the end of its input (got ${code}); stderr: ${err}`);
  // stdout carries only protocol messages: every line is one JSON-RPC message.
  return out
    .split('\n')
    .filter((line) => line.length > 0)
    .map((line) => JSON.parse(line));
}

const message = (obj) => JSON.stringify(obj) + '\n';
const request = (id, method, params = {}) => message({ jsonrpc: '2.0', id, method, params });

async function rawStdio() {
  const init = (version) => request(1, 'initialize', { protocolVersion: version, capabilities: {}, clientInfo: { name: 'raw', version: '0' } });
  const replies = await rawSession([
    init(LATEST_PROTOCOL_VERSION),
    message({ jsonrpc: '2.0', method: 'notifications/initialized' }),
    '{"jsonrpc": "2.0", "id": 2, "method": "tools/list"\n', // malformed: no closing brace
    Buffer.concat([Buffer.from('{"jsonrpc":"2.0","id":3,"method":"ping","params":{"x":"'), Buffer.from([0xff, 0xfe]), Buffer.from('"}}\n')]),
    'x'.repeat(2 * 1024 * 1024) + '\n', // over the 1 MiB message limit
    '{"jsonrpc":"2.0","id":9,"method":"ping","params":{"x":' + '['.repeat(300000) + ']'.repeat(300000) + '}}\n', // too deep
    request(4, 'no/such/method'),
    request(5, 'tools/call', { name: 'get_order', arguments: { order_id: 42 } }),
    request(6, 'ping'),
  ]);
  check(replies.length === 8, `eight replies (the notification gets none), got ${JSON.stringify(replies).slice(0, 500)}`);
  check(replies[0].id === 1 && replies[0].result.protocolVersion === LATEST_PROTOCOL_VERSION,
    `the SDK's latest version (${LATEST_PROTOCOL_VERSION}) is spoken`);
  check(replies[1].id === null && replies[1].error.code === -32700, 'malformed JSON: parse error, id null');
  check(replies[2].id === null && replies[2].error.code === -32700 && /UTF-8/.test(replies[2].error.message), 'not UTF-8');
  check(replies[3].id === null && replies[3].error.code === -32600 && /larger than/.test(replies[3].error.message), 'too large');
  check(replies[4].id === null && replies[4].error.code === -32600 && /deeper than/.test(replies[4].error.message), 'too deep');
  check(replies[5].id === 4 && replies[5].error.code === -32601, 'unknown method');
  check(replies[6].id === 5 && replies[6].result.isError === true, 'bad arguments: a tool error');
  check(replies[7].id === 6 && JSON.stringify(replies[7].result) === '{}', 'and it is still serving');
  const pings = await rawSession([init('2025-06-18'), request(2, 'ping')]);
  check(pings[0].result.protocolVersion === '2025-06-18', '2025-06-18 is accepted as asked');
  check(pings[1].id === 2 && JSON.stringify(pings[1].result) === '{}', 'ping');
  const unknown = await rawSession([init('1999-01-01')]);
  check(unknown[0].result.protocolVersion === LATEST_PROTOCOL_VERSION, 'an unknown version gets our newest');
}

// --- A store that fails: a tool error in the documented words, and the server keeps serving. ---
// Two stores that cannot work: DynamoDB at a closed 127.0.0.1 port (connection refused, after
// the client's retries), and a SQLite file whose folder is a regular file. Neither needs
// DynamoDB Local, so both run in every pass. The SDK client sees a tool result (isError), never
// a JSON-RPC error; the text carries no endpoint, port, path, table, credential or library
// wording (those go to the operator's stderr), and ping and tools/list still work afterwards.
async function closedPort() {
  const probe = createServer();
  await new Promise((resolve) => probe.listen(0, '127.0.0.1', resolve));
  const { port } = probe.address();
  await new Promise((resolve) => probe.close(resolve));
  return port; // nothing listens there now
}

async function storeUnavailable() {
  const port = await closedPort();
  const secret = 'mcp-test-secret-key-do-not-show';
  const blocker = join(scratch, 'not-a-folder');
  writeFileSync(blocker, 'a file where a folder should be\n');
  const table = `mcp-unavailable-${process.pid}`;
  const cases = [
    { what: 'DynamoDB at a closed port', args: ['--backend', 'dynamodb', '--table', table, '--endpoint-url', `http://127.0.0.1:${port}`],
      hidden: [String(port), '127.0.0.1', table, secret, 'AKIDMCPTEST'] },
    { what: 'an unusable SQLite path', args: ['--backend', 'sqlite', '--db', join(blocker, 'orders.db')],
      hidden: [blocker, 'not-a-folder', 'orders.db', 'sqlite', 'SQLITE'] },
  ];
  const env = { ...process.env, AWS_ACCESS_KEY_ID: 'AKIDMCPTEST', AWS_SECRET_ACCESS_KEY: secret, AWS_REGION: 'us-east-1',
    // Only the dummy keys above: no profile, no instance metadata lookup off this machine.
    AWS_EC2_METADATA_DISABLED: 'true', AWS_CONFIG_FILE: join(scratch, 'none'), AWS_SHARED_CREDENTIALS_FILE: join(scratch, 'none') };
  delete env.AWS_ENDPOINT_URL_DYNAMODB;
  delete env.AWS_PROFILE;
  delete env.AWS_SESSION_TOKEN;
  for (const { what, args, hidden } of cases) {
    const transport = new StdioClientTransport({ command: options.cli, args: [...args, 'mcp', '--role', 'customer'], env, stderr: 'pipe' });
    let log = '';
    transport.stderr?.on('data', (chunk) => {
      log += chunk.toString();
    });
    const client = new Client({ name: 'order-manager-mcp-test', version: '1.0.0' });
    await client.connect(transport); // the store is opened at the first call, so this succeeds
    for (const [name, args] of [['get_order', { order_id: 'ORD-1' }], ['place_order', { ...coffee, order_id: 'ORD-U1' }]]) {
      const result = await client.callTool({ name, arguments: args });
      const text = result.content?.[0]?.text ?? '';
      check(result.isError === true, `${what}: ${name} is a tool error: ${JSON.stringify(result)}`);
      check(result.structuredContent?.error?.kind === 'store_unavailable', `${what}: ${name}: kind store_unavailable`);
      check(text.startsWith('The order store is unavailable, try again later.'), `${what}: ${name}: the documented words: ${text}`);
      check(text === result.structuredContent.error.message, `${what}: the text is the message`);
      for (const word of [...hidden, 'Connection refused', 'curl', 'errno', 'what()', 'Exception', 'AWS_'])
        check(!text.includes(word), `${what}: ${name}: "${word}" is not shown to the model: ${text}`);
    }
    check(JSON.stringify(await client.ping()) === '{}', `${what}: still serving: ping`);
    check((await client.listTools()).tools.length === ROLE_TOOLS.customer.length, `${what}: still serving: tools/list`);
    check(/store unavailable|store cannot be opened/.test(log), `${what}: the operator's log has the details: ${log}`);
    check(!log.includes(secret), `${what}: the secret key is not logged`);
    await client.close();
  }
}

try {
  await scenario();
  await rawStdio();
  await storeUnavailable();
  console.log(`mcp_client_test (${backend}): ${checks} checks passed`);
} finally {
  rmSync(scratch, { recursive: true, force: true });
}
