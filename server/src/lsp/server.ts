// Entry point of the tfjs-lint language server (`tfjs-lint-server --stdio`, `--node-ipc`,
// `--socket=<port>`): the registry's rules, nothing else. Tests that need extra rules start
// the server through `startServer` from their own entry file instead.
import { rules } from '../../../rules/index';
import { startServer } from './start';

startServer({ rules });
