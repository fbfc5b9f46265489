// hexo-site.js: what real Hexo derives for every post of a site (slug, path,
// permalink, dates, categories, tags, the images of its HTML) and for every
// page, the ground truth of site_test.go.
//
//	NODE_PATH=tools/hexo-answer/node_modules TZ=ZONE node testdata/sites/hexo-site.js SITE > SITE.hexo.json
//
// ZONE is the site's timezone (UTC when it sets none): Hexo formats permalinks
// and drops YAML dates' offsets in the machine's zone, and with the two equal
// its answers are the ones the Go library gives on purpose.
// tools/hexo-answer holds the pinned Hexo 8.1.2 (npm ci there first).
// The site is copied to a temporary folder first (file times pinned to
// 2000-01-02T03:04:05Z), so Hexo's db.json and package.json never land in
// testdata.
'use strict';
const fs = require('fs');
const os = require('os');
const path = require('path');
const Hexo = require('hexo');

async function main() {
  const src = path.resolve(process.argv[2]);
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'hexo-site-'));
  fs.cpSync(src, dir, { recursive: true });
  // Pin file times, so that "updated" from mtime is reproducible.
  const pinned = new Date('2000-01-02T03:04:05Z');
  const pin = d => fs.readdirSync(d, { withFileTypes: true }).forEach(e => {
    const p = path.join(d, e.name);
    if (e.isDirectory()) pin(p); else fs.utimesSync(p, pinned, pinned);
  });
  pin(dir);
  fs.writeFileSync(path.join(dir, 'package.json'),
    JSON.stringify({ name: 'site', hexo: { version: require('hexo/package.json').version } }));
  const hexo = new Hexo(dir, { silent: true });
  await hexo.init();
  await hexo.loadPlugin(require.resolve('hexo-renderer-marked'));
  await hexo.load();
  const iso = d => (d && d.isValid && d.isValid() ? d.toISOString() : null);
  const posts = hexo.model('Post').toArray().map(p => ({
    source: p.source,
    slug: p.slug,
    path: p.path,
    permalink: p.permalink,
    date: iso(p.date),
    updated: iso(p.updated),
    published: p.published,
    lang: p.lang === undefined ? null : p.lang,
    categories: p.categories.map(c => c.slug),
    tags: p.tags.map(t => t.name),
    assets: hexo.model('PostAsset').filter(a => a.post === p._id).map(a => a.slug).sort(),
    images: [...(p.content || '').matchAll(/<img [^>]*?src="([^"]*)"/g)].map(m => m[1]),
  })).sort((a, b) => (a.source < b.source ? -1 : a.source > b.source ? 1 : 0));
  const categories = hexo.model('Category').toArray()
    .map(c => ({ slug: c.slug, name: c.name, count: c.length }))
    .sort((a, b) => (a.slug < b.slug ? -1 : 1));
  const tags = hexo.model('Tag').toArray()
    .map(t => ({ slug: t.slug, name: t.name, count: t.length }))
    .filter(t => t.count > 0)
    .sort((a, b) => (a.slug < b.slug ? -1 : 1));
  // A page without a front-matter date gets the file's change time, which
  // cannot be pinned: it is written null.
  const fm = require('hexo-front-matter');
  const pages = hexo.model('Page').toArray().map(p => ({
    source: p.source,
    path: p.path,
    permalink: p.permalink,
    title: p.title,
    date: fm.parse(p.raw).date ? iso(p.date) : null,
    updated: iso(p.updated),
    layout: p.layout,
    comments: p.comments,
    images: [...(p.content || '').matchAll(/<img [^>]*?src="([^"]*)"/g)].map(m => m[1]),
  })).sort((a, b) => (a.source < b.source ? -1 : a.source > b.source ? 1 : 0));
  // the files Hexo copies as they are (its Asset model), below source/
  const files = hexo.model('Asset').toArray().map(a => a._id.replace(/^source\//, '')).sort();
  process.stdout.write(JSON.stringify({ hexo: hexo.version, posts, categories, tags, pages, files }, null, 2) + '\n');
  fs.rmSync(dir, { recursive: true, force: true });
}
main().catch(e => { console.error(e); process.exit(1); });
