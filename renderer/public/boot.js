// Replaced by the HTTP server with the caller's session status (browser mode); empty in the desktop app.
window.__LEDGER_BOOT__ = null;
