// Puppeteer's own Chrome download cannot work here: the browser comes from the system
// (see pipeline/bootstrap.mjs), so the install step must never try to fetch one.
module.exports = { skipDownload: true };
