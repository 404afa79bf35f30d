/**
 * dotenv-lite
 * Copyright (c) 2021 Paper Lantern
 * Released under the MIT License.
 */
'use strict';

const LINE = /^\s*(?:export\s+)?([A-Za-z_][A-Za-z0-9_.-]*)\s*=\s*(.*)?$/;

const ESCAPES = { n: '\n', r: '\r', t: '\t', '"': '"', '\\': '\\' };

function unquote(raw) {
  const value = raw.trim();
  if (value.length >= 2 && value[0] === "'" && value.endsWith("'")) {
    return value.slice(1, -1);
  }
  if (value.length >= 2 && value[0] === '"' && value.endsWith('"')) {
    return value.slice(1, -1).replace(/\\([nrt"\\])/g, (_, ch) => ESCAPES[ch]);
  }
  // Unquoted values may carry a trailing comment: FOO=bar # explanation
  const hash = value.search(/\s#/);
  return (hash === -1 ? value : value.slice(0, hash)).trim();
}

/**
 * Parse the text of a .env file into a plain object.
 * Later assignments win; lines that are not assignments are ignored.
 *
 * @param {string} src
 * @returns {Record<string, string>}
 */
function parse(src) {
  const out = Object.create(null);
  const lines = String(src).replace(/\r\n?/g, '\n').split('\n');
  for (const line of lines) {
    if (!line.trim() || line.trimStart().startsWith('#')) continue;
    const match = LINE.exec(line);
    if (!match) continue;
    out[match[1]] = unquote(match[2] || '');
  }
  return out;
}

/**
 * Copy parsed values into `env` (usually process.env). Existing keys are left
 * alone unless `override` is set. Returns the keys that were written.
 */
function populate(env, parsed, { override = false } = {}) {
  const applied = [];
  for (const [key, value] of Object.entries(parsed)) {
    if (!override && Object.prototype.hasOwnProperty.call(env, key)) continue;
    env[key] = value;
    applied.push(key);
  }
  return applied;
}

module.exports = { parse, populate, unquote };
