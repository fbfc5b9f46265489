#!/usr/bin/env node
// answer.js writes what real Hexo (the versions package-lock.json pins) makes
// of each post of testdata/posts into testdata/hexo/NAME.json, the answer the
// Go conformance tests and ../shared/conformance/check.py judge us against.
//
//   npm ci --ignore-scripts --prefix tools/hexo-answer   # once
//   node tools/hexo-answer/answer.js                     # the posts without an answer
//   node tools/hexo-answer/answer.js NAME.md...          # these posts, again
//   node tools/hexo-answer/answer.js --all               # every post
//   node tools/hexo-answer/answer.js --posts DIR --out DIR
//
// Each post is read by its own Hexo site in its own process: a post that
// crashes Hexo, hangs it or fails to render cannot touch another's answer.
'use strict';

const fs = require('fs');
const os = require('os');
const path = require('path');
const { execFile } = require('child_process');

// Hexo colours its errors when it sees a terminal or a CI variable; an answer
// must not depend on where it was made. The children inherit this.
process.env.NO_COLOR = '1';
delete process.env.FORCE_COLOR;

const repo = path.resolve(__dirname, '..', '..');
const postExt = /\.(md|markdown|html|htm)$/i;
// A date or updated Hexo takes from the file is written as this instant, so
// that an answer does not depend on when the post was copied.
const fileTime = new Date('2000-01-02T03:04:05.000Z');
const timeoutMs = 120 * 1000;

function stem(name) {
  return name.replace(/\.[^.]+$/, '');
}

// ---- the parent: which posts, two at a time --------------------------------

async function main(argv) {
  let posts = path.join(repo, 'testdata', 'posts');
  let out = path.join(repo, 'testdata', 'hexo');
  let all = false;
  const named = [];
  for (let i = 0; i < argv.length; i++) {
    if (argv[i] === '--all') all = true;
    else if (argv[i] === '--posts') posts = path.resolve(argv[++i]);
    else if (argv[i] === '--out') out = path.resolve(argv[++i]);
    else if (argv[i].startsWith('-')) return usage(`unknown flag ${argv[i]}`);
    else named.push(path.basename(argv[i]));
  }
  const files = fs.readdirSync(posts).filter(n => postExt.test(n)).sort();
  const stems = new Map();
  for (const f of files) {
    if (stems.has(stem(f))) return usage(`${f} and ${stems.get(stem(f))} would write one ${stem(f)}.json`);
    stems.set(stem(f), f);
  }
  for (const n of named) {
    if (!files.includes(n)) return usage(`${n} is not a post of ${posts}`);
  }
  fs.mkdirSync(out, { recursive: true });
  const todo = files.filter(f => named.length ? named.includes(f)
    : all || !fs.existsSync(path.join(out, stem(f) + '.json')));
  let failed = 0;
  const next = async () => {
    for (let f; (f = todo.shift()) !== undefined;) {
      const err = await child(path.join(posts, f), path.join(out, stem(f) + '.json'));
      console.log(`${err ? 'FAIL' : 'ok  '} ${f}${err ? ': ' + err : ''}`);
      if (err) failed++;
    }
  };
  const total = todo.length;
  await Promise.all([next(), next()]);
  console.log(`${total} answers written to ${path.relative(process.cwd(), out) || '.'}, ${failed} where Hexo itself failed`);
  return 0;
}

function usage(msg) {
  console.error(`answer.js: ${msg}\nusage: node answer.js [--all] [--posts DIR] [--out DIR] [POST...]`);
  return 2;
}

// child runs one post; a crash or a timeout is written as the answer's
// error, as the conformance tests expect.
function child(post, answer) {
  return new Promise(resolve => {
    execFile(process.execPath, [__filename, '--one', post, answer],
      { env: { ...process.env, TZ: 'UTC' }, timeout: timeoutMs, maxBuffer: 64 << 20 },
      (err, stdout, stderr) => {
        if (!err) return resolve(null);
        const why = err.killed ? `no answer after ${timeoutMs / 1000} s` : stderr.trim().split('\n').slice(-3).join(' | ');
        write(answer, { tool: versions(), case: path.basename(post), error: why });
        resolve(why);
      });
  });
}

