// Loaded first by the page under the WebKit smoke run (run.sh adds it to a copy of the
// bundle's index.html; it never ships). WebKitWebDriver exposes no console log, and
// MiniBrowser under automation does not print console messages, so this records what a
// console would show as an error, from the first script on: uncaught errors, unhandled
// rejections, Content-Security-Policy refusals, resources that failed to load, failed
// fetches and console.error calls. smoke.mjs reads window.__smokeErrors back.
(() => {
  const errors = [];
  window.__smokeErrors = errors;
  const text = (v) => (v instanceof Error ? `${v.name}: ${v.message}` : String(v));
  addEventListener(
    'error',
    (e) => {
      if (e.target && e.target !== window) {
        errors.push(`failed to load ${e.target.src || e.target.href || e.target.tagName}`);
      } else {
        errors.push(`uncaught ${text(e.error ?? e.message)} (${e.filename}:${e.lineno})`);
      }
    },
    true,
  );
  addEventListener('unhandledrejection', (e) => errors.push(`unhandled rejection: ${text(e.reason)}`));
  document.addEventListener('securitypolicyviolation', (e) =>
    errors.push(`CSP refused ${e.blockedURI || 'inline'} (${e.violatedDirective})`),
  );
  const fetch = window.fetch;
  window.fetch = function (...args) {
    return fetch.apply(window, args).then(
      (r) => {
        if (!r.ok) errors.push(`failed to load ${r.url}: HTTP ${r.status}`);
        return r;
      },
      (e) => {
        errors.push(`failed to fetch ${String(args[0]?.url ?? args[0])}: ${text(e)}`);
        throw e;
      },
    );
  };
  const consoleError = console.error;
  console.error = function (...args) {
    errors.push(`console.error: ${args.map(text).join(' ')}`);
    return consoleError.apply(this, args);
  };
})();
