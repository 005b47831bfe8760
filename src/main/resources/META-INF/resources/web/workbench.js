// The workbench forms write through the API itself, with the session cookie and the page's CSRF
// token: the same roles, If-Match and Idempotency-Key rules as any client. Every text from the
// server is set with textContent, never parsed as HTML.

const csrf = document.querySelector('meta[name="csrf-token"]').content;
const problems = document.getElementById('problems');

function send(method, url, body, headers) {
  return fetch(url, {
    method,
    credentials: 'same-origin',
    headers: { 'Content-Type': 'application/json', Accept: 'application/json', 'X-CSRF-Token': csrf, ...headers },
    body: JSON.stringify(body),
  });
}

/** The label of the field a JSON Pointer names ("/citations/0/quote" is the Quote field), or the pointer. */
function fieldName(pointer) {
  const field = document.getElementById((pointer || '').split('/').pop());
  return field?.labels?.[0]?.textContent || pointer || '';
}

/** What a problem code means for the analyst, said before the server's own detail. */
const plainly = {
  LINK_CYCLE: 'This link would go round in a circle: the other demand already leads back to this one through '
    + 'links of the same type, and a package cannot contain itself, nor a wording come after itself.',
};

function showProblem(problem) {
  problems.replaceChildren();
  if (problem.title) {
    const title = document.createElement('strong');
    title.textContent = problem.title;
    problems.append(title);
  }
  if (problem.code && plainly[problem.code]) {
    const plain = document.createElement('p');
    plain.textContent = plainly[problem.code];
    problems.append(plain);
  }
  const summary = document.createElement('p');
  summary.textContent = problem.detail || 'The request failed.';
  problems.append(summary);
  if (Array.isArray(problem.errors) && problem.errors.length) {
    const list = document.createElement('ul');
    for (const error of problem.errors) {
      const item = document.createElement('li');
      item.textContent = fieldName(error.pointer) + ': ' + error.message;
      list.append(item);
    }
    problems.append(list);
  }
  problems.hidden = false;
  problems.focus();
}

async function failed(response) {
  let problem;
  try {
    problem = await response.json();
  } catch {
    problem = { detail: 'The server answered ' + response.status + '.' };
  }
  showProblem(problem);
  return problem;
}

/** A new Idempotency-Key; getRandomValues, unlike randomUUID, works on plain http too. */
function freshKey() {
  return Array.from(crypto.getRandomValues(new Uint8Array(16)), (b) => b.toString(16).padStart(2, '0')).join('');
}

/** "OPEN_TO_DISCUSSION" reads "Open to discussion", as on the server-rendered pages. */
function label(status) {
  const words = status.replaceAll('_', ' ').toLowerCase();
  return words.charAt(0).toUpperCase() + words.slice(1);
}

function optional(target, name, value) {
  if (value !== null && value.trim() !== '') {
    target[name] = value;
  }
}

