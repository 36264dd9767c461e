// The search page: sends the query to POST {PORTAFUNC_API}/v2/searchManipulate and shows the digest it returns.
// Everything from the server is put on the page as text nodes; the only elements made from a result are the
// <mark>s of its snippet and a link to its http(s) address.
'use strict';

(() => {
  const API = String(window.PORTAFUNC_API ?? '').replace(/\/+$/, '');
  const ENDPOINT = `${API}/v2/searchManipulate`;
  const TIMEOUT_MS = 30000;

  const form = document.getElementById('search');
  const input = document.getElementById('q');
  const message = document.getElementById('message');
  const results = document.getElementById('results');
  const summary = document.getElementById('summary');
  const items = document.getElementById('items');
  const classic = document.getElementById('classic');
  const numbers = new Intl.NumberFormat();

  /** The search in flight, aborted when another one starts. */
  let inFlight = null;

  function start() {
    form.addEventListener('submit', onSubmit);
    input.addEventListener('input', () => input.removeAttribute('aria-invalid'));
    window.addEventListener('popstate', runFromUrl);
    runFromUrl();
    input.focus();
    input.setSelectionRange(input.value.length, input.value.length);
  }

  function queryInUrl() {
    return new URLSearchParams(window.location.search).get('q') ?? '';
  }

  /** The address of this page for a query, so that it can be shared, bookmarked and reloaded. */
  function urlFor(query) {
    const url = new URL(window.location.href);
    url.hash = '';
    if (query) {
      url.searchParams.set('q', query);
    } else {
      url.searchParams.delete('q');
    }
    return url.toString();
  }

  function onSubmit(event) {
    event.preventDefault();
    const query = input.value;
    if (!query.trim()) {
      if (queryInUrl()) {
        window.history.replaceState(null, '', urlFor(''));
      }
      showEmptyQuery();
      return;
    }
    if (query === queryInUrl()) {
      window.history.replaceState(null, '', urlFor(query));
    } else {
      window.history.pushState(null, '', urlFor(query));
    }
    search(query);
  }

  /**
   * Runs the search the address names: on load, and on back and forward. An address that asks for a search with
   * nothing to search for (?q= or ?q=%20) gets the same message as the form would; one without q, a fresh page.
   */
  function runFromUrl() {
    const query = queryInUrl();
    input.value = query;
    if (query.trim()) {
      search(query);
    } else if (new URLSearchParams(window.location.search).has('q')) {
      showEmptyQuery();
    } else {
      abortInFlight();
      clear();
      setTitle('');
    }
  }

  function showEmptyQuery() {
    abortInFlight();
    clear();
    setTitle('');
    input.setAttribute('aria-invalid', 'true');
    showProblem({title: 'Nothing to search for', detail: 'Type a word or two, then press Enter.'});
    input.focus();
  }

  function abortInFlight() {
    if (inFlight) {
      inFlight.abort();
      inFlight = null;
    }
  }

  async function search(query) {
    abortInFlight();
    const controller = new AbortController();
    inFlight = controller;
    setTitle(query);
    classic.href = `${API}/v1/${encodeURIComponent(query)}`;
    message.replaceChildren();
    summary.textContent = 'Searching…';
    results.setAttribute('aria-busy', 'true');
    try {
      const response = await fetch(ENDPOINT, {
        method: 'POST',
        headers: {'Content-Type': 'application/json', Accept: 'application/json'},
        body: JSON.stringify({query}),
        signal: withTimeout(controller.signal),
      });
      const body = await readJson(response);
      if (inFlight !== controller) {
        return;
      }
      if (response.ok && body && Array.isArray(body.items)) {
        showDigest(body);
      } else {
        clear();
        showProblem(problemOf(response, body));
      }
    } catch (failure) {
      if (inFlight !== controller) {
        return; // replaced by a newer search
      }
      clear();
      showProblem(failure.name === 'TimeoutError'
        ? {title: 'No answer', detail: `The search did not answer within ${TIMEOUT_MS / 1000} s. Try again.`}
        : {title: 'Could not reach the search service',
          detail: 'Check your connection, then try again.'});
    } finally {
      if (inFlight === controller) {
        inFlight = null;
        results.removeAttribute('aria-busy');
      }
    }
  }

  function withTimeout(signal) {
    return typeof AbortSignal.any === 'function' ? AbortSignal.any([signal, AbortSignal.timeout(TIMEOUT_MS)]) : signal;
  }

  async function readJson(response) {
    const text = await response.text();
    try {
      return JSON.parse(text);
    } catch {
      return null;
    }
  }

  /** An RFC 9457 problem as the server sent it, or one made up from the status when the body is not one. */
  function problemOf(response, body) {
    const retryAfter = retryAfterSeconds(response.headers.get('Retry-After'));
    if (body && typeof body.title === 'string') {
      return {title: body.title, detail: typeof body.detail === 'string' ? body.detail : '', retryAfter};
    }
    return {
      title: `The search failed (HTTP ${response.status})`,
      detail: 'The server gave an answer this page does not understand.',
      retryAfter,
    };
  }

  /** Retry-After in seconds: a number of seconds, or an HTTP date. */
  function retryAfterSeconds(value) {
    if (!value) {
      return null;
    }
    if (/^\s*\d+\s*$/.test(value)) {
      return Number(value);
    }
    const date = Date.parse(value);
    return Number.isNaN(date) ? null : Math.max(1, Math.ceil((date - Date.now()) / 1000));
  }

  function showProblem({title, detail, retryAfter}) {
    // A new role="alert" element each time: screen readers announce it as it is inserted.
    const box = element('div', 'problem');
    box.setAttribute('role', 'alert');
    box.append(element('p', 'problem-title', element('strong', null, title)));
    if (detail) {
      box.append(element('p', 'problem-detail', detail));
    }
    if (retryAfter) {
      box.append(element('p', 'problem-retry', `Try again in ${retryAfter} s.`));
    }
    message.replaceChildren(box);
  }

  function showDigest(digest) {
    const list = digest.items.filter((item) => item && typeof item === 'object');
    summary.textContent = describe(digest, list.length);
    items.replaceChildren(...list.map(resultItem));
  }

  /** "10 of about 17 results for “spring” from local in 12 ms." */
  function describe(digest, count) {
    let text = count === 0 ? 'No results' : `${numbers.format(count)} ${count === 1 ? 'result' : 'results'}`;
    const total = Number(digest.totalResults);
    if (count > 0 && Number.isFinite(total) && total > count) {
      text = `${numbers.format(count)} of about ${numbers.format(total)} results`;
    }
    if (digest.query) {
      text += ` for “${digest.query}”`;
    }
    if (digest.provider) {
      text += ` from ${digest.provider}`;
    }
    if (Number.isFinite(digest.searchTimeMs)) {
      text += ` in ${numbers.format(digest.searchTimeMs)} ms`;
    }
    return `${text}.`;
  }

  function resultItem(item) {
    const li = element('li', 'result');
    const heading = element('h2', 'result-title');
    const title = text(item.title) || text(item.site) || text(item.url) || 'Untitled';
    const url = text(item.url);
    if (/^https?:\/\//i.test(url)) {
      const link = element('a', null, title);
      link.href = url;
      link.rel = 'noopener noreferrer nofollow';
      heading.append(link);
    } else {
      heading.append(title);
    }
    li.append(heading);
    if (text(item.site)) {
      li.append(element('p', 'result-site', item.site));
    }
    const snippet = element('p', 'result-snippet');
    snippet.append(...(typeof item.html === 'string' ? highlighted(item.html) : [text(item.text)]));
    li.append(snippet);
    return li;
  }

  /**
   * The snippet's HTML as nodes without parsing it as HTML: the server escapes everything and adds only <mark> and
   * </mark>, so those become elements and anything else that looks like a tag stays text.
   */
  function highlighted(html) {
    const nodes = [];
    let mark = null;
    let last = 0;
    const addText = (value) => {
      if (value) {
        const node = document.createTextNode(decodeEntities(value));
        if (mark) {
          mark.append(node);
        } else {
          nodes.push(node);
        }
      }
    };
    for (const tag of html.matchAll(/<(\/?)mark>/gi)) {
      const closing = tag[1] === '/';
      if (closing === (mark === null)) {
        continue; // a </mark> with none open, or a <mark> inside one: left as text
      }
      addText(html.slice(last, tag.index));
      last = tag.index + tag[0].length;
      if (closing) {
        nodes.push(mark);
        mark = null;
      } else {
        mark = document.createElement('mark');
      }
    }
    addText(html.slice(last));
    if (mark?.hasChildNodes()) {
      nodes.push(mark); // never closed: marked to the end
    }
    return nodes;
  }

  const NAMED = {amp: '&', lt: '<', gt: '>', quot: '"', apos: "'", nbsp: '\u00a0'};

  function decodeEntities(value) {
    return value.replace(/&(#x[0-9a-f]{1,6}|#[0-9]{1,7}|[a-z]+);/gi, (whole, name) => {
      if (name[0] !== '#') {
        return NAMED[name.toLowerCase()] ?? whole;
      }
      const code = name[1] === 'x' || name[1] === 'X' ? parseInt(name.slice(2), 16) : parseInt(name.slice(1), 10);
      return code > 0 && code <= 0x10ffff ? String.fromCodePoint(code) : whole;
    });
  }

  function clear() {
    summary.textContent = '';
    items.replaceChildren();
    message.replaceChildren();
    results.removeAttribute('aria-busy');
    input.removeAttribute('aria-invalid');
    classic.href = `${API}/v1`;
  }

  function setTitle(query) {
    document.title = query.trim() ? `${query.trim()} – Search` : 'Search';
  }

  function text(value) {
    return typeof value === 'string' ? value : '';
  }

  /** An element with a class and children; strings become text nodes. */
  function element(name, className, ...children) {
    const node = document.createElement(name);
    if (className) {
      node.className = className;
    }
    node.append(...children);
    return node;
  }

  start();
})();
