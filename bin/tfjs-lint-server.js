#!/usr/bin/env node
require('../out/server/src/lsp/server.js');
