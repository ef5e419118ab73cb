#!/usr/bin/env node
'use strict';
// The tfjs-lint command; the code is built into out/ by `npm run build`.
require('../out/server/src/cli/main.js').run();
