// What the signed-in pages (/desk, /console) share, loaded before each page's own script: building
// elements, and calling the desk's JSON API. Plain DOM, no framework.
'use strict';

/** An element with attributes (`on…` are listeners, `text` its text) and children (nodes or text). */
function el(tag, attrs = {}, ...children) {
  const node = document.createElement(tag);
  for (const [k, v] of Object.entries(attrs)) {
    if (v === undefined || v === null || v === false) continue;
    if (k.startsWith('on')) node.addEventListener(k.slice(2), v);
    else if (k === 'text') node.textContent = v;
    else node.setAttribute(k, v === true ? '' : String(v));
  }
  for (const c of children.flat()) if (c !== null && c !== undefined && c !== false) node.append(c instanceof Node ? c : document.createTextNode(String(c)));
  return node;
}

/**
 * A JSON request to the desk with the page's session cookie; a refusal throws an error with its
 * status, body and Retry-After. `onSignedOut` runs on a 401 (the session ended).
 */
async function requestJson(method, url, body, onSignedOut) {
  const res = await fetch(url, {
    method,
    credentials: 'same-origin',
    headers: body ? { 'Content-Type': 'application/json' } : {},
    body: body ? JSON.stringify(body) : undefined,
  });
  const data = await res.json().catch(() => ({}));
  if (res.status === 401 && onSignedOut) onSignedOut();
  if (!res.ok) throw Object.assign(new Error(data.error || String(res.status)), { status: res.status, data, retryAfter: res.headers.get('Retry-After') });
  return data;
}

/**
 * Wires the page's sign-in form (signInPage.ts): the id and password go to `url`, then
 * `signedIn()` runs; a refusal shows `refusal(error)` under the form. Returns the form.
 */
function onSignIn(url, signedIn, refusal) {
  const form = document.getElementById('sign-in');
  form.addEventListener('submit', async (e) => {
    e.preventDefault();
    const error = document.getElementById('sign-in-error');
    error.textContent = '';
    try {
      await requestJson('POST', url, { id: form.elements.id.value, password: form.elements.password.value });
      form.elements.password.value = '';
      await signedIn();
    } catch (err) {
      error.textContent = refusal(err);
    }
  });
  return form;
}
