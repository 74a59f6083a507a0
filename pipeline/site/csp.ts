/**
 * The site's Content-Security-Policy, as a <meta> in every page and as the header of the dev
 * server: everything from the site itself, no inline script at all (the pages' only script is
 * assets/site.js; specs ride in JSON data blocks, which never run), WebAssembly for pagefind's
 * search, and inline style attributes because vega's SVG carries them.
 */
export const contentSecurityPolicy = [
  "default-src 'self'",
  "script-src 'self' 'wasm-unsafe-eval'",
  "style-src 'self' 'unsafe-inline'",
  "img-src 'self' data:",
  "font-src 'self'",
  "connect-src 'self'",
  "object-src 'none'",
  "base-uri 'none'",
  "form-action 'self'",
].join('; ');
