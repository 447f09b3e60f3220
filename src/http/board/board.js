// The staff board: the four active columns from GET /board, kept live by
// Server-Sent Events (GET /events, read with fetch so the bearer token can be
// sent), falling back to polling. All text from orders goes in with
// textContent: a name holding HTML stays text.
'use strict';

const NEXT = {
  'Pending': 'Confirmed',
  'Confirmed': 'Being prepared',
  'Being prepared': 'Ready for pickup',
  'Ready for pickup': 'Completed',
};
const ACTION = {
  'Pending': 'Confirm',
  'Confirmed': 'Start preparing',
  'Being prepared': 'Mark ready',
  'Ready for pickup': 'Picked up',
};
const TOKEN_KEY = 'order-board-token';

let lastBoard = null;
let streamAbort = null;
let pollTimer = null;

const $ = (id) => document.getElementById(id);

function el(tag, attrs = {}, text) {
  const node = document.createElement(tag);
  for (const [key, value] of Object.entries(attrs)) node.setAttribute(key, value);
  if (text !== undefined) node.textContent = text;
  return node;
}

function authHeaders() {
  const token = sessionStorage.getItem(TOKEN_KEY);
  return token ? { Authorization: `Bearer ${token}` } : {};
}

class Unauthorized extends Error {}

async function api(method, path, body) {
  const headers = authHeaders();
  const init = { method, headers };
  if (body !== undefined) {
    headers['Content-Type'] = 'application/json';
    init.body = JSON.stringify(body);
  }
  const response = await fetch(path, init);
  if (response.status === 401) throw new Unauthorized();
  const type = response.headers.get('content-type') || '';
  const data = type.includes('json') ? await response.json() : await response.text();
  if (!response.ok) {
    const error = new Error((data && data.detail) || `HTTP ${response.status}`);
    error.status = response.status;
    throw error;
  }
  return data;
}

function setLive(text, ok) {
  const live = $('live');
  live.textContent = text;
  live.className = 'live ' + (ok ? 'ok' : 'down');
}

function askForToken(message) {
  stopLive();
  $('login').hidden = false;
  $('login-error').textContent = message || '';
  $('token').focus();
  setLive('Not signed in', false);
}

function money(value) {
  return '$' + Number(value).toFixed(2);
}

function age(createdAt) {
  const minutes = Math.max(0, Math.floor((Date.now() - Date.parse(createdAt)) / 60000));
  if (minutes < 1) return 'just now';
  if (minutes < 60) return `${minutes} min ago`;
  return `${Math.floor(minutes / 60)} h ${minutes % 60} min ago`;
}

function card(order) {
  const item = el('li', { class: 'card', 'data-order-id': order.order_id });
  const article = el('article', { 'aria-label': `Order ${order.order_id}` });
  article.append(el('h3', {}, order.order_id));
  article.append(el('p', { class: 'customer' }, order.customer_name));
  const items = el('ul', { class: 'items' });
  for (const line of order.items) items.append(el('li', {}, `${line.quantity} × ${line.item_name}`));
  article.append(items);
  const facts = el('p', { class: 'facts' });
  facts.append(el('span', { class: 'total' }, money(order.total_price)));
  facts.append(el('span', { class: 'age', title: order.created_at }, age(order.created_at)));
  if (order.estimated_ready_time) facts.append(el('span', { class: 'ready' }, `Ready ${order.estimated_ready_time}`));
  article.append(facts);
  const actions = el('div', { class: 'actions' });
  const advance = el('button', { type: 'button', class: 'advance', 'data-next': NEXT[order.status] },
    ACTION[order.status]);
  advance.addEventListener('click', () => move(order, NEXT[order.status], advance));
  const cancel = el('button', { type: 'button', class: 'cancel' }, 'Cancel');
  cancel.addEventListener('click', () => {
    if (window.confirm(`Cancel order ${order.order_id} for ${order.customer_name}?`)) move(order, 'Cancelled', cancel);
  });
  actions.append(advance, cancel);
  article.append(actions);
  item.append(article);
  return item;
}

function render(board) {
  // Answers can arrive out of order (a GET /board sent before an event that
  // overtook it): never go back to an older snapshot.
  if (lastBoard && board.version < lastBoard.version) return;
  lastBoard = board;
  $('store-warning').hidden = board.store_ok;
  // Keep keyboard focus on the same button across a re-render.
  const focused = document.activeElement;
  const focusCard = focused && focused.closest ? focused.closest('.card') : null;
  const focusId = focusCard ? focusCard.dataset.orderId : null;
  const focusClass = focused ? focused.className : null;
  for (const column of board.columns) {
    const section = document.querySelector(`.column[data-status="${CSS.escape(column.status)}"]`);
    if (!section) continue;
    const list = section.querySelector('.cards');
    list.replaceChildren(...column.orders.map(card));
    section.querySelector('.count').textContent = `(${column.orders.length})`;
  }
  if (focusId !== null) {
    for (const node of document.querySelectorAll('.card')) {
      if (node.dataset.orderId === focusId) {
        const button = node.querySelector(`button.${focusClass}`);
        if (button) button.focus();
      }
    }
  }
}

async function move(order, status, button) {
  button.disabled = true;
  try {
    await api('PUT', `/orders/${encodeURIComponent(order.order_id)}/status`, { status });
    // The server polls the store at once after its own write; the new board
    // arrives as an event (or through the poll while the stream is down).
  } catch (error) {
    if (error instanceof Unauthorized) return askForToken('Your token was refused; enter it again.');
    window.alert(`Order ${order.order_id} could not be moved: ${error.message}`);
    button.disabled = false;
  }
}

