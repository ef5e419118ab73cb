#!/usr/bin/env node
'use strict';
// The tfjs-lint language server (stdio or node IPC); built into out/ by `npm run build`.
require('../out/server/src/lsp/server.js');
