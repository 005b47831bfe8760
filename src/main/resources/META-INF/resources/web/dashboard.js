// The negotiation page's live grid. The server renders the grid; this module only swaps in a fresh
// copy of it (GET .../grid, answered 304 while nothing changed) when the as_of slider moves or the
// change stream says something was recorded. Every refresh fetches the whole grid, so a dropped
// connection misses nothing: the browser reconnects with Last-Event-ID, and each (re)open refreshes.

const form = document.getElementById('as-of-form');
const slider = document.getElementById('as-of-slider');
const dateInput = document.getElementById('as-of-date');
const label = document.getElementById('as-of-label');
const live = document.getElementById('live-status');
const first = Date.parse(form.dataset.first + 'T00:00:00Z');
const days = Number(form.dataset.days);
const DAY = 86400000;

// The types that can change a matrix; others (webhooks, keys) never reach the grid.
const TYPES = ['position.changed', 'position.corrected', 'demand.created', 'demand.updated', 'demand.deleted',
  'demand.status_changed', 'negotiation.updated', 'party.updated', 'citation.updated', 'package.updated'];

let asOf = document.getElementById('grid').dataset.asOf || '';
// The ETag of the grid shown: a refresh sends it and gets a bodiless 304 while nothing changed.
let shownTag = '"' + form.dataset.gridTag + '"';
let running = null;
let again = false;

function dayAt(offset) {
  return new Date(first + offset * DAY).toISOString().slice(0, 10);
}

function describe(offset) {
  return offset >= days ? 'today' : dayAt(offset);
}

/** Fetches the grid for the current day and swaps it in; calls made meanwhile coalesce into one more. */
function refresh() {
  if (running) {
    again = true;
    return running;
  }
  running = (async () => {
    do {
      again = false;
      const day = asOf;
      const url = form.dataset.grid + (day ? '?as_of=' + encodeURIComponent(day) : '');
      const headers = { Accept: 'text/html' };
      if (shownTag) {
        headers['If-None-Match'] = shownTag;
      }
      const response = await fetch(url, { headers, credentials: 'same-origin', cache: 'no-store' });
      if (response.status === 304) {
        continue;
      }
      if (!response.ok) {
        throw new Error('grid answered ' + response.status);
      }
      const page = new DOMParser().parseFromString(await response.text(), 'text/html');
      const fresh = page.getElementById('grid');
      const shown = document.getElementById('grid');
      if (fresh && day === asOf) {
        shownTag = response.headers.get('ETag');
        // An unchanged grid stays in place, keeping the reader's focus and scroll within it.
        if (fresh.outerHTML !== shown.outerHTML) {
          shown.replaceWith(document.adoptNode(fresh));
        }
      } else {
        again = again || fresh !== null;
      }
    } while (again);
  })().catch((error) => {
    live.textContent = 'Could not refresh the grid (' + error.message + '); it will retry with the next change.';
  }).finally(() => {
    running = null;
  });
  return running;
}

function show(offset) {
  const text = describe(offset);
  label.textContent = text;
  slider.setAttribute('aria-valuetext', text);
}

slider.addEventListener('input', () => show(Number(slider.value)));
slider.addEventListener('change', () => {
  const offset = Number(slider.value);
  show(offset);
  asOf = offset >= days ? '' : dayAt(offset);
  shownTag = null;
  dateInput.value = asOf;
  history.replaceState(null, '', asOf ? '?as_of=' + asOf : location.pathname);
  refresh();
});

function connect() {
  const stream = new EventSource('/api/v1/changes/stream');
  stream.addEventListener('open', () => {
    live.textContent = 'Live: new stances appear here as they are recorded.';
    live.dataset.state = 'live';
    refresh();
  });
  for (const type of TYPES) {
    stream.addEventListener(type, () => refresh());
  }
  // The cursor fell out of the retention window: start afresh from the current grid.
  stream.addEventListener('reset', () => {
    stream.close();
    refresh();
    connect();
  });
  stream.addEventListener('error', () => {
    live.dataset.state = 'reconnecting';
    live.textContent = 'Connection lost; reconnecting…';
    if (stream.readyState === EventSource.CLOSED) {
      window.setTimeout(connect, 3000);
    }
  });
}

connect();
