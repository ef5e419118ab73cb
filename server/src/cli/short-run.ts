// V8's tuning of one command-line run (compiler-tuning.ts, young-generation.ts), set in one
// order by the command and by the bench's processes that must start as it does (their code
// caches are keyed by the same flags).
import { tuneCompilerForShortRun } from './compiler-tuning';
import { holdYoungGeneration } from './young-generation';

export interface ShortRunTuning {
  /** The V8 flags set, as code caches are keyed by them ('' when none). */
  flags: string;
  /** The young generation is held at its start size (worker threads must set it again). */
  holdsYoungGeneration: boolean;
}

/** Sets the flags before anything big is compiled or allocated. */
export function tuneForShortRun(env: NodeJS.ProcessEnv = process.env): ShortRunTuning {
  const tuning = tuneCompilerForShortRun(env);
  const held = holdYoungGeneration(env);
  return { flags: [held, tuning].filter(Boolean).join(' '), holdsYoungGeneration: held !== '' };
}