const stanceForm = document.getElementById('stance-form');
if (stanceForm) {
  const button = document.getElementById('record');
  const conflict = document.getElementById('conflict');
  let etag = null;

  // The ETag goes with the stance shown: what the analyst sees is what If-Match claims was read.
  const load = async () => {
    const response = await fetch(stanceForm.dataset.target, { headers: { Accept: 'application/json' }, cache: 'no-store' });
    etag = response.headers.get('ETag');
    const current = await response.json();
    const badge = document.getElementById('current-status');
    badge.textContent = label(current.status);
    badge.className = 'badge s-' + current.status.toLowerCase().replaceAll('_', '-');
    document.getElementById('current-since').textContent = current.effective_on;
    document.getElementById('current-by').textContent = current.recorded_by;
    stanceForm.dataset.loaded = 'true';
    return current;
  };

  const body = () => {
    const fields = new FormData(stanceForm);
    const stance = {
      status: fields.get('status'), effective_on: fields.get('effective_on'),
      effective_on_precision: fields.get('effective_on_precision'),
    };
    optional(stance, 'note', fields.get('note'));
    optional(stance, 'basis', fields.get('basis'));
    optional(stance, 'event_id', fields.get('event_id'));
    const ids = fields.getAll('citation_ids');
    if (ids.length) {
      stance.citation_ids = ids;
    }
    const quote = fields.get('quote');
    if (quote.trim() !== '') {
      const citation = {
        source_id: fields.get('source_id'), title: fields.get('title'), quote,
        kind: fields.get('kind'), relation: fields.get('relation'),
      };
      optional(citation, 'url', fields.get('url'));
      optional(citation, 'published_on', fields.get('published_on'));
      optional(citation, 'speaker', fields.get('speaker'));
      optional(citation, 'document_id', fields.get('document_id'));
      if (citation.document_id && fields.get('anchor_start') !== '') {
        citation.anchor = { start: Number(fields.get('anchor_start')) };
      }
      stance.citations = [citation];
    }
    return stance;
  };

  const record = async () => {
    button.disabled = true;
    problems.hidden = true;
    try {
      const response = await send('PUT', stanceForm.dataset.target, body(), { 'If-Match': etag });
      if (response.ok) {
        window.location.assign(stanceForm.dataset.done);
        return;
      }
      if (response.status === 412) {
        const theirs = await load();
        document.getElementById('conflict-status').textContent = label(theirs.status);
        document.getElementById('conflict-since').textContent = theirs.effective_on;
        document.getElementById('conflict-by').textContent = theirs.recorded_by;
        document.getElementById('conflict-at').textContent = theirs.recorded_at;
        document.getElementById('conflict-note').textContent = theirs.note || '';
        conflict.hidden = false;
        conflict.focus();
        return;
      }
      await failed(response);
    } catch (error) {
      showProblem({ detail: 'Parley could not be reached: ' + error.message });
    } finally {
      button.disabled = false;
    }
  };

  stanceForm.addEventListener('submit', (event) => {
    event.preventDefault();
    record();
  });
  document.getElementById('reapply').addEventListener('click', () => record());
  load();
  quoteFromDocument();
}

/** Code points in a string: the unit of the server's anchors (an emoji is one, not two). */
function codePoints(text) {
  let count = 0;
  for (const _ of text) {
    count++;
  }
  return count;
}

/** A textarea shows "\r\n" as "\n": the index in the held text of an index in the textarea. */
function heldIndex(held, index) {
  let at = 0;
  for (let shown = 0; shown < index; shown++, at++) {
    if (held[at] === '\r' && held[at + 1] === '\n') {
      at++;
    }
  }
  return at;
}

