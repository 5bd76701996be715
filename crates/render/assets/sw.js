// The service worker of buurtagenda, served at /sw.js (scope /).
//
// It does two things only, so that the capture form opens without a connection:
// - keeps the embedded assets (stylesheet, fonts, scripts, icons) of this release;
// - keeps the last copy of the pages a team member needs on the street, `/werk` (when it is
//   the list of teams) and `/werk/{team}/nieuw`, fetched from the network first and from the
//   copy when offline; offline, `/werk` opens a kept capture form if it has no copy.
// Everything else, and every request that changes something, goes to the network untouched.
// Concerns noted offline are queued by capture.js in IndexedDB, not here.
//
// The server fills in ASSETS and VERSION: the hashed asset names change with every release,
// so a new release installs a new worker and drops the old assets.
"use strict";

const ASSETS = __ASSETS__;
const VERSION = "__VERSION__";
const ASSET_CACHE = "buurtagenda-assets-" + VERSION;
const PAGE_CACHE = "buurtagenda-pages";
const OFFLINE_PAGES = [/^\/werk$/, /^\/werk\/[^/]+\/nieuw$/];

self.addEventListener("install", (event) => {
  event.waitUntil(
    caches
      .open(ASSET_CACHE)
      .then((cache) => cache.addAll(ASSETS))
      .then(() => self.skipWaiting()),
  );
});

self.addEventListener("activate", (event) => {
  event.waitUntil(
    caches
      .keys()
      .then((keys) =>
        Promise.all(
          keys
            .filter((key) => key.startsWith("buurtagenda-assets-") && key !== ASSET_CACHE)
            .map((key) => caches.delete(key)),
        ),
      )
      .then(() => self.clients.claim()),
  );
});

function keptPage(url) {
  return OFFLINE_PAGES.some((pattern) => pattern.test(url.pathname));
}

// The app starts at /werk, which sends a member of one team on to that team's list (not
// kept: it holds the team's concerns). Without a connection the app opens on a kept
// capture form instead.
async function anyForm(cache) {
  const form = (await cache.keys()).find((request) => /^\/werk\/[^/]+\/nieuw$/.test(new URL(request.url).pathname));
  return form ? cache.match(form) : undefined;
}

async function networkFirst(request, url) {
  const cache = await caches.open(PAGE_CACHE);
  try {
    const response = await fetch(request);
    if (response.ok && !response.redirected) {
      await cache.put(url.pathname, response.clone());
    }
    return response;
  } catch (offline) {
    const kept = (await cache.match(url.pathname)) || (url.pathname === "/werk" ? await anyForm(cache) : undefined);
    if (kept) {
      return kept;
    }
    throw offline;
  }
}

async function cacheFirst(request) {
  const kept = await caches.match(request);
  return kept || fetch(request);
}

self.addEventListener("fetch", (event) => {
  const request = event.request;
  const url = new URL(request.url);
  if (url.origin !== self.location.origin) {
    return;
  }
  if (request.method === "POST" && (url.pathname === "/uitloggen" || url.pathname === "/inloggen")) {
    // Pages kept for one account are not shown to the next.
    event.waitUntil(caches.delete(PAGE_CACHE));
    return;
  }
  if (request.method !== "GET") {
    return;
  }
  if (url.pathname.startsWith("/assets/")) {
    event.respondWith(cacheFirst(request));
  } else if (request.mode === "navigate" && keptPage(url)) {
    event.respondWith(networkFirst(request, url));
  }
});