// ---- the child: one post, one Hexo site -----------------------------------

function versions() {
  const v = (name, from) => require(require.resolve(name + '/package.json', { paths: [from || __dirname] })).version;
  const hexoDir = path.dirname(require.resolve('hexo/package.json'));
  return {
    tool: 'tools/hexo-answer', node: process.version, hexo: v('hexo'),
    'hexo-front-matter': v('hexo-front-matter', hexoDir), 'hexo-util': v('hexo-util'),
    'hexo-renderer-marked': v('hexo-renderer-marked'),
    marked: v('marked', path.dirname(require.resolve('hexo-renderer-marked/package.json'))),
  };
}

function write(file, value) {
  fs.writeFileSync(file, JSON.stringify(value, null, 2) + '\n');
}

function kind(v) {
  if (v === null || v === undefined) return String(v);
  if (v instanceof Date || (typeof v === 'object' && v._isAMomentObject)) return 'date';
  if (Array.isArray(v)) return 'array';
  if (typeof v === 'number') {
    if (Number.isNaN(v)) return 'number:NaN';
    if (!Number.isFinite(v)) return v > 0 ? 'number:+Infinity' : 'number:-Infinity';
    return Number.isInteger(v) ? 'integer' : 'float';
  }
  return typeof v;
}

function iso(d) {
  if (d && d._isAMomentObject) d = d.toDate();
  if (!(d instanceof Date)) return null;
  return Number.isNaN(d.getTime()) ? 'Invalid Date' : d.toISOString();
}

// plain is v as JSON can hold it: dates as ISO text, NaN and the infinities
// as text, a cycle cut.
function plain(v, open = new Set()) {
  switch (kind(v)) {
    case 'undefined': case 'null': return null;
    case 'date': return iso(v);
    case 'bigint': return String(v);
    case 'number:NaN': return 'NaN';
    case 'number:+Infinity': return 'Infinity';
    case 'number:-Infinity': return '-Infinity';
    case 'function': return `[function ${v.name || 'anonymous'}]`;
    case 'array': case 'object': {
      if (open.has(v)) return '[circular]';
      open.add(v);
      const o = Array.isArray(v) ? v.map(x => plain(x, open))
        : Object.fromEntries(Object.keys(v).map(k => [k, plain(v[k], open)]));
      open.delete(v);
      return o;
    }
    default: return v;
  }
}