// The analyst picks a document and selects the quote in its held text; the selection fills the
// quote and its start, which chooses the place when the words occur more than once. The server
// still checks the quote against the text (QuoteMatcher), and its answer is shown as it is.
function quoteFromDocument() {
  const picker = document.getElementById('document_id');
  const pane = document.getElementById('document-pane');
  const text = document.getElementById('document-text');
  const selection = document.getElementById('selection');
  const quote = document.getElementById('quote');
  const start = document.getElementById('anchor_start');
  let held = '';

  // The citation describes the document chosen; a source stays as it was when the document names none.
  const fill = (id, value) => {
    if (value || id !== 'source_id') {
      document.getElementById(id).value = value || '';
    }
  };

  picker.addEventListener('change', async () => {
    const chosen = picker.selectedOptions[0];
    held = '';
    text.value = '';
    start.value = '';
    pane.hidden = true;
    selection.textContent = '';
    if (!chosen.value) {
      return;
    }
    fill('title', chosen.dataset.title);
    fill('source_id', chosen.dataset.source);
    fill('url', chosen.dataset.url);
    fill('published_on', chosen.dataset.published);
    if (chosen.dataset.held !== 'true') {
      selection.textContent = 'Parley does not hold this text: type the quote exactly.';
      return;
    }
    const response = await fetch('/api/v1/documents/' + encodeURIComponent(chosen.value) + '/text',
      { headers: { Accept: 'text/plain' } });
    if (!response.ok) {
      await failed(response);
      return;
    }
    held = await response.text();
    text.value = held;
    pane.hidden = false;
    picker.dataset.loaded = chosen.value;
  });

  const take = () => {
    let from = heldIndex(held, text.selectionStart);
    let to = heldIndex(held, text.selectionEnd);
    while (from < to && /\s/.test(held[from])) {
      from++;
    }
    while (to > from && /\s/.test(held[to - 1])) {
      to--;
    }
    if (from === to) {
      return;
    }
    quote.value = held.slice(from, to);
    const first = codePoints(held.slice(0, from));
    start.value = String(first);
    selection.textContent = 'Quote selected: characters ' + first + ' to ' + (first + codePoints(quote.value))
      + ' of the text.';
  };
  text.addEventListener('select', take);
  // Not readonly, which in Chromium leaves no caret to select with from the keyboard: edits are refused instead.
  text.addEventListener('beforeinput', (event) => event.preventDefault());
  text.addEventListener('input', () => {
    text.value = held.replaceAll('\r\n', '\n');
  });

  quote.addEventListener('input', () => {
    if (start.value !== '') {
      start.value = '';
      selection.textContent = 'Quote typed: Parley will look for these words anywhere in the text.';
    }
  });
}

/**
 * A form that creates one thing: its body is POSTed to data-target with the form's own Idempotency-Key
 * (one key per form shown until refused, so a second click replays the first answer instead of
 * creating twice), and a 201 goes to where the new thing shows.
 */
function creates(form, body, done) {
  const button = document.getElementById('create');
  form.addEventListener('submit', async (event) => {
    event.preventDefault();
    button.disabled = true;
    problems.hidden = true;
    const fields = new FormData(form);
    try {
      const response = await send('POST', form.dataset.target, body(fields),
        { 'Idempotency-Key': form.dataset.idempotencyKey });
      if (response.status === 201) {
        window.location.assign(done(fields));
        return;
      }
      const problem = await failed(response);
      // The server keeps a refusal under its key, so a corrected form needs a new one; a request
      // still running keeps it, and so does one lost on the way (above), which may have landed.
      if (problem.code !== 'IDEMPOTENCY_IN_PROGRESS') {
        form.dataset.idempotencyKey = freshKey();
      }
    } catch (error) {
      showProblem({ detail: 'Parley could not be reached: ' + error.message });
    } finally {
      button.disabled = false;
    }
  });
}

const demandForm = document.getElementById('demand-form');
if (demandForm) {
  creates(demandForm, (fields) => ({
    slug: fields.get('slug'), negotiation: fields.get('negotiation'), proposer: fields.get('proposer'),
    addressees: fields.getAll('addressees'), title: fields.get('title'), text: fields.get('text'),
    topic: fields.get('topic'), kind: fields.get('kind'), tabled_on: fields.get('tabled_on'),
  }), (fields) => '/demands/' + encodeURIComponent(fields.get('slug')));
}

const linkForm = document.getElementById('link-form');
if (linkForm) {
  creates(linkForm, (fields) => {
    const link = { type: fields.get('type'), target: fields.get('target') };
    optional(link, 'note', fields.get('note'));
    const ids = fields.getAll('citation_ids');
    if (ids.length) {
      link.citation_ids = ids;
    }
    return link;
  }, () => linkForm.dataset.done);
}

const eventForm = document.getElementById('event-form');
if (eventForm) {
  creates(eventForm, (fields) => {
    const round = {
      kind: fields.get('kind'), occurred_on: fields.get('occurred_on'),
      occurred_on_precision: fields.get('occurred_on_precision'), title: fields.get('title'),
      parties: fields.getAll('parties'),
    };
    optional(round, 'note', fields.get('note'));
    return round;
  }, () => eventForm.dataset.done);
}
