/* The service worker: keeps the offline page and the site's own assets, and shows the offline page when a
   page cannot be reached. Pages themselves and the API are never kept: they are private to who asked. */
"use strict";
const CACHE = "openhour-{{ version }}";
const OFFLINE = {{ offline|safe }};
const ASSETS = {{ assets|safe }};
const STATIC_PREFIX = {{ static_prefix|safe }};
const IMMUTABLE = {{ immutable|safe }};

self.addEventListener("install", (event) => {
  event.waitUntil(caches.open(CACHE).then((cache) => cache.addAll(ASSETS)).then(() => self.skipWaiting()));
});

self.addEventListener("activate", (event) => {
  const old = (key) => key.startsWith("openhour-") && key !== CACHE;
  event.waitUntil(
    caches.keys().then((keys) => Promise.all(keys.filter(old).map((key) => caches.delete(key))))
      .then(() => self.clients.claim())
  );
});

function offlinePage() {
  return caches.match(OFFLINE).then((page) => page || Response.error());
}

function keep(request, response) {
  if (response.ok && response.type === "basic") {
    const copy = response.clone();
    caches.open(CACHE).then((cache) => cache.put(request, copy));
  }
  return response;
}

function asset(request) {
  const fetched = () => fetch(request).then((response) => keep(request, response));
  if (IMMUTABLE) {
    return caches.match(request).then((hit) => hit || fetched());
  }
  return fetched().catch(() => caches.match(request).then((hit) => hit || Response.error()));
}

self.addEventListener("fetch", (event) => {
  const request = event.request;
  const url = new URL(request.url);
  if (request.method !== "GET" || url.origin !== self.location.origin) {
    return;
  }
  if (request.mode === "navigate") {
    event.respondWith(fetch(request).catch(offlinePage));
  } else if (url.pathname.startsWith(STATIC_PREFIX) || ASSETS.includes(url.pathname + url.search)) {
    event.respondWith(asset(request));
  }
});
