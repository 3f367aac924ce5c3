// The simulator page: several phone numbers chat with the bot side by side. Plain browser JS, no build step.
// Message text only ever reaches the page through textContent, never as HTML: what the bot or a person writes
// cannot inject markup.

const API = '/simulator/api';
const STORAGE_KEY = 'niryat-setu:simulator:panes';
const E164 = /^\+[1-9]\d{6,14}$/;
// WhatsApp shows up to three reply buttons; more choices (up to ten) become a list picker.
const MAX_REPLY_BUTTONS = 3;
const TYPING_TIMEOUT_MS = 15_000;
const ALERT_MS = 6_000;
const SUGGESTIONS = ['नमस्ते', 'hi', 'मेनू', 'मदद'];
const DEFAULT_PANES = [
  { phone: '+919800000001', label: 'Seller' },
  { phone: '+919800000002', label: 'Buyer' },
  { phone: '+919800000003', label: 'Admin' },
];

const timeFormat = new Intl.DateTimeFormat('en-IN', {
  timeZone: 'Asia/Kolkata',
  hour: 'numeric',
  minute: '2-digit',
  hour12: true,
});
const dayFormat = new Intl.DateTimeFormat('en-IN', { timeZone: 'Asia/Kolkata', day: 'numeric', month: 'short' });
const dayKey = new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Kolkata' });

/** "3:05 pm" today, "12 Mar, 3:05 pm" on another day, both in India's time. */
function formatTime(iso) {
  const date = new Date(iso);
  if (Number.isNaN(date.getTime())) return '';
  const time = timeFormat.format(date);
  return dayKey.format(date) === dayKey.format(new Date()) ? time : `${dayFormat.format(date)}, ${time}`;
}

function el(tag, props = {}, children = []) {
  const node = document.createElement(tag);
  for (const [key, value] of Object.entries(props)) {
    if (value === undefined || value === null || value === false) continue;
    if (key === 'text') node.textContent = value;
    else if (key === 'className') node.className = value;
    else if (key === 'dataset') Object.assign(node.dataset, value);
    else node.setAttribute(key, value === true ? '' : String(value));
  }
  for (const child of children) if (child) node.append(child);
  return node;
}

async function api(method, path, body) {
  const response = await fetch(`${API}${path}`, {
    method,
    headers: body ? { 'content-type': 'application/json' } : {},
    body: body ? JSON.stringify(body) : undefined,
  });
  const json = response.status === 204 ? {} : await response.json().catch(() => ({}));
  if (!response.ok) {
    // The API prefixes details with the channel's name ("simulator: text is required"); the person needs only the rest.
    const detail = typeof json.detail === 'string' ? json.detail.replace(/^simulator: /, '') : undefined;
    const error = new Error(detail || json.error || `HTTP ${response.status}`);
    error.status = response.status;
    throw error;
  }
  return json;
}

// ---- pane configuration, kept in the browser so edited numbers survive a reload ----

function loadPaneConfigs() {
  try {
    const saved = JSON.parse(localStorage.getItem(STORAGE_KEY) ?? 'null');
    if (Array.isArray(saved) && saved.length > 0 && saved.every((p) => E164.test(p?.phone ?? ''))) {
      return saved.map((p) => ({ phone: p.phone, label: typeof p.label === 'string' ? p.label : '' }));
    }
  } catch {
    // A broken saved value falls back to the defaults.
  }
  return DEFAULT_PANES.map((p) => ({ ...p }));
}

function savePaneConfigs() {
  try {
    localStorage.setItem(STORAGE_KEY, JSON.stringify(panes.map((p) => ({ phone: p.phone, label: p.label }))));
  } catch {
    // Private windows may refuse storage; the page still works for this visit.
  }
}

/** The next unused number after the highest one on the page, so "add number" never duplicates a pane. */
function nextPhone() {
  const highest = panes.reduce((max, p) => {
    const n = BigInt(p.phone.slice(1));
    return n > max ? n : max;
  }, 919800000000n);
  return `+${highest + 1n}`;
}

// ---- one pane: one phone number's chat ----

