// Shared by the HTTP tests: start and stop `order-manager serve`, run the CLI,
// talk HTTP (fetch and raw sockets), validate responses against the server's
// own OpenAPI document. Every wait has a deadline; nothing sleeps a fixed time.
'use strict';

const { spawn, spawnSync } = require('node:child_process');
const fs = require('node:fs');
const net = require('node:net');
const os = require('node:os');
const path = require('node:path');
const assert = require('node:assert/strict');

const CLI = process.env.ORDER_MANAGER_CLI;
if (!CLI) throw new Error('ORDER_MANAGER_CLI must name the order-manager binary');
const BACKEND = process.env.OM_BACKEND || 'sqlite';

function tempDir() {
  return fs.mkdtempSync(path.join(os.tmpdir(), 'om-http-'));
}

// The global options that point the CLI and the server at one store.
function storeArgs(dir) {
  if (BACKEND === 'dynamodb') {
    if (!process.env.AWS_ENDPOINT_URL_DYNAMODB) throw new Error('dynamodb tests run under with_dynamodb_local');
    return ['--backend', 'dynamodb', '--table', `http-${path.basename(dir)}-${process.pid}`];
  }
  return ['--backend', 'sqlite', '--db', path.join(dir, 'orders.db')];
}

function cli(store, args) {
  const result = spawnSync(CLI, [...store, ...args], { encoding: 'utf8', timeout: 60000 });
  return { code: result.status, stdout: result.stdout, stderr: result.stderr };
}

// Polls `probe` until it returns a truthy value or the deadline passes.
async function until(probe, { timeoutMs = 10000, intervalMs = 50, what = 'condition' } = {}) {
  const deadline = Date.now() + timeoutMs;
  let last;
  for (;;) {
    try {
      last = await probe();
      if (last) return last;
    } catch (e) {
      last = e;
    }
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}: ${last}`);
    await new Promise((resolve) => setTimeout(resolve, intervalMs));
  }
}

// Starts the server on a free port (port 0) and resolves once it prints its address.
function startServer(store, extraArgs = [], { timeoutMs = 30000 } = {}) {
  const child = spawn(CLI, [...store, 'serve', '--listen', '127.0.0.1:0', ...extraArgs], {
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let stdout = '';
  let stderr = '';
  child.stderr.on('data', (d) => { stderr += d; });
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      reject(new Error(`server did not start in ${timeoutMs} ms: ${stdout}${stderr}`));
    }, timeoutMs);
    const earlyExit = (code) => {
      clearTimeout(timer);
      reject(new Error(`server exited with ${code} before listening: ${stdout}${stderr}`));
    };
    child.on('exit', earlyExit);
    child.stdout.on('data', (d) => {
      stdout += d;
      const match = /listening on (http:\/\/[^\s]+)\//.exec(stdout);
      if (match) {
        clearTimeout(timer);
        child.off('exit', earlyExit);
        const server = {
          child, base: match[1], output: () => stdout + stderr,
          port: Number(new URL(match[1]).port),
          stop: () => stopServer(child),
        };
        resolve(server);
      }
    });
  });
}

function stopServer(child, timeoutMs = 15000) {
  return new Promise((resolve, reject) => {
    if (child.exitCode !== null) return resolve(child.exitCode);
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      reject(new Error('server did not stop on SIGTERM'));
    }, timeoutMs);
    child.once('exit', (code) => { clearTimeout(timer); resolve(code); });
    child.kill('SIGTERM');
  });
}

// Runs the server with arguments that it must refuse; resolves with its exit code and output.
function runRefused(store, args, timeoutMs = 30000) {
  const result = spawnSync(CLI, [...store, 'serve', ...args], { encoding: 'utf8', timeout: timeoutMs });
  return { code: result.status, output: result.stdout + result.stderr };
}

// Sends raw bytes, resolves with whatever the server answered before closing
// (or with what arrived by `timeoutMs`).
function rawRequest(port, chunks, { timeoutMs = 15000, gapMs = 0 } = {}) {
  return new Promise((resolve, reject) => {
    const socket = net.connect(port, '127.0.0.1');
    let received = '';
    let closed = false;
    const timer = setTimeout(() => { socket.destroy(); resolve({ received, closed: false }); }, timeoutMs);
    socket.on('data', (d) => { received += d.toString('latin1'); });
    socket.on('error', () => {});
    socket.on('close', () => { closed = true; clearTimeout(timer); resolve({ received, closed }); });
    socket.on('connect', async () => {
      try {
        for (const chunk of chunks) {
          if (closed) break;
          socket.write(chunk);
          if (gapMs) await new Promise((r) => setTimeout(r, gapMs));
        }
      } catch (e) { reject(e); }
    });
  });
}

module.exports = { BACKEND, CLI, tempDir, storeArgs, cli, until, startServer, stopServer, runRefused, rawRequest };
