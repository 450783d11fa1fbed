module.exports = (s, n) => s.padStart(n);
