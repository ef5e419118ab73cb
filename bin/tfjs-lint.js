#!/usr/bin/env node
'use strict';
// The tfjs-lint command; the code is built into out/ by `npm run build`.
// Cache V8's compiled code between runs: compiling the TypeScript library is the largest
// share of a short run (see `npm run bench`).
require('v8-compile-cache');
require('../out/server/src/cli/main.js').run();