class Pane {
  constructor({ phone, label }) {
    this.phone = phone;
    this.label = label;
    /** Entry ids already on screen: history and the event stream may both deliver an entry. */
    this.seen = new Set();
    this.typingTimer = undefined;
    /** Bot messages shown so far; tells whether a reply beat the answer to the request that caused it. */
    this.repliesShown = 0;
    this.alertTimer = undefined;
    this.sheetOpener = undefined;
    this.root = this.build();
  }

  $(testId) {
    return this.root.querySelector(`[data-testid="${testId}"]`);
  }

  build() {
    const template = document.getElementById('pane-template');
    const root = template.content.firstElementChild.cloneNode(true);
    this.root = root;
    this.list = root.querySelector('.messages');
    this.body = root.querySelector('.chat-body');
    this.input = this.$('message-input');
    this.sheet = this.$('list-sheet');
    this.sheetRows = root.querySelector('.sheet-rows');
    this.sheetBackdrop = this.$('sheet-backdrop');

    const labelInput = this.$('label-input');
    const phoneInput = this.$('phone-input');
    labelInput.value = this.label;
    phoneInput.value = this.phone;
    labelInput.addEventListener('input', () => {
      this.label = labelInput.value.trim();
      this.updateIdentity();
      savePaneConfigs();
    });
    phoneInput.addEventListener('change', () => this.changePhone(phoneInput.value));
    phoneInput.addEventListener('keydown', (event) => {
      if (event.key === 'Enter') phoneInput.blur();
    });

    this.$('clear-chat').addEventListener('click', () => this.clear());
    this.$('remove-pane').addEventListener('click', () => removePane(this));

    const suggestions = root.querySelector('.suggestions');
    for (const text of SUGGESTIONS) {
      const chip = el('button', { type: 'button', className: 'chip', text, dataset: { testid: 'suggestion' } });
      chip.addEventListener('click', () => this.send(text));
      suggestions.append(chip);
    }

    root.querySelector('.composer').addEventListener('submit', (event) => {
      event.preventDefault();
      this.sendTyped();
    });
    this.input.addEventListener('keydown', (event) => {
      // Enter sends, Shift+Enter starts a new line; never while an input method is composing (Hindi keyboards).
      if (event.key === 'Enter' && !event.shiftKey && !event.isComposing) {
        event.preventDefault();
        this.sendTyped();
      }
    });
    this.input.addEventListener('input', () => this.autosize());

    this.$('sheet-close').addEventListener('click', () => this.closeSheet());
    this.sheetBackdrop.addEventListener('click', () => this.closeSheet());
    this.sheet.addEventListener('keydown', (event) => {
      if (event.key === 'Escape') this.closeSheet();
    });

    this.updateIdentity();
    return root;
  }

  updateIdentity() {
    const name = this.label || 'उपयोगकर्ता / User';
    this.root.dataset.testid = `pane-${this.phone}`;
    this.root.dataset.phone = this.phone;
    this.root.setAttribute('aria-label', `${name} ${this.phone}`);
    this.root.querySelector('.chat-sub').textContent = `${name} · ${this.phone}`;
    this.sheet.setAttribute('aria-label', `विकल्प चुनें / Choose an option (${name})`);
  }

  async changePhone(value) {
    const phone = value.replace(/[\s()-]/g, '');
    const phoneInput = this.$('phone-input');
    const valid = E164.test(phone);
    phoneInput.setAttribute('aria-invalid', String(!valid));
    this.$('phone-error').hidden = valid;
    if (!valid || phone === this.phone) return;
    phoneInput.value = phone;
    this.phone = phone;
    this.updateIdentity();
    savePaneConfigs();
    this.reset();
    await this.loadHistory();
  }

  async loadHistory() {
    const phone = this.phone;
    try {
      const { entries } = await api('GET', `/chats/${encodeURIComponent(phone)}`);
      // The number may have changed while the request was out.
      if (phone !== this.phone) return;
      for (const entry of entries) this.add(entry);
    } catch (error) {
      this.showAlert(`इतिहास नहीं मिला / Could not load the chat: ${error.message}`);
    }
  }

  reset() {
    this.seen.clear();
    this.list.replaceChildren();
    this.setTyping(false);
    this.closeSheet();
    this.updateEmpty();
  }

  async clear() {
    try {
      await api('DELETE', `/chats/${encodeURIComponent(this.phone)}`);
      this.reset();
      this.input.focus();
    } catch (error) {
      this.showAlert(`चैट साफ़ नहीं हुई / Could not clear the chat: ${error.message}`);
    }
  }

