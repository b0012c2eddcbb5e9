import type { CliOutput } from './io.js';

const FRAMES = ['⠋', '⠙', '⠹', '⠸', '⠼', '⠴', '⠦', '⠧', '⠇', '⠏'];

/** A progress line on stderr while something waits on the network. */
export interface Spinner {
  /** Shows (or replaces) the current step. */
  update(step: string): void;
  /** Clears the line; the spinner can be started again by `update`. */
  stop(): void;
}

/**
 * A one-line spinner on a terminal only: on anything else (a pipe, a file, CI logs) it writes
 * nothing, so `2>log` and `--json | jq` stay clean. The timer is unref'd: it never keeps the
 * process alive.
 */
export function createSpinner(stream: CliOutput, options: { readonly intervalMs?: number } = {}): Spinner {
  if (stream.isTTY !== true) return { update: () => undefined, stop: () => undefined };
  let frame = 0;
  let step = '';
  let timer: ReturnType<typeof setInterval> | undefined;
  const draw = (): void => {
    stream.write(`\r\u001b[2K${FRAMES[frame % FRAMES.length] ?? ''} ${step}`);
    frame += 1;
  };
  return {
    update(next) {
      step = next;
      draw();
      if (timer === undefined) {
        timer = setInterval(draw, options.intervalMs ?? 80);
        timer.unref();
      }
    },
    stop() {
      if (timer === undefined) return;
      clearInterval(timer);
      timer = undefined;
      stream.write('\r\u001b[2K');
    },
  };
}
