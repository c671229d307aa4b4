import { defineBackground } from '#imports';

// The offline write queue and its alarms will live here (a later issue). The
// service worker may die at any instant, so state goes to storage, never to
// module variables — and `main` stays synchronous, as WXT requires.
export default defineBackground(() => {});