function message(e) {
  if (!e) return 'unknown error';
  const text = `${e.name && e.name !== 'Error' ? e.name + ': ' : ''}${e.message || e}`;
  return text.replace(/\x1b\[[0-9;]*m/g, '').trim();
}

// frontMatter is hexo-front-matter's split and parse, as Hexo runs them.
function frontMatter(fm, text) {
  const r = {};
  try {
    const s = fm.split(text);
    const content = s.content == null ? '' : s.content;
    r.split = {
      data: s.data ?? null, separator: s.separator ?? null, prefixSeparator: s.prefixSeparator ?? null,
      content_length: content.length, content_length_utf8: Buffer.byteLength(content), content,
    };
  } catch (e) {
    r.split = { error: message(e) };
  }
  try {
    const { _content: content, ...data } = fm.parse(text);
    r.parse = {
      data: plain(data), types: Object.fromEntries(Object.keys(data).map(k => [k, kind(data[k])])),
      content_length: typeof content === 'string' ? content.length : null,
      content_is_whole_file: content === text,
    };
  } catch (e) {
    r.parse = { error: message(e) };
  }
  return r;
}

// The keys of Hexo's Post model and processor; the rest is post.extra.
const modelKeys = new Set(('_id id title date updated comments layout _content source slug photos photo raw ' +
  'published content excerpt more categories category tags tag permalink __permalink link lang path ' +
  'full_source asset_dir').split(' '));

async function one(postFile, answerFile) {
  const name = path.basename(postFile);
  const bytes = fs.readFileSync(postFile);
  const text = bytes.toString('utf8');
  const hexoDir = path.dirname(require.resolve('hexo/package.json'));
  const hexoFs = require(require.resolve('hexo-fs', { paths: [hexoDir] }));
  const read = hexoFs.escapeFileContent(text); // CRLF to LF, the BOM gone: what Hexo's processor gets
  const answer = {
    tool: versions(), case: name,
    input: { bytes: bytes.length, utf16_length: text.length, has_bom: text.charCodeAt(0) === 0xfeff,
      has_crlf: text.includes('\r\n'), starts_with_blank_line: /^\r?\n/.test(text), hexo_read_changes_text: read !== text },
    frontmatter_hexo: frontMatter(require(require.resolve('hexo-front-matter', { paths: [hexoDir] })), read),
  };

  // A site as hexo init makes it (a package.json with a "hexo" key, or
  // _config.yml is ignored), with Hexo's defaults but the zone.
  const site = fs.mkdtempSync(path.join(os.tmpdir(), 'hexo-answer-'));
  const postsDir = path.join(site, 'source', '_posts');
  fs.mkdirSync(postsDir, { recursive: true });
  fs.writeFileSync(path.join(site, '_config.yml'), 'timezone: UTC\n');
  write(path.join(site, 'package.json'), { name: 'site', private: true, hexo: { version: versions().hexo } });
  const copy = path.join(postsDir, name);
  fs.writeFileSync(copy, bytes);
  fs.utimesSync(copy, fileTime, fileTime);
  // A birth time cannot be set on disk: the stat Hexo's processor reads the
  // post's times from gives it fileTime, so that a date Hexo takes from the
  // file (and the permalink made of it) is the same on every run.
  const stat = hexoFs.stat;
  hexoFs.stat = function (file, ...rest) { // Hexo needs the Bluebird promise hexo-fs returns
    return stat.call(this, file, ...rest).then(st => {
      if (path.resolve(String(file)) === copy) {
        for (const key of ['birthtime', 'mtime']) {
          Object.defineProperty(st, key, { value: new Date(fileTime), enumerable: true, configurable: true, writable: true });
          Object.defineProperty(st, key + 'Ms', { value: fileTime.getTime(), enumerable: true, configurable: true, writable: true });
        }
      }
      return st;
    });
  };

  // hexo-renderer-marked obfuscates mailto: links with Math.random: a fixed
  // sequence keeps the answer the same from run to run.
  let seed = 20210612;
  Math.random = () => (seed = (seed * 48271) % 2147483647) / 2147483647;

  const Hexo = require('hexo');
  const hexo = new Hexo(site, { silent: true });
  const log = [];
  for (const level of ['warn', 'error', 'fatal']) {
    const orig = hexo.log[level].bind(hexo.log);
    hexo.log[level] = (...all) => {
      const args = all.slice();
      const err = args[0] && typeof args[0] === 'object' ? args.shift().err : null;
      let msg = args.map(String).join(' ');
      if (typeof args[0] === 'string' && args[0].includes('%s')) {
        let i = 1;
        msg = args[0].replace(/%s/g, () => (i < args.length ? String(args[i++]) : '%s'));
      }
      // eslint-disable-next-line no-control-regex
      msg = msg.replace(/\x1b\[[0-9;]*m/g, '').split(site).join('<site>');
      log.push({ level, message: msg, error: err ? message(err).split(site).join('<site>') : null });
      return orig(...all);
    };
  }
  const p = {};
  try {
    await hexo.init();
    await hexo.loadPlugin(require.resolve('hexo-renderer-marked'));
    await hexo.load();
  } catch (e) {
    p.load_error = message(e).split(site).join('<site>');
  }
  answer.site_config = { config_loaded: !!hexo.env.init, timezone: hexo.config.timezone, url: hexo.config.url,
    permalink: hexo.config.permalink, new_post_name: hexo.config.new_post_name, updated_option: hexo.config.updated_option };
  answer.post = p;
  answer.hexo_log = log;

  const doc = hexo.model('Post').findOne({ source: `_posts/${name}` });
  if (!doc) {
    p.status = 'not_loaded';
    p.note = 'Hexo did not create a post for this file (see hexo_log)';
  } else {
    const listed = hexo.locals.get('posts').filter(x => x._id === doc._id).length > 0;
    p.status = listed ? 'published' : 'skipped';
    p.in_site_posts = listed;
    if (!listed) {
      p.skip_reason = doc.published === false
        ? 'published is false: hexo.locals posts excludes it (render_drafts is off)' : 'excluded from hexo.locals posts';
    }
    Object.assign(p, { source: doc.source, id: doc.id ?? null, slug: doc.slug, title: doc.title, title_type: kind(doc.title) });
    const when = (d, fromFile) => !d ? [null, 'none'] : [iso(d), d.valueOf() === fileTime.getTime() ? fromFile : 'frontmatter'];
    [p.date, p.date_source] = when(doc.date, 'file_birthtime');
    [p.updated, p.updated_source] = when(doc.updated, 'file_mtime');
    const Category = hexo.model('Category');
    p.categories = doc.categories.map(c => {
      const chain = [];
      for (const seen = new Set(); c && !seen.has(c._id); c = c.parent ? Category.findById(c.parent) : null) {
        seen.add(c._id);
        chain.unshift(c.name);
      }
      return chain;
    });
    p.tags = doc.tags.map(t => t.name);
    Object.assign(p, {
      layout: doc.layout ?? null, comments: doc.comments ?? null, published: doc.published ?? null,
      photos: plain(doc.photos || []), link: plain(doc.link),
    });
    try { p.path = doc.path; } catch (e) { p.path = null; p.path_error = message(e); }
    try { p.permalink = doc.permalink; } catch (e) { p.permalink = null; p.permalink_error = message(e); }
    Object.assign(p, {
      permalink_frontmatter: plain(doc.__permalink), lang: plain(doc.lang),
      excerpt: doc.excerpt === undefined ? null : plain(doc.excerpt), more: doc.more === undefined ? null : plain(doc.more),
      content: doc.content === undefined ? null : plain(doc.content), rendered: typeof doc.content === 'string',
      extra: {}, extra_types: {},
    });
    for (const k of Object.keys(doc)) {
      if (!modelKeys.has(k) && typeof doc[k] !== 'function') {
        p.extra[k] = plain(doc[k]);
        p.extra_types[k] = kind(doc[k]);
      }
    }
  }

  // hexo-util 4.0.0 over what Hexo rendered
  const util = require('hexo-util');
  const u = {};
  answer.util = u;
  const attempt = (key, f) => { try { u[key] = f() ?? null; } catch (e) { u[key] = { error: message(e) }; } };
  if (doc && typeof doc.content === 'string') {
    attempt('toc', () => util.tocObj(doc.content, { min_depth: 1, max_depth: 6 }));
    attempt('strip_html', () => util.stripHTML(doc.content));
    if (typeof u.strip_html === 'string') attempt('truncate_140', () => util.truncate(u.strip_html, { length: 140 }));
    if (typeof doc.excerpt === 'string') attempt('strip_html_excerpt', () => util.stripHTML(doc.excerpt));
  } else {
    u.note = 'no rendered content';
  }
  if (doc && typeof doc.title === 'string') {
    attempt('slugize_title', () => util.slugize(doc.title));
    attempt('slugize_title_lower', () => util.slugize(doc.title, { transform: 1 }));
  } else {
    u.slugize_title = null;
  }
  write(answerFile, answer);
  fs.rmSync(site, { recursive: true, force: true });
}

if (process.argv[2] === '--one') {
  if (process.env.TZ !== 'UTC') {
    console.error('answer.js: a post is read with TZ=UTC (the parent sets it)');
    process.exit(3);
  }
  one(process.argv[3], process.argv[4]).then(() => process.exit(0), e => {
    console.error(e && e.stack || String(e));
    process.exit(1);
  });
} else {
  main(process.argv.slice(2)).then(code => process.exit(code), e => {
    console.error(e && e.stack || String(e));
    process.exit(1);
  });
}