  sendTyped() {
    const text = this.input.value;
    if (text.trim() === '') return;
    this.input.value = '';
    this.autosize();
    this.send(text);
  }

  async send(text, choiceId) {
    const phone = this.phone;
    const repliesBefore = this.repliesShown;
    try {
      const sent = await api('POST', '/messages', { from: phone, text, ...(choiceId ? { choiceId } : {}) });
      // Shown at once, with the server's time (the browser's clock may differ); the same entry arriving on the
      // event stream is recognised by its id.
      const at = sent.at ?? new Date().toISOString();
      if (phone === this.phone) this.add({ id: sent.id, phone, direction: 'in', text, at });
      // The reply can arrive on the event stream before this answer does: then the bot is no longer "typing".
      if (this.repliesShown === repliesBefore) this.setTyping(true);
    } catch (error) {
      if (phone === this.phone && choiceId === undefined && this.input.value === '') this.input.value = text;
      this.showAlert(`संदेश नहीं गया / Message not sent: ${error.message}`);
    }
  }

  add(entry) {
    if (!entry || typeof entry.id !== 'string' || this.seen.has(entry.id)) return;
    this.seen.add(entry.id);
    const stick = this.isNearBottom();
    const item = entry.direction === 'in' ? this.inBubble(entry) : this.outBubble(entry);
    this.insertInOrder(item);
    if (entry.direction === 'out') {
      this.repliesShown += 1;
      this.setTyping(false);
    }
    this.updateEmpty();
    if (stick || entry.direction === 'in') this.scrollToBottom();
  }

  /** By time, so that history loaded after a live entry still lands above it. */
  insertInOrder(item) {
    const at = item.dataset.at;
    let before = null;
    for (let node = this.list.lastElementChild; node; node = node.previousElementSibling) {
      if (node.dataset.at <= at) break;
      before = node;
    }
    this.list.insertBefore(item, before);
  }

  inBubble(entry) {
    return el('li', { className: 'msg msg-in', dataset: { testid: 'bubble-in', id: entry.id, at: entry.at } }, [
      el('div', { className: 'bubble' }, [
        el('span', { className: 'sr-only', text: 'आप / You: ' }),
        el('p', { className: 'text', text: entry.text }),
        this.meta(entry, true),
      ]),
    ]);
  }

  outBubble(entry) {
    const choices = Array.isArray(entry.choices) ? entry.choices : [];
    const bubble = el('div', { className: 'bubble' }, [
      el('span', { className: 'sr-only', text: 'निर्यात सेतु / Niryat Setu: ' }),
      el('p', { className: 'text', text: entry.text }),
      this.meta(entry, false),
    ]);
    const item = el('li', { className: 'msg msg-out', dataset: { testid: 'bubble-out', id: entry.id, at: entry.at } }, [
      bubble,
    ]);
    if (choices.length > 0 && choices.length <= MAX_REPLY_BUTTONS) {
      item.append(
        el(
          'div',
          { className: 'reply-buttons', role: 'group', 'aria-label': 'जवाब चुनें / Quick replies' },
          choices.map((choice) => this.choiceButton(choice, 'reply-button')),
        ),
      );
    } else if (choices.length > MAX_REPLY_BUTTONS) {
      const opener = el('button', { type: 'button', className: 'list-button', dataset: { testid: 'list-button' } }, [
        el('span', { className: 'list-icon', 'aria-hidden': 'true', text: '☰' }),
        el('span', { text: 'विकल्प देखें / View options' }),
      ]);
      opener.setAttribute('aria-haspopup', 'dialog');
      opener.addEventListener('click', () => this.openSheet(choices, opener));
      bubble.append(opener);
    }
    return item;
  }

  meta(entry, sent) {
    return el('span', { className: 'meta' }, [
      el('time', { datetime: entry.at, text: formatTime(entry.at) }),
      sent ? el('span', { className: 'ticks', 'aria-hidden': 'true', text: '✓✓' }) : null,
    ]);
  }

