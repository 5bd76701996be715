// Offline capture for the form at /werk/{team}/nieuw (form[data-offline]).
//
// Without this script the form is a plain HTML form and works online. With it, every concern
// is first put in a queue on the phone (IndexedDB), then sent; when there is no connection it
// stays in the queue and is sent when the connection returns (the `online` event, a retry
// every 20 seconds, opening the page again, or the "send now" button). Each concern carries
// the form's client_id, made on the phone, so sending it twice stores it once.
//
// Messages come from the page (data-msg-* attributes), in the page's language. Text typed by
// people is only ever put in the page as text (textContent), never as HTML.
"use strict";

(() => {
  const form = document.querySelector("form[data-offline]");
  if (!form || !("indexedDB" in window)) {
    return;
  }
  if ("serviceWorker" in navigator) {
    const firstVisit = !navigator.serviceWorker.controller;
    navigator.serviceWorker
      .register("/sw.js", { scope: "/" })
      .then(() => navigator.serviceWorker.ready)
      .then(() => {
        // On the first visit the worker did not see this page come in: keep it now, so that
        // the form opens next time without a connection.
        if (firstVisit && "caches" in window) {
          return caches.open("buurtagenda-pages").then((cache) => cache.add(location.pathname));
        }
        return undefined;
      })
      .catch(() => {});
  }

  const box = document.getElementById("offline-queue");
  const status = document.getElementById("offline-status");
  const list = document.getElementById("offline-list");
  const sendNow = document.getElementById("offline-send");
  const account = form.dataset.account;
  const msg = (name, n) => (box.dataset["msg" + name] || "").replace("{n}", String(n));
  const RETRY_MS = 20000;

  // --- the queue ---------------------------------------------------------------------------

  function open() {
    return new Promise((resolve, reject) => {
      const request = indexedDB.open("buurtagenda", 1);
      request.onupgradeneeded = () => request.result.createObjectStore("queue", { keyPath: "client_id" });
      request.onsuccess = () => resolve(request.result);
      request.onerror = () => reject(request.error);
    });
  }

  async function store(mode, work) {
    const db = await open();
    return new Promise((resolve, reject) => {
      const tx = db.transaction("queue", mode);
      const result = work(tx.objectStore("queue"));
      tx.oncomplete = () => {
        db.close();
        resolve(result && "result" in result ? result.result : undefined);
      };
      tx.onerror = () => {
        db.close();
        reject(tx.error);
      };
    });
  }

  const put = (entry) => store("readwrite", (queue) => queue.put(entry));
  const remove = (id) => store("readwrite", (queue) => queue.delete(id));
  const mine = async () =>
    ((await store("readonly", (queue) => queue.getAll())) || [])
      .filter((entry) => entry.account === account)
      .sort((a, b) => a.saved_at - b.saved_at);

  // --- sending -----------------------------------------------------------------------------

  function csrf() {
    return form.querySelector("input[name=csrf]").value;
  }

  // A page kept by the service worker may carry an old token: fetch the form once more.
  async function freshToken() {
    try {
      const response = await fetch(form.action, { credentials: "same-origin" });
      const page = new DOMParser().parseFromString(await response.text(), "text/html");
      const token = page.querySelector("form[data-offline] input[name=csrf]");
      if (token) {
        form.querySelector("input[name=csrf]").value = token.value;
        return true;
      }
    } catch (offline) {
      // still offline
    }
    return false;
  }

  // One attempt: "sent" (stored now or before), "invalid" (the server refused a field),
  // "signin" (the session ended), or "wait" (no connection, or try again later).
  async function send(entry, retried) {
    if (navigator.onLine === false) {
      // The phone knows it has no network: do not even try. (When it thinks it has one,
      // the attempt itself tells.)
      return { kind: "wait" };
    }
    const body = new URLSearchParams(entry.body);
    body.set("csrf", csrf());
    let response;
    try {
      response = await fetch(entry.action, {
        method: "POST",
        body,
        credentials: "same-origin",
        headers: { "Content-Type": "application/x-www-form-urlencoded" },
      });
    } catch (offline) {
      return { kind: "wait" };
    }
    const landed = new URL(response.url, location.href);
    const reference = landed.searchParams.get("opgeslagen") || landed.searchParams.get("eerder");
    if (response.ok && reference) {
      return { kind: "sent", reference };
    }
    if (response.status === 422) {
      return { kind: "invalid" };
    }
    if (landed.pathname === "/inloggen" || response.status === 401) {
      return { kind: "signin" };
    }
    if (response.status === 403 && !retried && (await freshToken())) {
      return send(entry, true);
    }
    return { kind: "wait" };
  }

  let busy = false;
  let timer = null;

  async function flush() {
    if (busy) {
      return;
    }
    busy = true;
    let note = "";
    try {
      for (const entry of await mine()) {
        if (entry.problem) {
          continue;
        }
        const result = await send(entry, false);
        if (result.kind === "sent") {
          await remove(entry.client_id);
          note = msg("Sent");
        } else if (result.kind === "invalid") {
          entry.problem = true;
          await put(entry);
        } else {
          note = result.kind === "signin" ? msg("Signin") : "";
          break;
        }
      }
    } finally {
      busy = false;
    }
    await show(note);
  }

  function schedule(waiting) {
    if (waiting && !timer) {
      timer = setInterval(flush, RETRY_MS);
    } else if (!waiting && timer) {
      clearInterval(timer);
      timer = null;
    }
  }

  // --- what the page shows -----------------------------------------------------------------

  function say(text) {
    const line = document.createElement("p");
    line.textContent = text;
    status.replaceChildren(line);
  }

  async function show(note) {
    const entries = await mine();
    const waiting = entries.filter((entry) => !entry.problem);
    list.replaceChildren(
      ...entries.map((entry) => {
        const item = document.createElement("li");
        const text = document.createElement("span");
        text.textContent = entry.summary;
        item.append(text);
        if (entry.problem) {
          const fix = document.createElement("button");
          fix.type = "button";
          fix.className = "link-button";
          fix.textContent = msg("Fix");
          fix.addEventListener("click", () => reopen(entry));
          item.append(" ", fix);
        }
        return item;
      }),
    );
    box.hidden = entries.length === 0;
    sendNow.hidden = waiting.length === 0;
    box.dataset.waiting = String(waiting.length);
    schedule(waiting.length > 0);
    const problems = entries.length - waiting.length;
    if (note === msg("Signin")) {
      say(note);
    } else if (waiting.length > 0) {
      say(msg("Waiting", waiting.length));
    } else if (problems > 0) {
      say(msg("Problem", problems));
    } else if (note) {
      say(note);
    }
  }

  // A concern the server refused: back into the form, sent the plain way, so the server's
  // page shows what is wrong with everything that was typed still there.
  async function reopen(entry) {
    await remove(entry.client_id);
    const values = new URLSearchParams(entry.body);
    for (const field of form.elements) {
      if (!field.name || field.name === "csrf") {
        continue;
      }
      if (field.type === "checkbox" || field.type === "radio") {
        field.checked = values.getAll(field.name).includes(field.value);
      } else if (values.has(field.name)) {
        field.value = values.get(field.name);
      }
    }
    form.submit();
  }

  function summary(fields) {
    const category = form.querySelector("[name=category]");
    const label = category && category.selectedIndex > 0 ? category.options[category.selectedIndex].text : "";
    const what = (fields.get("what") || fields.get("landmark") || "").trim();
    const short = what.length > 60 ? what.slice(0, 57) + "..." : what;
    const time = new Date().toLocaleTimeString(document.documentElement.lang, { hour: "2-digit", minute: "2-digit" });
    return time + " " + [label, short].filter(Boolean).join(": ");
  }

  function fresh() {
    form.reset();
    form.querySelector("input[name=client_id]").value = crypto.randomUUID();
    const first = form.querySelector("select, input:not([type=hidden]), textarea");
    if (first) {
      first.focus();
    }
  }

  form.addEventListener("submit", async (event) => {
    // The map's buttons (a click on the map, removing the point) only show the form again
    // with the point: the plain way, never into the queue.
    if (event.submitter && event.submitter.name.startsWith("kaart")) {
      return;
    }
    event.preventDefault();
    const fields = new FormData(form);
    const entry = {
      client_id: fields.get("client_id"),
      account,
      action: form.action,
      body: new URLSearchParams(fields).toString(),
      summary: summary(fields),
      saved_at: Date.now(),
    };
    try {
      await put(entry);
    } catch (full) {
      // No room on the phone: send the plain way.
      form.submit();
      return;
    }
    const result = await send(entry, false);
    if (result.kind === "invalid") {
      await remove(entry.client_id);
      form.submit();
      return;
    }
    if (result.kind === "sent") {
      await remove(entry.client_id);
    }
    fresh();
    await show(result.kind === "signin" ? msg("Signin") : "");
    if (result.kind === "sent") {
      say(msg("Saved").replace("{reference}", result.reference));
    }
  });

  sendNow.addEventListener("click", flush);
  window.addEventListener("online", flush);
  // A form kept by the service worker carries the id it had then: give it a new one.
  form.querySelector("input[name=client_id]").value = crypto.randomUUID();
  flush();
})();
