// `order-manager tools --format openai|anthropic|mcp --role R` prints definitions those APIs
// accept: the documented envelope, names matching ^[a-zA-Z0-9_-]{1,64}$, and schemas that
// compile as JSON Schema (draft-07, which OpenAI and Anthropic document, and 2020-12, which MCP
// names), in Ajv's strict mode.
//
//   node tools_export_test.mjs --cli path/to/order-manager
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { parseArgs } from 'node:util';

import Ajv from 'ajv';
import Ajv2020 from 'ajv/dist/2020.js';

const { values: options } = parseArgs({ options: { cli: { type: 'string' } } });
assert.ok(options.cli, '--cli is required');

const NAME = /^[a-zA-Z0-9_-]{1,64}$/;
let checks = 0;
function check(condition, message) {
  assert.ok(condition, message);
  checks += 1;
}

function exported(format, role) {
  const run = spawnSync(options.cli, ['tools', '--format', format, '--role', role], { encoding: 'utf8' });
  check(run.status === 0, `tools --format ${format} --role ${role} exits 0: ${run.stderr}`);
  return JSON.parse(run.stdout);
}

// Compiles `schema` with both drafts, strictly; checks the top level is an object schema.
const validators = [new Ajv({ strict: true }), new Ajv2020({ strict: true })];
function compiles(schema, what) {
  check(schema && schema.type === 'object', `${what}: an object schema`);
  for (const ajv of validators) {
    check(ajv.validateSchema(schema), `${what}: valid against the meta-schema: ${ajv.errorsText()}`);
    ajv.compile(schema); // throws on anything strict mode refuses
    checks += 1;
  }
}

const counts = { customer: 6, staff: 9, admin: 11 };
for (const [role, count] of Object.entries(counts)) {
  const openai = exported('openai', role);
  check(Array.isArray(openai) && openai.length === count, `openai ${role}: ${count} tools`);
  for (const tool of openai) {
    check(tool.type === 'function', 'openai: type function');
    check(JSON.stringify(Object.keys(tool).sort()) === '["function","type"]', 'openai: only type and function');
    const fn = tool.function;
    check(NAME.test(fn.name), `openai: name ${fn.name}`);
    check(typeof fn.description === 'string' && fn.description.length > 0 && fn.description.length <= 1024,
      `openai: ${fn.name} description within 1024 characters`);
    compiles(fn.parameters, `openai ${fn.name}.parameters`);
  }

  const anthropic = exported('anthropic', role);
  check(anthropic.length === count, `anthropic ${role}: ${count} tools`);
  for (const tool of anthropic) {
    check(JSON.stringify(Object.keys(tool).sort()) === '["description","input_schema","name"]', 'anthropic: its keys');
    check(NAME.test(tool.name), `anthropic: name ${tool.name}`);
    compiles(tool.input_schema, `anthropic ${tool.name}.input_schema`);
  }

  const mcp = exported('mcp', role);
  check(mcp.length === count, `mcp ${role}: ${count} tools`);
  mcp.forEach((tool, i) => {
    check(tool.name === anthropic[i].name && tool.name === openai[i].function.name, 'one table, same order');
    check(JSON.stringify(tool.inputSchema) === JSON.stringify(anthropic[i].input_schema), 'same input schema');
    compiles(tool.inputSchema, `mcp ${tool.name}.inputSchema`);
    compiles(tool.outputSchema, `mcp ${tool.name}.outputSchema`);
  });
}

const wrong = spawnSync(options.cli, ['tools', '--format', 'gemini'], { encoding: 'utf8' });
check(wrong.status === 2 && /--format: must be mcp, openai or anthropic/.test(wrong.stderr), `an unknown format: ${wrong.stderr}`);
console.log(`tools_export_test: ${checks} checks passed`);
