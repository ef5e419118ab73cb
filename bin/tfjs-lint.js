#!/usr/bin/env node
'use strict';
// The tfjs-lint command; the code is built into out/ by `npm run build`.
// Node 22.1+ can cache compiled code between runs, which shortens the load of TypeScript.
const nodeModule = require('node:module');
if (typeof nodeModule.enableCompileCache === 'function') nodeModule.enableCompileCache();
require('../out/server/src/cli/entry.js').start();