  choiceButton(choice, className) {
    const button = el('button', {
      type: 'button',
      className,
      dataset: { testid: `choice-${choice.id}`, choiceId: choice.id },
    });
    if (className === 'sheet-row') {
      button.append(
        el('span', { className: 'row-text' }, [
          el('span', { className: 'row-title', text: choice.title }),
          choice.description ? el('span', { className: 'row-description', text: choice.description }) : null,
        ]),
        el('span', { className: 'row-radio', 'aria-hidden': 'true' }),
      );
    } else {
      button.textContent = choice.title;
    }
    button.addEventListener('click', () => {
      this.closeSheet();
      this.send(choice.title, choice.id);
    });
    return button;
  }

  openSheet(choices, opener) {
    this.sheetOpener = opener;
    this.sheetRows.replaceChildren(...choices.map((choice) => el('li', {}, [this.choiceButton(choice, 'sheet-row')])));
    this.sheet.hidden = false;
    this.sheetBackdrop.hidden = false;
    this.sheetRows.querySelector('button')?.focus();
  }

  closeSheet() {
    if (this.sheet.hidden) return;
    this.sheet.hidden = true;
    this.sheetBackdrop.hidden = true;
    this.sheetRows.replaceChildren();
    this.sheetOpener?.focus();
    this.sheetOpener = undefined;
  }

  setTyping(on) {
    clearTimeout(this.typingTimer);
    this.$('typing').hidden = !on;
    if (on) {
      this.scrollToBottom();
      this.typingTimer = setTimeout(() => this.setTyping(false), TYPING_TIMEOUT_MS);
    }
  }

  showAlert(message) {
    const alert = this.$('pane-alert');
    alert.textContent = message;
    alert.hidden = false;
    clearTimeout(this.alertTimer);
    this.alertTimer = setTimeout(() => {
      alert.hidden = true;
    }, ALERT_MS);
  }

  updateEmpty() {
    this.$('empty').hidden = this.list.childElementCount > 0;
  }

  isNearBottom() {
    return this.body.scrollHeight - this.body.scrollTop - this.body.clientHeight < 80;
  }

  scrollToBottom() {
    this.body.scrollTop = this.body.scrollHeight;
  }

  autosize() {
    this.input.style.height = 'auto';
    this.input.style.height = `${Math.min(this.input.scrollHeight, 140)}px`;
  }
}

// ---- the page ----

const panes = [];
const container = document.querySelector('[data-testid="panes"]');

function addPane(config) {
  const pane = new Pane(config);
  panes.push(pane);
  container.append(pane.root);
  updateRemoveButtons();
  pane.loadHistory();
  return pane;
}

function removePane(pane) {
  if (panes.length <= 1) return;
  panes.splice(panes.indexOf(pane), 1);
  pane.root.remove();
  updateRemoveButtons();
  savePaneConfigs();
}

function updateRemoveButtons() {
  for (const pane of panes) pane.$('remove-pane').hidden = panes.length <= 1;
}

function setConnection(state) {
  const badge = document.querySelector('[data-testid="connection"]');
  badge.dataset.state = state;
  badge.querySelector('.connection-text').textContent =
    state === 'open'
      ? 'जुड़ा हुआ / Live'
      : state === 'error'
        ? 'फिर से जुड़ रहा है… / Reconnecting…'
        : 'जुड़ रहा है… / Connecting…';
}

/** One stream for every pane; EventSource reconnects by itself, and each (re)connection re-reads the chats so nothing
 * published while disconnected is missed. */
function listen() {
  const events = new EventSource(`${API}/events`);
  events.addEventListener('open', () => {
    setConnection('open');
    for (const pane of panes) pane.loadHistory();
  });
  events.addEventListener('error', () => setConnection('error'));
  events.addEventListener('message', (event) => {
    let entry;
    try {
      entry = JSON.parse(event.data);
    } catch {
      return;
    }
    for (const pane of panes) if (pane.phone === entry.phone) pane.add(entry);
  });
}

function start() {
  for (const config of loadPaneConfigs()) addPane(config);
  document.querySelector('[data-testid="add-pane"]').addEventListener('click', () => {
    const pane = addPane({ phone: nextPhone(), label: `User ${panes.length + 1}` });
    savePaneConfigs();
    pane.root.scrollIntoView({ behavior: 'smooth', block: 'nearest', inline: 'nearest' });
    pane.input.focus();
  });
  listen();
}

start();
