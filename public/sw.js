// The service worker: after the first visit the app opens with no network. It caches only the
// app's own files, the exact list of this build, under a cache named after the build's hash;
// scripts/offline.mjs writes both into the copy at the site's root (dist/sw.js), so a new
// build is a new worker, which fetches the new files and deletes the old build's cache.
// Requests for anything else, and anything not a GET on this origin, are never touched.
const VERSION = '__MERIDIAN_BUILD__';
const FILES = [/* __MERIDIAN_FILES__ */];
const PREFIX = 'meridian-';
const CACHE = PREFIX + VERSION;
const SCOPE = new URL(self.registration.scope);
const OWN = new Set(FILES.map((f) => new URL(f, SCOPE).pathname));
const INDEX = new URL('index.html', SCOPE).pathname;

self.addEventListener('install', (event) => {
  event.waitUntil((async () => {
    const cache = await caches.open(CACHE);
    // `no-cache`: the HTTP cache may hold a file of an older build (names carry no hash), so
    // each is checked with the server, which answers 304 without a body when it is unchanged:
    // the first visit does not download the app twice.
    await cache.addAll(FILES.map((f) => new Request(new URL(f, SCOPE), { cache: 'no-cache' })));
    // The open page has already loaded its files; the next visit opens the new build.
    await self.skipWaiting();
  })());
});

self.addEventListener('activate', (event) => {
  event.waitUntil((async () => {
    for (const name of await caches.keys()) {
      if (name.startsWith(PREFIX) && name !== CACHE) await caches.delete(name);
    }
    await self.clients.claim();
  })());
});

self.addEventListener('fetch', (event) => {
  const request = event.request;
  const url = new URL(request.url);
  if (request.method !== 'GET' || url.origin !== SCOPE.origin) return;
  const root = url.pathname === SCOPE.pathname;
  if (OWN.has(url.pathname) || root) {
    // The page itself at the scope's root is index.html; a plan link's #plan=... fragment
    // never reaches the server or this worker, so the app reads it from the cached page.
    const path = root ? INDEX : url.pathname;
    event.respondWith(fromCache(path, request));
  } else if (request.mode === 'navigate') {
    // Another page on this origin: the network, or the app when there is none.
    event.respondWith(fetch(request).catch(() => fromCache(INDEX, request)));
  }
});

async function fromCache(path, request) {
  const cached = await caches.match(new URL(path, SCOPE).href, { cacheName: CACHE });
  return cached ?? fetch(request);
}
