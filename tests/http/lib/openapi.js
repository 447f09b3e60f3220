// The server's OpenAPI document: checked with swagger-parser, then used to
// validate every response the tests see (ajv, JSON Schema 2020-12).
'use strict';

const assert = require('node:assert/strict');
const SwaggerParser = require('@apidevtools/swagger-parser');
const Ajv2020 = require('ajv/dist/2020');
const addFormats = require('ajv-formats');

class ApiContract {
  constructor(document) {
    this.document = document;
    this.ajv = new Ajv2020({ strict: true, allErrors: true, strictTypes: false });
    addFormats(this.ajv);
    // The component schemas under one id, their refs rewritten to $defs.
    const defs = JSON.parse(JSON.stringify(document.components.schemas).replaceAll('#/components/schemas/', '#/$defs/'));
    this.ajv.addSchema({ $id: 'om:components', $defs: defs });
    this.templates = Object.keys(document.paths).map((template) => ({
      template,
      regex: new RegExp('^' + template.replace(/[.]/g, '\\.').replace(/\{[^}]+\}/g, '[^/]+') + '$'),
    }));
    this.checked = new Set();
  }

  static async load(base) {
    const response = await fetch(base + '/openapi.json');
    assert.equal(response.status, 200);
    const document = await response.json();
    assert.equal(document.openapi, '3.1.0');
    // validate() dereferences its argument: give it a copy.
    await SwaggerParser.validate(JSON.parse(JSON.stringify(document)));
    return new ApiContract(document);
  }

  operation(method, urlPath) {
    const match = this.templates.find((t) => t.regex.test(urlPath));
    assert.ok(match, `no path of the OpenAPI document matches ${urlPath}`);
    const operation = this.document.paths[match.template][method.toLowerCase()];
    assert.ok(operation, `the OpenAPI document has no ${method} ${match.template}`);
    return { template: match.template, operation };
  }

  // Asserts that a response is one the document describes for this operation.
  check(method, urlPath, status, contentType, body) {
    const { template, operation } = this.operation(method, urlPath);
    const declared = operation.responses[String(status)] || operation.responses.default;
    assert.ok(declared, `${method} ${template}: status ${status} is not documented`);
    assert.ok(operation.responses[String(status)],
      `${method} ${template}: status ${status} should be listed explicitly (only 'default' matched)`);
    this.checked.add(`${method} ${template} ${status}`);
    if (!declared.content) {
      assert.ok(body === '' || body === undefined, `${method} ${template} ${status}: documented without a body`);
      return;
    }
    const media = (contentType || '').split(';')[0].trim();
    const content = declared.content[media];
    assert.ok(content, `${method} ${template} ${status}: content type ${media} not documented ` +
      `(documented: ${Object.keys(declared.content)})`);
    if (media.endsWith('json')) {
      const schema = JSON.parse(JSON.stringify(content.schema).replaceAll('#/components/schemas/', 'om:components#/$defs/'));
      const validate = this.ajv.compile(schema);
      const value = JSON.parse(body);
      assert.ok(validate(value), `${method} ${template} ${status}: body does not match the schema: ` +
        `${this.ajv.errorsText(validate.errors)}\n${body.slice(0, 500)}`);
    }
  }
}

// A client that validates every response against the contract.
function client(base, contract, token) {
  return async function call(method, urlPath, { body, json, headers = {}, raw = false } = {}) {
    const init = { method, headers: { ...headers } };
    if (token && !init.headers.Authorization) init.headers.Authorization = `Bearer ${token}`;
    if (json !== undefined) {
      init.body = JSON.stringify(json);
      init.headers['Content-Type'] = init.headers['Content-Type'] || 'application/json';
    } else if (body !== undefined) {
      init.body = body;
    }
    const response = await fetch(base + urlPath, init);
    const text = await response.text();
    const contentType = response.headers.get('content-type');
    const pathOnly = new URL(base + urlPath).pathname;
    if (contract && !raw) contract.check(method, decodeURIComponent(pathOnly).length ? pathOnly : pathOnly, response.status, contentType, text);
    let parsed;
    if (contentType && contentType.includes('json') && text) parsed = JSON.parse(text);
    return { status: response.status, headers: response.headers, text, body: parsed };
  };
}

module.exports = { ApiContract, client };
