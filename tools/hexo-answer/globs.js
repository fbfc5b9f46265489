// globs.js writes what micromatch (the version Hexo 8.1.2 uses, for
// skip_render, include and exclude) answers for patterns and paths, the
// table glob_test.go checks glob.go against:
//
//   node tools/hexo-answer/globs.js > testdata/globs/micromatch.json
'use strict';
const mm = require('micromatch');
const pats = ['README.md','demo/**','**/*.md','*.html','a/*/c.md','docs/{x,y}/*.md','?.md','[ab].md','[!ab].md','**','*','.hidden/**','!demo/**','lib/**/*.js','a/**/b.md','a\\*.md','_data/**','**/_x.md','{0','{a','{a,b','{a,b}}','{a,{b,c}}','{a,b}{c','x{a,b'];
const paths = ['README.md','demo/a.md','demo/x/y.md','x/README.md','a.md','b.md','c.md','x.html','a/b/c.md','a/b/d/c.md','docs/x/1.md','docs/z/1.md','.hidden/a.md','.a.md','a/.b.md','lib/x.js','lib/a/b/x.js','a/b.md','a/x/b.md','a/x/y/b.md','a*.md','_data/x.md','q/_x.md','demo','ab.md','{0','0','{a','a','{a,b','a}','b','ac','{c','a{c','x{a,b','xa'];
const out=[];
for (const p of pats) for (const s of paths) out.push([p,s,mm.isMatch(s,p)]);
process.stdout.write(JSON.stringify(out.map(([pattern, path, match]) => ({ pattern, path, match })), null, 1) + '\n');