function stopLive() {
  if (streamAbort) streamAbort.abort();
  streamAbort = null;
  clearTimeout(pollTimer);
  pollTimer = null;
}

// Polls GET /board while the event stream is down.
async function poll() {
  try {
    render(await api('GET', '/board'));
    setLive('Live (polling)', true);
  } catch (error) {
    if (error instanceof Unauthorized) return askForToken('Your token was refused; enter it again.');
    setLive('Server unreachable; retrying…', false);
  }
  pollTimer = setTimeout(poll, 1000);
}

// Reads GET /events; each "board" event carries the whole board.
async function stream() {
  const controller = new AbortController();
  streamAbort = controller;
  try {
    const response = await fetch('/events', { headers: authHeaders(), signal: controller.signal });
    if (response.status === 401) return askForToken('Your token was refused; enter it again.');
    if (!response.ok || !response.body) throw new Error(`HTTP ${response.status}`);
    clearTimeout(pollTimer);
    setLive('Live', true);
    const reader = response.body.getReader();
    const decoder = new TextDecoder();
    let buffer = '';
    for (;;) {
      const { value, done } = await reader.read();
      if (done) break;
      buffer += decoder.decode(value, { stream: true });
      let end;
      while ((end = buffer.indexOf('\n\n')) >= 0) {
        const block = buffer.slice(0, end);
        buffer = buffer.slice(end + 2);
        const data = block.split('\n').filter((l) => l.startsWith('data: ')).map((l) => l.slice(6)).join('\n');
        if (data) render(JSON.parse(data));
      }
    }
  } catch (error) {
    if (controller.signal.aborted) return;
  }
  if (streamAbort !== controller) return;
  // The stream ended or failed: poll meanwhile, try the stream again shortly.
  setLive('Reconnecting…', false);
  if (!pollTimer) poll();
  setTimeout(() => { if (streamAbort === controller) stream(); }, 3000);
}

function startLive() {
  stopLive();
  $('login').hidden = true;
  stream();
  // The first picture does not wait for the stream.
  api('GET', '/board').then(render).catch((error) => {
    if (error instanceof Unauthorized) askForToken();
  });
}

function chart(breakdown) {
  const statuses = ['Pending', 'Confirmed', 'Being prepared', 'Ready for pickup', 'Completed', 'Cancelled'];
  const counts = statuses.map((s) => breakdown[s] || 0);
  const max = Math.max(1, ...counts);
  const ns = 'http://www.w3.org/2000/svg';
  const svg = document.createElementNS(ns, 'svg');
  const rowHeight = 36;
  const labelWidth = 170;
  const width = 640;
  svg.setAttribute('viewBox', `0 0 ${width} ${statuses.length * rowHeight}`);
  svg.setAttribute('class', 'chart');
  svg.setAttribute('role', 'img');
  svg.setAttribute('aria-label', statuses.map((s, i) => `${s}: ${counts[i]}`).join(', '));
  statuses.forEach((status, i) => {
    const y = i * rowHeight;
    const label = document.createElementNS(ns, 'text');
    label.setAttribute('x', 0);
    label.setAttribute('y', y + 23);
    label.textContent = status;
    const bar = document.createElementNS(ns, 'rect');
    const barWidth = Math.round(((width - labelWidth - 50) * counts[i]) / max);
    bar.setAttribute('x', labelWidth);
    bar.setAttribute('y', y + 6);
    bar.setAttribute('height', rowHeight - 12);
    bar.setAttribute('width', Math.max(barWidth, 1));
    bar.setAttribute('fill', '#0b5cad');
    bar.setAttribute('data-status', status);
    bar.setAttribute('data-count', counts[i]);
    const value = document.createElementNS(ns, 'text');
    value.setAttribute('x', labelWidth + barWidth + 8);
    value.setAttribute('y', y + 23);
    value.textContent = String(counts[i]);
    svg.append(label, bar, value);
  });
  return svg;
}

async function showStats() {
  $('stats-message').textContent = 'Loading…';
  try {
    const stats = await api('GET', '/statistics');
    const figures = [
      ['Orders', String(stats.total_orders)],
      ['Revenue (excluding cancelled)', money(stats.total_revenue)],
      ['Customers', String(stats.unique_customers)],
    ];
    $('stats-figures').replaceChildren(...figures.map(([name, value]) => {
      const box = el('div');
      box.append(el('dt', {}, name), el('dd', {}, value));
      return box;
    }));
    $('stats-chart').replaceChildren(chart(stats.status_breakdown));
    $('stats-message').textContent = `As of ${new Date().toLocaleTimeString()}`;
  } catch (error) {
    if (error instanceof Unauthorized) return askForToken();
    $('stats-message').textContent = error.status === 403
      ? 'The statistics need an admin token.' : `Could not load the statistics: ${error.message}`;
  }
}

function route() {
  const stats = location.hash === '#stats';
  $('board').hidden = stats;
  $('stats').hidden = !stats;
  $('nav-board').toggleAttribute('aria-current', !stats);
  $('nav-stats').toggleAttribute('aria-current', stats);
  if (stats) {
    $('nav-stats').setAttribute('aria-current', 'page');
    showStats();
  } else {
    $('nav-board').setAttribute('aria-current', 'page');
  }
}

$('login').addEventListener('submit', (event) => {
  event.preventDefault();
  sessionStorage.setItem(TOKEN_KEY, $('token').value.trim());
  $('token').value = '';
  startLive();
  route();
});
$('stats-refresh').addEventListener('click', showStats);
window.addEventListener('hashchange', route);
// Ages move on even when nothing else changes.
setInterval(() => { if (lastBoard) render(lastBoard); }, 30000);

route();
startLive();
